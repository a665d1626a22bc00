"""Every email comes from one branded layout, in the portal's name, greeting the person by name."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from applications.services import application_change_status
from tests.factories import PASSWORD, make_application, make_service, make_staff
from tests.html import find, text

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "A-new-harbour-2026"
CHROME_ON_WINDOWS = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Safari/537.36"
)


def reading(html):
    """An HTML email's text in reading order."""
    return text(find(html, "body"))


def test_a_security_notice_says_when_and_from_which_browser_in_plain_words(citizen, delivered_mail):
    client = Client(HTTP_USER_AGENT=CHROME_ON_WINDOWS)
    client.force_login(citizen)
    client.post(
        reverse("account_change_password"),
        {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )

    [notice] = delivered_mail()
    assert notice.from_email == "Shanghai City Portal <noreply@cityportal.example>"
    assert notice.body.startswith("Hello Li Na,\n\n")
    assert "from Chrome on Windows" in notice.body
    # One date format, with the zone it is told in, and one full stop:
    # "30 November 2026, 19:46 (UTC+08:00)".
    assert re.search(r"on \d{1,2} [A-Z][a-z]+ \d{4}, \d{2}:\d{2} \(UTC\+08:00\)\n", notice.body)
    assert ".." not in notice.body
    html, mimetype = notice.alternatives[0]
    assert mimetype == "text/html"
    assert reading(html).startswith("Shanghai City Portal Hello Li Na, ")
    assert "from Chrome on Windows" in html


def test_a_case_update_puts_the_news_first_and_greets_the_citizen(citizen, delivered_mail):
    service = make_service(name="Parking permit")
    application = make_application(applicant=citizen, service=service, details="Car")
    caseworker = make_staff(email="caseworker@city.example", group="Caseworkers")
    application_change_status(application=application, to_status="received", by=caseworker)

    update = delivered_mail()[-1]

    assert update.from_email == "Shanghai City Portal <noreply@cityportal.example>"
    assert update.body.startswith(
        "Hello Li Na,\n\nYour application for Parking permit is now “Received”.\n"
    )
    assert reading(update.alternatives[0][0]).startswith(
        "Shanghai City Portal Hello Li Na, Your application for Parking permit is now “Received”. "
    )
