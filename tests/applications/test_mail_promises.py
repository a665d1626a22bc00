"""Email goes out through the outbox after the page: pages promise it, never claim it was sent."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_sending_an_inquiry_says_we_will_email_a_copy(client, citizen):
    client.force_login(citizen)

    response = client.post(
        reverse("applications:inquiry_create"),
        {"subject": "Library opening hours", "message": "When is it open on holidays?"},
    )

    [message] = [str(message) for message in get_messages(response.wsgi_request)]
    assert message.endswith("We will email you a copy.")
