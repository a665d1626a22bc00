"""A citizen's own pages show every change at once, and only to a verified address."""

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

from applications.services import application_change_status, inquiry_answer

pytestmark = pytest.mark.django_db


def test_a_status_change_shows_at_once_on_the_home_page_and_list(
    client, citizen, caseworker, submit_application
):
    application = submit_application(citizen)
    client.force_login(citizen)
    for url in ["/", reverse("applications:application_list")]:
        assert "Submitted" in client.get(url).content.decode()

    application_change_status(application=application, to_status="received", by=caseworker)

    for url in ["/", reverse("applications:application_list"), application.get_absolute_url()]:
        assert "Received" in client.get(url).content.decode(), url


def test_an_answer_shows_at_once_on_the_inquiry_page(client, citizen, caseworker, submit_inquiry):
    inquiry = submit_inquiry(citizen)
    client.force_login(citizen)
    client.get(inquiry.get_absolute_url())

    inquiry_answer(inquiry=inquiry, answer="It opens at nine.", by=caseworker)

    assert "It opens at nine." in client.get(inquiry.get_absolute_url()).content.decode()


def test_a_new_application_shows_at_once_in_the_list(client, citizen, submit_application):
    client.force_login(citizen)
    client.get(reverse("applications:application_list"))

    application = submit_application(citizen)

    assert (
        application.reference
        in client.get(reverse("applications:application_list")).content.decode()
    )


@pytest.mark.parametrize("change", ["unverified", "removed"])
def test_a_case_page_is_not_shown_once_the_email_address_is_no_longer_verified(
    client, citizen, submit_application, change
):
    application = submit_application(citizen)
    client.force_login(citizen)
    assert application.reference in client.get(application.get_absolute_url()).content.decode()

    address = EmailAddress.objects.get(user=citizen)
    if change == "removed":
        address.delete()
    else:
        address.verified = False
        address.save()

    page = client.get(application.get_absolute_url()).content.decode()
    assert application.reference not in page
    assert "Confirm your email address" in page


def test_a_case_page_is_not_shown_once_the_email_address_moves_to_another_account(
    client, citizen, other_citizen, submit_application
):
    application = submit_application(citizen)
    client.force_login(citizen)
    assert application.reference in client.get(application.get_absolute_url()).content.decode()
    EmailAddress.objects.filter(user=other_citizen).delete()

    address = EmailAddress.objects.get(user=citizen)
    address.user = other_citizen
    address.save()

    page = client.get(application.get_absolute_url()).content.decode()
    assert "Confirm your email address" in page
