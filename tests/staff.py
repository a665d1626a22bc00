"""Members of staff signing in as the portal makes them: with an authenticator code."""

import time

from allauth.mfa import app_settings
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, generate_totp_secret, hotp_value
from django.urls import reverse


def current_code(secret):
    return format_hotp_value(hotp_value(secret, int(time.time()) // app_settings.TOTP_PERIOD))


def add_authenticator(user):
    """Turn on two-factor authentication, keeping the secret for sign_in_with_two_factors."""
    user.totp_secret = generate_totp_secret()
    TOTP.activate(user, user.totp_secret)


def sign_in_with_two_factors(client, user):
    """Signed in, and this session has passed a code from the user's authenticator app."""
    client.force_login(user)
    response = client.post(reverse("mfa_reauthenticate"), {"code": current_code(user.totp_secret)})
    assert response.status_code == 302, response.content.decode()
