"""The account pages in plain words, one name for each action, and a way on from each."""

import pytest
from django.urls import reverse

from tests.factories import PASSWORD
from tests.pages import read
from tests.staff import add_authenticator

pytestmark = pytest.mark.django_db

# Every public page ends with "Is this page useful?" (tests/portal/test_page_feedback_widget.py).
ASKS_IF_USEFUL = ["Yes this page is useful", "No this page is not useful"]


@pytest.mark.parametrize(
    ("name", "heading", "labels"),
    [
        (
            "account_login",
            "Sign in",
            ["Email address", "Password", "Keep me signed in on this device"],
        ),
        (
            "account_signup",
            "Create an account",
            ["Full name", "Email address", "Create a password", "Confirm your password"],
        ),
        ("account_reset_password", "Reset your password", ["Email address"]),
        ("account_reset_password_done", "Check your email", []),
        ("account_email_verification_sent", "Check your email", []),
        ("account_inactive", "This account is closed", []),
    ],
)
def test_the_pages_for_visitors_say_what_they_are_for(client, name, heading, labels):
    page = read(client.get(reverse(name)).content)

    assert page.h1 == heading
    assert page.title.startswith(f"{heading} |")
    assert [page.labels[f"id_{field}"] for field in fields_of(page)] == labels
    # No placeholders: they repeat the label and vanish as soon as someone types.
    assert not any("placeholder" in attributes for attributes in page.inputs)


def fields_of(page):
    names = [attrs.get("name") for attrs in page.inputs if attrs.get("type") != "hidden"]
    return [name for name in names if f"id_{name}" in page.labels]


@pytest.mark.parametrize(
    ("name", "heading", "labels"),
    [
        (
            "account_change_password",
            "Change your password",
            ["Current password", "New password", "Confirm your new password"],
        ),
        ("account_logout", "Sign out", []),
        ("account_reauthenticate", "Confirm it's you", ["Password"]),
        ("account_email", "Change your email address", ["New email address"]),
        ("mfa_index", "Two-factor authentication", []),
        (
            "mfa_activate_totp",
            "Set up two-factor authentication",
            ["Code from your authenticator app"],
        ),
    ],
)
def test_the_pages_for_a_signed_in_person(client, citizen, sign_in, name, heading, labels):
    sign_in(citizen.email)

    page = read(client.get(reverse(name)).content)

    assert page.h1 == heading
    assert [page.labels[f"id_{field}"] for field in fields_of(page)] == labels


def test_the_sign_in_page_leads_to_creating_an_account_and_resetting_the_password(client):
    page = read(client.get(reverse("account_login"), {"next": "/services/"}).content)

    assert page.buttons == ["Sign in", *ASKS_IF_USEFUL]
    assert page.link("Reset your password") == reverse("account_reset_password")
    # The place the person was going to is kept, whichever way they take.
    assert page.link("Create an account") == f"{reverse('account_signup')}?next=%2Fservices%2F"


def test_create_an_account_has_one_name_from_the_link_to_the_button(client):
    home = read(client.get(reverse("home")).content)
    page = read(client.get(home.link("Create an account")).content)

    assert page.h1 == "Create an account"
    assert page.buttons == ["Create an account", *ASKS_IF_USEFUL]
    assert page.link("Sign in") == reverse("account_login")


def test_a_changed_password_leads_on_to_my_account(client, citizen):
    client.force_login(citizen)

    response = client.post(
        reverse("account_change_password"),
        {"oldpassword": PASSWORD, "password1": "a new lantern", "password2": "a new lantern"},
        follow=True,
    )

    assert response.redirect_chain[-1][0] == reverse("accounts:overview")
    assert read(response.content).h1 == "My account"
    assert "Password successfully changed." in read(response.content).main_text


def test_a_reset_password_leads_on_to_sign_in(client):
    page = read(client.get(reverse("account_reset_password_from_key_done")).content)

    assert page.h1 == "Your password is reset"
    assert page.link("Sign in") == reverse("account_login")


@pytest.mark.parametrize(
    "name", ["account_reset_password", "account_reset_password_done", "account_inactive"]
)
def test_contact_us_is_a_link_to_the_contact_page(client, name):
    page = read(client.get(reverse(name)).content)

    assert page.link("contact us") == reverse("contact")


def test_asking_for_the_password_again_says_confirm_its_you(client, citizen):
    client.force_login(citizen)  # no password given in this session

    response = client.post(reverse("accounts:close"), follow=True)

    page = read(response.content)
    assert page.h1 == "Confirm it's you"
    assert page.buttons == ["Continue"]


@pytest.mark.parametrize(
    ("name", "problems"),
    [
        (
            "account_signup",
            [
                "Full name: Enter your full name.",
                "Email address: Enter your email address.",
                "Create a password: Enter a password.",
                "Confirm your password: Enter the password again.",
            ],
        ),
        (
            "account_login",
            ["Email address: Enter your email address.", "Password: Enter your password."],
        ),
        ("account_reset_password", ["Email address: Enter your email address."]),
    ],
)
def test_an_empty_form_says_what_to_enter(client, name, problems):
    page = read(client.post(reverse(name), {"next": "/"}).content)

    # The error summary links each problem to its field.
    assert [text for text, href in page.links if href and href.startswith("#id_")] == problems


def test_changing_the_email_address_offers_to_send_again_or_cancel(client, citizen):
    client.force_login(citizen)

    response = client.post(
        reverse("account_email"), {"action_add": "", "email": "li.na@new.example"}, follow=True
    )

    page = read(response.content)
    assert page.h1 == "Change your email address"
    assert "We have sent a link to li.na@new.example." in page.main_text
    assert page.buttons[:2] == ["Send the email again", "Cancel the change"]


def test_turning_off_two_factor_authentication_is_called_that_throughout(client, citizen):
    add_authenticator(citizen)
    client.force_login(citizen)

    index = read(client.get(reverse("mfa_index")).content)
    asked = client.get(index.link("Turn off two-factor authentication"), follow=True)
    # allauth asks to confirm it's you before a change of authenticators.
    assert read(asked.content).h1 == "Confirm it's you"
    page = read(
        client.post(
            asked.request["PATH_INFO"] + "?" + asked.request["QUERY_STRING"],
            {"password": PASSWORD},
            follow=True,
        ).content
    )

    assert page.h1 == "Turn off two-factor authentication"
    assert page.buttons == ["Turn off two-factor authentication"]
    assert page.link("Keep it on") == reverse("mfa_index")
