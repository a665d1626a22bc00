"""Links in emails point at the portal's own address: never at a port someone wrote into Host."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

# Django checks the host name against ALLOWED_HOSTS and ignores the port.
FORGED_HOST = {"headers": {"Host": "localhost:6666"}, "SERVER_PORT": "8000"}


def links_in(message):
    return re.findall(r"https?://\S+", message.body)


def test_a_reset_link_keeps_the_servers_port_whatever_the_host_header_says(
    client, citizen, delivered_mail
):
    client.post(reverse("account_reset_password"), {"email": citizen.email}, **FORGED_HOST)

    [message] = delivered_mail()
    links = links_in(message)
    assert any("/accounts/password/reset/key/" in link for link in links)
    assert all(link.startswith("http://localhost:8000/") for link in links), links


def test_a_reset_link_uses_the_configured_address(client, citizen, delivered_mail, settings):
    settings.PORTAL_BASE_URL = "https://portal.city.example"

    client.post(reverse("account_reset_password"), {"email": citizen.email}, **FORGED_HOST)

    [message] = delivered_mail()
    links = links_in(message)
    assert any("/accounts/password/reset/key/" in link for link in links)
    assert all(link.startswith("https://portal.city.example/") for link in links), links
    html = message.alternatives[0].content
    assert "localhost" not in html


def test_the_sign_up_link_for_an_unknown_address_keeps_the_servers_port(client, delivered_mail):
    client.post(reverse("account_reset_password"), {"email": "nobody@example.com"}, **FORGED_HOST)

    [message] = delivered_mail()
    assert "http://localhost:8000/accounts/signup/" in links_in(message)


def test_the_confirmation_link_of_a_sign_up_keeps_the_servers_port(client, delivered_mail):
    client.post(
        reverse("account_signup"),
        {
            "full_name": "Wang Fang",
            "email": "wang.fang@example.com",
            "password1": "a walk along the Bund",
            "password2": "a walk along the Bund",
        },
        **FORGED_HOST,
    )

    [message] = delivered_mail()
    links = links_in(message)
    assert any("/accounts/confirm-email/" in link for link in links)
    assert all(link.startswith("http://localhost:8000/") for link in links), links
