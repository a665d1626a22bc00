import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

from tests.html import h1, text, texts_of

from .conftest import link_in

pytestmark = pytest.mark.django_db


def test_changing_the_email_address_takes_effect_only_once_the_new_one_is_confirmed(
    client, citizen, delivered_mail
):
    client.force_login(citizen)

    response = client.post(
        reverse("account_email"), {"action_add": "", "email": "li.na@newmail.example"}
    )

    assert response.status_code == 302
    [message] = delivered_mail()
    assert message.to == ["li.na@newmail.example"]
    assert message.subject == "Confirm your email address | Shanghai City Portal"
    assert "Until you confirm it, we keep using your current address." in message.body
    citizen.refresh_from_db()
    assert citizen.email == "li.na@example.com"

    client.post(link_in(message))

    citizen.refresh_from_db()
    assert citizen.email == "li.na@newmail.example"
    assert list(EmailAddress.objects.filter(user=citizen).values_list("email", "verified")) == [
        ("li.na@newmail.example", True)
    ]


def test_the_email_page_uses_the_portal_layout(client, citizen):
    client.force_login(citizen)

    page = client.get(reverse("account_email"))

    assert h1(page) == "Change your email address"
    assert texts_of(page, 'nav[aria-label="Breadcrumb"] li')[:2] == ["Home", "My account"]
    assert "Your email address is li.na@example.com." in text(page)
