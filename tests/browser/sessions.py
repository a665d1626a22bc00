"""Signing people in for browser tests: through the sign-in form as a person does, or by handing
Chromium a session that Django's test client signed in, for tests whose subject comes after."""

from django.conf import settings
from django.test import Client

from tests.factories import PASSWORD
from tests.staff import sign_in_with_two_factors


def sign_in_with_the_form(page, email, password=PASSWORD):
    """Fill in the sign-in form on the page the browser shows (the sign-in page, or the home
    page's box) and send it."""
    page.get_by_label("Email address", exact=True).fill(email)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Sign in").click()


def context_with_session_of(client, browser, live_server, **options):
    """A browser context signed in with the test client's session (and `options` for it)."""
    context = browser.new_context(**options)
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    return context


def staff_context(browser, live_server, user):
    """A browser context signed in as a member of staff, with both factors. Signing in with two
    factors is the accounts tests' subject; here it only opens the admin."""
    client = Client()
    sign_in_with_two_factors(client, user)
    return context_with_session_of(client, browser, live_server)
