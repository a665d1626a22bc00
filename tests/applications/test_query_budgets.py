"""Every citizen page and widget runs the same number of queries with 3 cases as with 100."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from applications.services import application_change_status

pytestmark = pytest.mark.django_db


def queries_for(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


@pytest.fixture
def add_cases(citizen, caseworker, submit_application, submit_inquiry):
    def add(count):
        for _ in range(count):
            application = submit_application(citizen)
            application_change_status(application=application, to_status="received", by=caseworker)
            submit_inquiry(citizen)
        return application

    return add


@pytest.mark.parametrize(
    "url",
    [
        reverse("home"),
        reverse("applications:application_list"),
        reverse("applications:application_list") + "?status=received",
        reverse("applications:inquiry_list"),
        reverse("applications:service_list"),
    ],
)
def test_lists_and_widgets_cost_the_same_with_3_and_100_cases(client, citizen, add_cases, url):
    add_cases(3)
    client.force_login(citizen)
    client.get(url)  # the parts shared by everyone are cached from the first visit on
    few = queries_for(client, url)

    add_cases(97)

    assert queries_for(client, url) == few


def test_a_case_page_costs_the_same_with_a_short_and_a_long_history(
    client, citizen, caseworker, add_cases
):
    application = add_cases(1)
    inquiry = citizen.inquiries.get()
    client.force_login(citizen)
    few = [queries_for(client, case.get_absolute_url()) for case in [application, inquiry]]

    for _ in range(10):
        application_change_status(
            application=application, to_status="action_required", by=caseworker
        )
        application_change_status(application=application, to_status="processing", by=caseworker)

    assert [queries_for(client, case.get_absolute_url()) for case in [application, inquiry]] == few


def test_the_home_widgets_show_the_latest_three_of_each(client, citizen, add_cases):
    add_cases(5)
    client.force_login(citizen)

    html = client.get(reverse("home")).content.decode()

    assert "Application Status" in html and "Inquiry Status" in html
    assert html.count('class="case-widget__reference"') == 6
    latest = citizen.applications.newest_first().first()
    assert latest.reference in html
    assert timezone.localtime(latest.submitted_at).strftime("%m-%d") in html
    assert "view more »" in html


def test_the_widgets_invite_a_new_user_to_apply_or_ask(client, citizen):
    client.force_login(citizen)

    html = client.get(reverse("home")).content.decode()

    assert "You have no applications yet." in html
    assert reverse("applications:service_list") in html
    assert reverse("applications:inquiry_create") in html


def test_anonymous_visitors_see_no_personal_status_widgets(client):
    html = client.get(reverse("home")).content.decode()

    assert "My inquiries" not in html and "You have no applications yet." not in html
