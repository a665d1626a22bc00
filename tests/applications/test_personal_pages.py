"""A citizen's own pages show every change at once, and only to a verified address."""

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

from applications.services import application_change_status, inquiry_answer
from tests.factories import make_inquiry
from tests.html import h1, headings, region, table, text

pytestmark = pytest.mark.django_db


def statuses_in_widget(page):
    """{reference: status} in the home page's "My applications" box."""
    return {row["Reference"]: row["Status"] for row in table(region(page, "My applications"))}


def statuses_in_list(page):
    """{reference: status} in the "My applications" table."""
    return {row["Reference"]: row["Status"] for row in table(page)}


def test_a_status_change_shows_at_once_on_the_home_page_and_list(
    client, citizen, caseworker, make_application
):
    application = make_application(applicant=citizen)
    client.force_login(citizen)
    home, listed = "/", reverse("applications:application_list")
    assert statuses_in_widget(client.get(home)) == {application.reference: "Submitted"}
    assert statuses_in_list(client.get(listed)) == {application.reference: "Submitted"}

    application_change_status(application=application, to_status="received", by=caseworker)

    assert statuses_in_widget(client.get(home)) == {application.reference: "Received"}
    assert statuses_in_list(client.get(listed)) == {application.reference: "Received"}
    assert "Status: Received" in headings(client.get(application.get_absolute_url()))


def test_an_answer_shows_at_once_on_the_inquiry_page(client, citizen, caseworker):
    inquiry = make_inquiry(author=citizen)
    client.force_login(citizen)
    client.get(inquiry.get_absolute_url())

    inquiry_answer(inquiry=inquiry, answer="It opens at nine.", by=caseworker)

    assert "It opens at nine." in text(region(client.get(inquiry.get_absolute_url()), "Our answer"))


def test_a_new_application_shows_at_once_in_the_list(client, citizen, make_application):
    client.force_login(citizen)
    client.get(reverse("applications:application_list"))

    application = make_application(applicant=citizen)

    listed = client.get(reverse("applications:application_list"))
    assert statuses_in_list(listed) == {application.reference: "Submitted"}


@pytest.mark.parametrize("change", ["unverified", "removed"])
def test_a_case_page_is_not_shown_once_the_email_address_is_no_longer_verified(
    client, citizen, make_application, change
):
    application = make_application(applicant=citizen)
    client.force_login(citizen)
    assert h1(client.get(application.get_absolute_url())) == f"Application {application.reference}"

    address = EmailAddress.objects.get(user=citizen)
    if change == "removed":
        address.delete()
    else:
        address.verified = False
        address.save()

    page = client.get(application.get_absolute_url())
    assert application.reference not in text(page)
    assert h1(page) == "Confirm your email address"


def test_a_case_page_is_not_shown_once_the_email_address_moves_to_another_account(
    client, citizen, other_citizen, make_application
):
    application = make_application(applicant=citizen)
    client.force_login(citizen)
    assert h1(client.get(application.get_absolute_url())) == f"Application {application.reference}"
    EmailAddress.objects.filter(user=other_citizen).delete()

    address = EmailAddress.objects.get(user=citizen)
    address.user = other_citizen
    address.save()

    page = client.get(application.get_absolute_url()).content.decode()
    assert "Confirm your email address" in page
