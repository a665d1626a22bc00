"""A citizen's kept pages stop being served the moment one of their cases changes."""

import pytest
from django.urls import reverse

from applications.services import application_change_status, inquiry_answer

pytestmark = pytest.mark.django_db


def test_a_status_change_shows_at_once_on_a_kept_home_page_and_list(
    client, citizen, caseworker, submit_application
):
    application = submit_application(citizen)
    client.force_login(citizen)
    for url in ["/", reverse("applications:application_list")]:
        assert "Submitted" in client.get(url).content.decode()

    application_change_status(application=application, to_status="received", by=caseworker)

    for url in ["/", reverse("applications:application_list"), application.get_absolute_url()]:
        assert "Received" in client.get(url).content.decode(), url


def test_an_answer_shows_at_once_on_a_kept_inquiry_page(
    client, citizen, caseworker, submit_inquiry
):
    inquiry = submit_inquiry(citizen)
    client.force_login(citizen)
    client.get(inquiry.get_absolute_url())

    inquiry_answer(inquiry=inquiry, answer="It opens at nine.", by=caseworker)

    assert "It opens at nine." in client.get(inquiry.get_absolute_url()).content.decode()


def test_a_new_application_shows_at_once_in_the_kept_list(client, citizen, submit_application):
    client.force_login(citizen)
    client.get(reverse("applications:application_list"))

    application = submit_application(citizen)

    assert (
        application.reference
        in client.get(reverse("applications:application_list")).content.decode()
    )
