"""Handing a session signed in by Django's test client to Chromium."""

from django.conf import settings


def context_with_session_of(client, browser, live_server):
    """A browser context signed in with the test client's session, for tests whose subject is
    what comes after signing in."""
    context = browser.new_context()
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
