"""A citizen's kept pages stop being served the moment one of their cases changes."""

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

from applications.services import application_change_status, inquiry_answer
from tests.factories import make_inquiry

pytestmark = pytest.mark.django_db


def test_a_status_change_shows_at_once_on_a_kept_home_page_and_list(
    client, citizen, caseworker, make_application
):
    application = make_application(applicant=citizen)
    client.force_login(citizen)
    for url in ["/", reverse("applications:application_list")]:
        assert "Submitted" in client.get(url).content.decode()

    application_change_status(application=application, to_status="received", by=caseworker)

    for url in ["/", reverse("applications:application_list"), application.get_absolute_url()]:
        assert "Received" in client.get(url).content.decode(), url


def test_an_answer_shows_at_once_on_a_kept_inquiry_page(client, citizen, caseworker):
    inquiry = make_inquiry(author=citizen)
    client.force_login(citizen)
    client.get(inquiry.get_absolute_url())

    inquiry_answer(inquiry=inquiry, answer="It opens at nine.", by=caseworker)

    assert "It opens at nine." in client.get(inquiry.get_absolute_url()).content.decode()


def test_a_new_application_shows_at_once_in_the_kept_list(client, citizen, make_application):
    client.force_login(citizen)
    client.get(reverse("applications:application_list"))

    application = make_application(applicant=citizen)

    assert (
        application.reference
        in client.get(reverse("applications:application_list")).content.decode()
    )


@pytest.mark.parametrize(
    "view", ["application_list", "inquiry_list", "application_detail", "inquiry_detail"]
)
def test_a_kept_case_page_costs_only_the_session_and_the_user(
    client, citizen, make_application, django_assert_num_queries, view
):
    cases = {
        "application": make_application(applicant=citizen),
        "inquiry": make_inquiry(author=citizen),
    }
    kind, shape = view.split("_")
    url = cases[kind].get_absolute_url() if shape == "detail" else reverse(f"applications:{view}")
    client.force_login(citizen)
    first = client.get(url)

    with django_assert_num_queries(2):  # their session and their user record
        again = client.get(url)

    assert again.content == first.content


@pytest.mark.parametrize("change", ["unverified", "removed"])
def test_a_kept_case_page_is_not_served_once_the_email_address_is_no_longer_verified(
    client, citizen, make_application, change
):
    application = make_application(applicant=citizen)
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
    assert "Verify Your Email Address" in page


def test_a_kept_case_page_is_not_served_once_the_email_address_moves_to_another_account(
    client, citizen, other_citizen, make_application
):
    application = make_application(applicant=citizen)
    client.force_login(citizen)
    assert application.reference in client.get(application.get_absolute_url()).content.decode()
    EmailAddress.objects.filter(user=other_citizen).delete()

    address = EmailAddress.objects.get(user=citizen)
    address.user = other_citizen
    address.save()

    page = client.get(application.get_absolute_url()).content.decode()
    assert "Verify Your Email Address" in page
