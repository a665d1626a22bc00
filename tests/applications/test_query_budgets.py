"""Every citizen page and widget runs the same number of queries with 3 cases as with 100."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from applications.services import application_change_status
from tests.factories import make_inquiry
from tests.html import link_targets, links, region, table, text

pytestmark = pytest.mark.django_db


def queries_for(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


@pytest.fixture
def add_cases(citizen, caseworker, make_application):
    def add(count):
        for _ in range(count):
            application = make_application(applicant=citizen)
            application_change_status(application=application, to_status="received", by=caseworker)
            make_inquiry(author=citizen)
        return application

    return add


# Signed in, once the parts shared by everyone are kept: the session and the person, then what
# the page reads of its own.
@pytest.mark.parametrize(
    ("url", "budget"),
    [
        (reverse("home"), 2 + 2),  # the latest applications, the latest inquiries
        # the verified address, the count, the drafts and the page of applications
        (reverse("applications:application_list"), 2 + 4),
        # a filtered list shows no drafts
        (reverse("applications:application_list") + "?status=received", 2 + 3),
        # the verified address, the count and the page of inquiries
        (reverse("applications:inquiry_list"), 2 + 3),
        (reverse("applications:service_list"), 2 + 1),  # the open services
    ],
)
def test_lists_and_widgets_cost_the_same_with_3_and_100_cases(
    client, citizen, add_cases, url, budget
):
    add_cases(3)
    client.force_login(citizen)
    client.get(url)  # the parts shared by everyone are cached from the first visit on
    few = queries_for(client, url)

    add_cases(97)

    assert queries_for(client, url) == few == budget


@pytest.mark.parametrize(
    ("url", "table"),
    [
        (reverse("applications:application_list"), "applications_application"),
        (reverse("applications:inquiry_list"), "applications_inquiry"),
        (reverse("home"), "applications_application"),
        (reverse("home"), "applications_inquiry"),
    ],
)
def test_lists_and_boxes_of_cases_read_only_what_they_show(client, citizen, add_cases, url, table):
    add_cases(3)
    client.force_login(citizen)

    with CaptureQueriesContext(connection) as context:
        client.get(url)

    # The person's own cases; on the home page also those listed publicly.
    lists = [q["sql"] for q in context.captured_queries if q["sql"].startswith(f'SELECT "{table}"')]
    assert lists
    # Not the service's descriptions and search words, nor the inquiry's message.
    for rows in lists:
        for long_text in ("description", "who_can_apply", "search_vector", '"message"'):
            assert long_text not in rows


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
    # The session, the person, the verified address and the case; then the history with its
    # files, and the case's own files: for an application also its answers.
    assert few == [3 + 1 + 4, 3 + 1 + 3]


def test_the_home_widgets_show_the_latest_three_of_each(client, citizen, add_cases):
    add_cases(5)
    client.force_login(citizen)

    page = client.get(reverse("home"))

    applications = region(page, "My applications")
    inquiries = region(page, "My inquiries")
    latest = [
        {
            "Reference": application.reference,
            "Service": application.service.name,
            "Status": application.get_status_display(),
        }
        for application in citizen.applications.newest_first()[:3]
    ]
    shown = [{column: row[column] for column in latest[0]} for row in table(applications)]
    assert shown == latest
    assert len(table(inquiries)) == 3
    assert links(applications)["view more of my applications »"] == reverse(
        "applications:application_list"
    )
    assert links(inquiries)["view more of my inquiries »"] == reverse("applications:inquiry_list")


def test_the_widgets_invite_a_new_user_to_apply_or_ask(client, citizen):
    client.force_login(citizen)

    page = client.get(reverse("home"))

    applications = region(page, "My applications")
    assert "You have no applications yet." in text(applications)
    assert links(applications)["Apply for a service"] == reverse("applications:service_list")
    assert reverse("applications:inquiry_create") in link_targets(region(page, "My inquiries"))


def test_anonymous_visitors_see_no_personal_status_widgets(client):
    html = client.get(reverse("home")).content.decode()

    assert "My inquiries" not in html
    assert "You have no applications yet." not in html
