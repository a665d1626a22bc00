import pytest
from django.urls import reverse

from tests.factories import make_inquiry
from tests.html import headings, links, main, region, table, texts_of

pytestmark = pytest.mark.django_db


def test_the_status_widgets_list_a_citizens_latest_cases_or_say_how_to_start(
    client, citizen, make_application
):
    application = make_application(applicant=citizen)
    client.force_login(citizen)

    home = client.get(reverse("home"))

    applications = region(home, "My applications")
    assert list(links(applications).items()) == [
        ("view more of my applications »", reverse("applications:application_list")),
        (application.reference, application.get_absolute_url()),
    ]
    inquiries = region(home, "My inquiries")
    assert list(links(inquiries).items()) == [
        ("view more of my inquiries »", reverse("applications:inquiry_list")),
        ("Ask a question", reverse("applications:inquiry_create")),
    ]
    assert "You have not asked us anything yet." in texts_of(inquiries, "p")


def test_a_citizen_without_applications_is_shown_where_to_apply(client, citizen):
    client.force_login(citizen)

    applications = region(client.get(reverse("home")), "My applications")

    assert "You have no applications yet." in texts_of(applications, "p")
    assert links(applications)["Apply for a service"] == reverse("applications:service_list")


def test_a_visitor_sees_no_personal_status_widgets(client):
    shown = headings(client.get(reverse("home")))

    assert "My applications" not in shown
    assert "My inquiries" not in shown


def test_the_home_pages_inquiries_head_their_columns_as_my_inquiries_does(client, citizen):
    make_inquiry(author=citizen)
    client.force_login(citizen)

    home = table(region(client.get(reverse("home")), "My inquiries"))
    inquiries = table(main(client.get(reverse("applications:inquiry_list"))))

    assert list(home[0]) == list(inquiries[0]) == ["Date", "Reference", "Subject", "Status"]
