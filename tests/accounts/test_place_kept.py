"""A visitor who presses "Start now" without an account signs up, confirms the address from the
email (in this browser or another one), signs in, and lands on the service's form."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from tests.html import Crumb, breadcrumbs, find, h1, link_targets, main

from .conftest import link_in

pytestmark = pytest.mark.django_db

PASSWORD = "a quiet morning on the Bund"


def hidden_next(response):
    return find(response, 'input[name="next"]')["value"]


def sign_up_from_start_now(client, service, delivered_mail):
    """From "Start now" to the verification email, as a visitor goes; returns the link in it."""
    to_sign_in = client.get(service.get_apply_url()).url
    sign_in_page = main(client.get(to_sign_in))
    signup_url = next(href for href in link_targets(sign_in_page) if "signup" in href)
    signup_page = client.get(signup_url)
    assert hidden_next(signup_page) == service.get_apply_url()
    response = client.post(
        signup_url,
        {
            "full_name": "Wang Xiaoming",
            "email": "wang.xiaoming@example.com",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "next": hidden_next(signup_page),
        },
    )
    assert response.status_code == 302
    [message] = delivered_mail()
    return link_in(message)


def confirm_then_sign_in(client, link, service):
    """Confirm the address through the link, signing in when asked; the form page reached."""
    confirm_page = client.get(link)
    assert confirm_page.status_code == 200
    assert hidden_next(confirm_page) == service.get_apply_url()
    confirmed = client.post(urlsplit(link).path, {"next": hidden_next(confirm_page)})
    assert confirmed.url == service.get_apply_url()
    apply = client.get(confirmed.url)
    sign_in_url = f"{reverse('account_login')}?next={service.get_apply_url()}"
    if apply.url == sign_in_url:
        # Another browser: the link confirms the address, and the person signs in there.
        sign_in_page = client.get(sign_in_url)
        signed_in = client.post(
            sign_in_url,
            {
                "login": "wang.xiaoming@example.com",
                "password": PASSWORD,
                "next": hidden_next(sign_in_page),
            },
        )
        assert signed_in.url == service.get_apply_url()
        apply = client.get(signed_in.url)
    assert apply.url == reverse("applications:application_page", args=[service.slug, 1])
    return client.get(apply.url)


def test_the_link_in_the_email_keeps_the_place(client, service, delivered_mail):
    link = sign_up_from_start_now(client, service, delivered_mail)

    assert urlsplit(link).path.startswith("/accounts/confirm-email/")
    assert parse_qs(urlsplit(link).query) == {"next": [service.get_apply_url()]}


def test_confirmed_in_another_browser_the_person_signs_in_and_lands_on_the_form(
    client, service, delivered_mail
):
    link = sign_up_from_start_now(client, service, delivered_mail)

    form_page = confirm_then_sign_in(Client(), link, service)

    assert form_page.status_code == 200
    assert h1(form_page) == "Your application"
    assert Crumb(service.name, service.get_absolute_url()) in breadcrumbs(form_page)


def test_confirmed_in_the_same_browser_the_person_lands_on_the_form_too(
    client, service, delivered_mail
):
    link = sign_up_from_start_now(client, service, delivered_mail)

    form_page = confirm_then_sign_in(client, link, service)

    assert h1(form_page) == "Your application"


def test_signing_in_before_confirming_sends_a_link_that_keeps_the_place(
    client, service, delivered_mail
):
    sign_up_from_start_now(client, service, delivered_mail)
    delivered_mail().clear()
    cache.clear()  # the three minutes between confirmation emails have passed
    later = Client()
    # Days later, in another browser, the person tries to sign in before confirming.
    later.post(
        f"{reverse('account_login')}?next={service.get_apply_url()}",
        {
            "login": "wang.xiaoming@example.com",
            "password": PASSWORD,
            "next": service.get_apply_url(),
        },
    )

    [message] = delivered_mail()
    link = link_in(message)

    assert parse_qs(urlsplit(link).query) == {"next": [service.get_apply_url()]}
    assert h1(confirm_then_sign_in(later, link, service)) == "Your application"


def test_a_link_leading_elsewhere_is_not_followed(client, service, delivered_mail):
    client.post(
        reverse("account_signup"),
        {
            "full_name": "Wang Xiaoming",
            "email": "wang.xiaoming@example.com",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "next": "https://elsewhere.example/phish",
        },
    )

    link = link_in(delivered_mail()[0])

    assert "next" not in parse_qs(urlsplit(link).query)
