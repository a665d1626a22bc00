"""The account pages in plain words, one name for each action, and a way on from each."""

import pytest
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from django.urls import reverse

from tests.factories import PASSWORD
from tests.html import buttons, errors, field_by_label, h1, labels, links, main, select, text, title
from tests.staff import add_authenticator, sign_in_with_two_factors

pytestmark = pytest.mark.django_db

# Every public page ends with "Is this page useful?" (tests/portal/test_page_feedback_widget.py).
ASKS_IF_USEFUL = ["Yes this page is useful", "No this page is not useful"]


@pytest.mark.parametrize(
    ("name", "heading", "field_labels"),
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
def test_the_pages_for_visitors_say_what_they_are_for(client, name, heading, field_labels):
    response = client.get(reverse(name))
    page = main(response)

    assert h1(page) == heading
    assert title(response).startswith(f"{heading} |")
    assert labels(page) == field_labels
    # No placeholders: they repeat the label and vanish as soon as someone types.
    assert select(page, "[placeholder]") == []


@pytest.mark.parametrize(
    ("name", "heading", "field_labels"),
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
            [
                "If you cannot scan the code, enter this key instead",
                "Code from your authenticator app",
            ],
        ),
    ],
)
def test_the_pages_for_a_signed_in_person(client, citizen, sign_in, name, heading, field_labels):
    sign_in(citizen.email)

    page = main(client.get(reverse(name)))

    assert h1(page) == heading
    assert labels(page) == field_labels


def test_the_sign_in_page_leads_to_creating_an_account_and_resetting_the_password(client):
    page = main(client.get(reverse("account_login"), {"next": "/services/"}))

    assert buttons(page) == ["Sign in", *ASKS_IF_USEFUL]
    assert links(page)["Reset your password"] == reverse("account_reset_password")
    # The place the person was going to is kept, whichever way they take.
    assert links(page)["Create an account"] == f"{reverse('account_signup')}?next=%2Fservices%2F"


def test_create_an_account_has_one_name_from_the_link_to_the_button(client):
    home = main(client.get(reverse("home")))
    page = main(client.get(links(home)["Create an account"]))

    assert h1(page) == "Create an account"
    assert buttons(page) == ["Create an account", *ASKS_IF_USEFUL]
    assert links(page)["Sign in"] == reverse("account_login")


def test_a_changed_password_leads_on_to_my_account(client, citizen):
    client.force_login(citizen)

    response = client.post(
        reverse("account_change_password"),
        {"oldpassword": PASSWORD, "password1": "a new lantern", "password2": "a new lantern"},
        follow=True,
    )

    assert response.redirect_chain[-1][0] == reverse("accounts:overview")
    assert h1(response) == "My account"
    changed = "Your password is changed. Use the new one next time you sign in."
    assert changed in text(main(response))


def test_the_changed_password_message_is_in_the_pages_language(client, citizen):
    client.force_login(citizen)

    response = client.post(
        "/zh-hans/accounts/password/change/",
        {"oldpassword": PASSWORD, "password1": "a new lantern", "password2": "a new lantern"},
        follow=True,
    )

    assert "密码已更改。下次登录时请使用新密码。" in text(main(response))


def test_a_reset_password_leads_on_to_sign_in(client):
    page = main(client.get(reverse("account_reset_password_from_key_done")))

    assert h1(page) == "Your password is reset"
    assert links(page)["Sign in"] == reverse("account_login")


@pytest.mark.parametrize(
    "name", ["account_reset_password", "account_reset_password_done", "account_inactive"]
)
def test_contact_us_is_a_link_to_the_contact_page(client, name):
    page = main(client.get(reverse(name)))

    assert links(page)["contact us"] == reverse("contact")


def test_asking_for_the_password_again_says_confirm_its_you(client, citizen):
    client.force_login(citizen)  # no password given in this session

    response = client.post(reverse("accounts:close"), follow=True)

    page = main(response)
    assert h1(page) == "Confirm it's you"
    assert buttons(page) == ["Close my account"]  # what continuing does, on this way


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
    summary = errors(client.post(reverse(name), {"next": "/"})).summary_links

    # The error summary links each problem to its field.
    assert list(summary) == problems
    assert all(href.startswith("#id_") for href in summary.values())


def test_changing_the_email_address_offers_to_send_again_or_cancel(client, citizen, sign_in):
    sign_in(citizen.email)

    response = client.post(
        reverse("account_email"), {"action_add": "", "email": "li.na@new.example"}, follow=True
    )

    page = main(response)
    assert h1(page) == "Change your email address"
    assert "We have sent a link to li.na@new.example." in text(page)
    assert buttons(page)[:2] == ["Send the email again", "Cancel the change"]


def test_cancelling_a_change_of_address_says_the_address_stays(client, citizen, sign_in):
    sign_in(citizen.email)
    client.post(reverse("account_email"), {"action_add": "", "email": "li.na@new.example"})

    response = client.post(
        reverse("account_email"),
        {"action_remove": "", "email": "li.na@new.example"},
        follow=True,
    )

    assert "You cancelled the change to li.na@new.example: your email address stays as it was." in (
        text(main(response))
    )
    assert "Removed" not in text(main(response))


def test_turning_off_two_factor_authentication_is_called_that_throughout(client, citizen):
    add_authenticator(citizen)
    client.force_login(citizen)

    index = main(client.get(reverse("mfa_index")))
    asked = client.get(links(index)["Turn off two-factor authentication"], follow=True)
    # allauth asks to confirm it's you before a change of authenticators.
    assert h1(asked) == "Confirm it's you"
    page = main(
        client.post(
            asked.request["PATH_INFO"] + "?" + asked.request["QUERY_STRING"],
            {"password": PASSWORD},
            follow=True,
        )
    )

    assert h1(page) == "Turn off two-factor authentication"
    assert buttons(page) == ["Turn off two-factor authentication"]
    assert links(page)["Keep it on"] == reverse("mfa_index")


def code_input(response):
    [field] = select(main(response), 'input[name="code"]')
    return field


def test_every_code_field_brings_up_a_number_pad_on_phones(client, citizen, sign_in):
    sign_in(citizen.email)
    setting_up = code_input(client.get(reverse("mfa_activate_totp")))
    add_authenticator(citizen)
    confirming = code_input(client.get(reverse("mfa_reauthenticate")))
    client.post(reverse("account_logout"))
    signing_in = client.post(
        reverse("account_login"), {"login": citizen.email, "password": PASSWORD}, follow=True
    )

    assert h1(signing_in) == "Enter the code from your authenticator app"
    for field in (setting_up, confirming, code_input(signing_in)):
        assert field["inputmode"] == "numeric"
        assert field["autocomplete"] == "one-time-code"
    # Not allauth's bare "Code": what to type, and that a recovery code will do.
    assert field_by_label(signing_in, "Code from your authenticator app, or a recovery code")
    empty = client.post(reverse("mfa_authenticate"), {"code": ""})
    assert errors(empty).fields["code"] == [
        "Enter the code your authenticator app shows, or a recovery code."
    ]


ADVICE = {
    "": "If you lose your phone, each of these codes lets you sign in once instead of a code from "
    "the app. Keep them somewhere safe, apart from your phone.",
    "/zh-hans": "如果手机丢失，每个恢复码可代替应用中的验证码登录一次。请与手机分开妥善保管。",
}


@pytest.mark.parametrize(
    ("prefix", "heading"),
    [
        ("", "Recovery codes for li.na@example.com on Shanghai City Portal"),
        ("/zh-hans", "Shanghai City Portal账户li.na@example.com的恢复码"),
    ],
)
def test_the_downloaded_recovery_codes_say_whose_they_are_and_what_they_do(
    client, citizen, prefix, heading
):
    add_authenticator(citizen)
    codes = RecoveryCodes.activate(citizen)
    sign_in_with_two_factors(client, citizen)

    response = client.get(prefix + reverse("mfa_download_recovery_codes"))

    assert response["Content-Disposition"] == 'attachment; filename="recovery-codes.txt"'
    assert response.content.decode().splitlines() == [
        heading,
        "",
        ADVICE[prefix],
        "",
        *codes.get_unused_codes(),
    ]
