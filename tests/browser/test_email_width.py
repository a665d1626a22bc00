"""The HTML emails with a link to copy (here the sign-up one) fit a phone's screen: the long
link wraps instead of widening the email."""

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db(transaction=True)

SIGNUP = {
    "full_name": "Wang Xiaoming",
    "email": "wang.xiaoming@example.com",
    "password1": "a quiet morning on the Bund",
    "password2": "a quiet morning on the Bund",
}


def html_of(message):
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    return html


@pytest.mark.parametrize("language", ["", "/zh-hans"])
def test_the_sign_up_email_fits_a_phone(page, delivered_mail, language):
    client = Client()
    # An address of its own for each language: allauth sends one confirmation an address at most
    # every few minutes.
    signup = {**SIGNUP, "email": f"wang.xiaoming{language.replace('/', '.')}@example.com"}
    assert client.post(language + reverse("account_signup"), signup).status_code == 302
    [email] = delivered_mail()

    page.set_viewport_size({"width": 390, "height": 800})
    page.set_content(html_of(email))
    assert "/accounts/confirm-email/" in page.inner_text("body")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
