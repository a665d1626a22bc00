"""Setting up two-factor authentication in one pass stays two factors: the password, typed at
sign-in in this session, and a code from the app."""

import pytest
from django.urls import reverse

# allauth records the set-up when its transaction commits, inside the request: these tests commit.
from tests.factories import PASSWORD
from tests.html import errors
from tests.staff import current_code

from .conftest import sign_in_long_ago

pytestmark = pytest.mark.django_db(transaction=True)

WRONG_CODE = (
    "That code is not right. Check it and try again: an authenticator app shows a new code "
    "every 30 seconds."
)


@pytest.fixture
def activate(client):
    """Open the set-up page and send the code the app would show; returns where it ended."""

    def send(code=None):
        page = client.get(reverse("mfa_activate_totp"))
        if page.status_code != 200:
            return page
        secret = page.context["form"].secret
        return client.post(reverse("mfa_activate_totp"), {"code": code or current_code(secret)})

    return send


def opens_the_admin(client):
    return client.get(reverse("admin:index")).status_code == 200


def test_a_session_that_signed_in_with_the_password_passes_with_the_set_up_code(
    client, staff, activate
):
    client.post(reverse("account_login"), {"login": staff.email, "password": PASSWORD})

    assert activate().url == reverse("mfa_view_recovery_codes")
    assert opens_the_admin(client)


def test_a_session_that_never_gave_the_password_must_still_enter_a_code(client, staff, activate):
    client.force_login(staff)  # as by a sign-in link, or a session from before

    response = activate()

    # allauth asks for the password before the set-up ...
    assert response.url.startswith(reverse("account_reauthenticate"))
    client.post(response.url, {"password": PASSWORD})
    # ... which then counts, as at sign-in.
    assert activate().url == reverse("mfa_view_recovery_codes")
    assert opens_the_admin(client)


def test_a_session_without_any_password_record_gets_no_second_factor_from_the_set_up(
    client, staff, activate, settings
):
    client.force_login(staff)
    settings.MFA_REAUTHENTICATION_REQUIRED = False  # allauth's own setting: no password asked

    assert activate().url == reverse("mfa_view_recovery_codes")
    response = client.get(reverse("admin:index"), follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("mfa_reauthenticate"))


def test_a_wrong_code_turns_nothing_on_and_opens_nothing(client, staff, activate):
    client.post(reverse("account_login"), {"login": staff.email, "password": PASSWORD})

    response = activate(code="000000")

    assert response.status_code == 200
    assert errors(response).fields["code"] == [WRONG_CODE]
    assert not staff.authenticator_set.exists()
    assert not opens_the_admin(client)


def test_long_after_signing_in_the_password_is_asked_again_before_the_set_up(client, staff):
    client.post(reverse("account_login"), {"login": staff.email, "password": PASSWORD})
    sign_in_long_ago(client)

    response = client.get(reverse("mfa_activate_totp"))

    assert response.url.startswith(reverse("account_reauthenticate"))
