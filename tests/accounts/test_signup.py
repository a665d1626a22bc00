import re
import time
from types import SimpleNamespace

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.cache import cache
from django.core.mail.backends.base import BaseEmailBackend
from django.urls import reverse
from django.utils import translation

from portal.models import OutgoingEmail
from tests.html import buttons, errors, field_by_label, find, h1, hint, labels, links, text

from .conftest import link_in

pytestmark = pytest.mark.django_db

SIGNUP = {
    "full_name": "  Wang   Xiaoming ",
    "email": "Wang.Xiaoming@example.com",
    "password1": "a quiet morning on the Bund",
    "password2": "a quiet morning on the Bund",
}


def test_signup_page_asks_for_full_name_email_and_password(client):
    form = find(client.get(reverse("account_signup")), "main form")

    assert labels(form) == [
        "Full name",
        "Email address",
        "Create a password",
        "Confirm your password",
    ]
    assert [field_by_label(form, label)["name"] for label in labels(form)] == [
        "full_name",
        "email",
        "password1",
        "password2",
    ]


def test_signup_creates_an_unverified_account_and_sends_a_branded_verification_link(
    client, delivered_mail
):
    response = client.post(reverse("account_signup"), SIGNUP)

    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    user = get_user_model().objects.get(email="wang.xiaoming@example.com")
    assert user.full_name == "Wang Xiaoming"
    assert not EmailAddress.objects.get(user=user).verified
    assert "_auth_user_id" not in client.session
    [message] = delivered_mail()
    assert message.to == ["wang.xiaoming@example.com"]
    assert (
        message.subject
        == "Confirm your email address to finish creating your account | Shanghai City Portal"
    )
    assert "Hello Wang Xiaoming," in message.body
    assert (
        "To finish creating your account on Shanghai City Portal, confirm your email address."
        in message.body
    )
    assert link_in(message).startswith("/accounts/confirm-email/")
    html = message.alternatives[0].content
    assert links(html)["Confirm my email address"].endswith(link_in(message))


def test_the_verification_link_confirms_the_address_and_then_sign_in_works(
    client, delivered_mail, sign_in
):
    client.post(reverse("account_signup"), SIGNUP)
    confirm_url = link_in(delivered_mail()[0])

    page = client.get(confirm_url)
    assert page.status_code == 200
    assert buttons(find(page, "main")) == ["Confirm"]
    response = client.post(confirm_url)

    assert response.status_code == 302
    assert EmailAddress.objects.get(email="wang.xiaoming@example.com").verified
    response = sign_in("wang.xiaoming@example.com", SIGNUP["password1"])
    assert response.status_code == 302
    assert response.url == reverse("home")
    assert client.session["_auth_user_id"]


def test_an_unverified_account_cannot_sign_in_until_the_address_is_confirmed(
    client, delivered_mail, sign_in
):
    client.post(reverse("account_signup"), SIGNUP)
    delivered_mail().clear()

    response = sign_in("wang.xiaoming@example.com", SIGNUP["password1"])

    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("accounts:overview")).status_code == 302
    # The link sent at sign-up is still fresh: no second email within the cooldown.
    assert delivered_mail() == []


@pytest.mark.parametrize(("prefix", "language"), [("", "en"), ("/zh-hans", "zh-hans")])
def test_we_write_in_the_language_a_person_signed_up_in(client, prefix, language):
    with translation.override("en"):
        client.post(prefix + reverse("account_signup"), SIGNUP)

    assert get_user_model().objects.get().contact_language == language


@pytest.mark.parametrize(
    ("field", "value", "error"),
    [
        ("full_name", "   ", "Full name: Enter your full name."),
        ("email", "not-an-address", "Email address: Enter a valid email address."),
        ("password1", "password", "Create a password: This password is too short."),
    ],
)
def test_bad_signup_input_gets_an_error_next_to_the_field_and_in_the_summary(
    client, field, value, error
):
    data = {**SIGNUP, field: value}
    if field == "password1":
        data["password2"] = value

    response = client.post(reverse("account_signup"), data)

    assert response.status_code == 200
    label, message = error.split(": ")
    problems = errors(response)
    assert problems.fields[field][0].startswith(message)
    linked = [item for item, target in problems.summary_links.items() if target == f"#id_{field}"]
    assert message in linked[0]
    assert field_by_label(response, label)["aria-invalid"] == "true"
    assert not get_user_model().objects.filter(full_name="Wang Xiaoming").exists()


def same_but_for_tokens(response):
    # Each page carries its own masked CSRF token (in the "Send the email again" form).
    return re.sub(r'name="csrfmiddlewaretoken" value="\w+"', "", response.content.decode())


def test_signing_up_with_a_registered_address_looks_the_same_and_emails_the_owner(
    client, citizen, delivered_mail
):
    new = client.post(reverse("account_signup"), SIGNUP, follow=True)
    taken = client.post(
        reverse("account_signup"), {**SIGNUP, "email": "li.na@example.com"}, follow=True
    )

    assert taken.redirect_chain == new.redirect_chain
    assert same_but_for_tokens(taken).replace("li.na@example.com", "ADDRESS") == (
        same_but_for_tokens(new).replace("wang.xiaoming@example.com", "ADDRESS")
    )
    assert get_user_model().objects.filter(email="li.na@example.com").count() == 1
    already = delivered_mail()[1]
    assert already.to == ["li.na@example.com"]
    assert already.subject.startswith("You already have an account")
    assert "/accounts/password/reset/" in already.body


def test_signing_up_with_a_closed_accounts_address_tells_its_owner_it_is_closed(
    client, citizen, delivered_mail
):
    citizen.is_active = False
    citizen.save(update_fields=["is_active"])

    taken = client.post(
        reverse("account_signup"), {**SIGNUP, "email": "li.na@example.com"}, follow=True
    )

    assert h1(taken) == "Check your email"
    assert get_user_model().objects.filter(email="li.na@example.com").count() == 1
    [closed] = delivered_mail()
    assert closed.to == ["li.na@example.com"]
    assert closed.subject.startswith("Your account with this address is closed")
    assert "tried to create an account" in closed.body
    assert "so we did not open a new one" in closed.body
    assert "/contact/" in closed.body


def test_the_signup_password_must_pass_the_validators(client):
    response = client.post(
        reverse("account_signup"),
        {**SIGNUP, "password1": "12345678901", "password2": "12345678901"},
    )

    assert "This password is entirely numeric." in errors(response).fields["password1"]


class BrokenMailServer(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise ConnectionRefusedError("mail server down")


def test_a_mail_server_that_is_down_does_not_break_sign_up(client, settings, delivered_mail):
    settings.MAILERS = {**settings.MAILERS, "delivery": {"BACKEND": f"{__name__}.BrokenMailServer"}}

    response = client.post(reverse("account_signup"), SIGNUP)

    assert response.url == reverse("account_email_verification_sent")
    assert get_user_model().objects.filter(email="wang.xiaoming@example.com").exists()
    assert delivered_mail() == []
    email = OutgoingEmail.objects.get(to=["wang.xiaoming@example.com"])
    assert email.status == OutgoingEmail.Status.PENDING
    assert email.attempts == 1


@pytest.fixture
def days_later(monkeypatch):
    """The clock that dates and checks the links in confirmation emails, moved on by hand."""
    now = time.time()

    def move_on(days):
        later = SimpleNamespace(time=lambda: now + days * 24 * 60 * 60)
        monkeypatch.setattr(signing, "time", later)

    return move_on


@pytest.mark.parametrize("days", [3, 5])
def test_the_sign_up_email_says_how_long_its_link_works_and_it_works_that_long(
    client, delivered_mail, days_later, settings, days
):
    settings.ACCOUNT_EMAIL_CONFIRMATION_EXPIRE_DAYS = days
    client.post(reverse("account_signup"), SIGNUP)
    [message] = delivered_mail()
    promise = (
        f"The link works for {days} days. If it has stopped working, sign in and we will send "
        "you a new one."
    )
    assert promise in message.body
    assert promise in text(message.alternatives[0].content)

    days_later(days - 0.01)
    assert h1(client.get(link_in(message))) == "Confirm your email address"
    days_later(days + 0.01)
    assert h1(client.get(link_in(message))) == "This link no longer works"

    # Signing in sends a new link, once allauth's few minutes between two emails are over.
    cache.clear()
    client.post(
        reverse("account_login"), {"login": SIGNUP["email"], "password": SIGNUP["password1"]}
    )
    [_, new] = delivered_mail()
    assert new.to == ["wang.xiaoming@example.com"]
    client.post(link_in(new))
    assert EmailAddress.objects.get(email="wang.xiaoming@example.com").verified


def test_the_sign_up_email_says_what_to_do_if_it_was_not_you(client, delivered_mail):
    client.post(reverse("account_signup"), SIGNUP)
    [message] = delivered_mail()

    assert (
        "If you did not create an account, ignore this email. Nobody can use an account with "
        "your address until the address is confirmed." in message.body
    )
    # As it says: the password alone does not let anyone in.
    response = client.post(
        reverse("account_login"), {"login": SIGNUP["email"], "password": SIGNUP["password1"]}
    )
    assert response.url == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize(
    ("url", "label"),
    [
        (reverse("account_signup"), "Create a password"),
        (reverse("account_change_password"), "New password"),
    ],
)
def test_the_password_rules_are_one_short_hint(client, citizen, url, label):
    if url != reverse("account_signup"):
        client.force_login(citizen)

    page = client.get(url)

    assert hint(page, label) == (
        "Use at least 10 characters. Do not use a common password, only numbers, or something "
        "like your name or email address."
    )
