"""WCAG 1.4.10 reflow: at 320 CSS pixels no page scrolls sideways, even when a person typed a
300-character word or pasted a long URL into every field they can fill in."""

import pytest
from allauth.account.models import EmailAddress
from django.test import Client

from applications.models import Service
from applications.services import (
    application_change_status,
    inquiry_answer,
    inquiry_submit,
)
from tests.browser.sessions import context_with_session_of
from tests.factories import make_application

pytestmark = pytest.mark.django_db(transaction=True)

LONG_WORD = "Pneumonoultramicroscopicsilicovolcanoconiosis" * 7  # 315 letters, no break
LONG_URL = "https://example.org/" + "a-very-long-path/" * 18


# The first elements that reach past the screen's edge, to say where a failure comes from.
WIDEST = """[...document.querySelectorAll('body *')]
  .filter(e => e.getBoundingClientRect().right > 330 && e.children.length === 0)
  .slice(0, 3).map(e => e.tagName + '.' + e.className + ' ' + getComputedStyle(e).overflowWrap)"""


@pytest.fixture(autouse=True)
def attachment_root(settings, tmp_path):
    settings.APPLICATIONS_ATTACHMENT_ROOT = tmp_path / "attachments"


@pytest.fixture
def long_cases(django_user_model):
    citizen = django_user_model.objects.create_user(
        email="li.na@example.com", password=None, full_name=LONG_WORD[:150]
    )
    EmailAddress.objects.create(user=citizen, email=citizen.email, verified=True, primary=True)
    staff = django_user_model.objects.create_user(email="staff@city.example", is_staff=True)
    service = Service.objects.create(
        name="Street event permit",
        slug="street-event-permit",
        summary="Hold a market or festival on a public street.",
        description="Needed for any event that closes a street to traffic.",
        processing_days=10,
    )
    application = make_application(
        applicant=citizen, service=service, details=f"{LONG_WORD} {LONG_URL}"
    )
    application_change_status(
        application=application, to_status="received", by=staff, note_to_citizen=LONG_URL
    )
    inquiry = inquiry_submit(author=citizen, subject=LONG_WORD[:150], message=LONG_WORD)
    inquiry_answer(inquiry=inquiry, answer=f"{LONG_URL} {LONG_WORD}", by=staff)
    return citizen, application, inquiry


def test_no_page_scrolls_sideways_at_320_pixels_with_long_words(live_server, browser, long_cases):
    citizen, application, inquiry = long_cases
    client = Client()
    client.force_login(citizen)
    context = context_with_session_of(client, browser, live_server)
    page = context.new_page()
    page.set_viewport_size({"width": 320, "height": 640})
    paths = [
        "/",
        "/applications/",
        application.get_absolute_url(),
        "/inquiries/",
        inquiry.get_absolute_url(),
        "/account/",
        f"/search/?q={LONG_WORD[:190]}",
    ]

    too_wide = {}
    for path in paths:
        page.goto(live_server.url + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 320:
            too_wide[path] = (width, page.evaluate(WIDEST))

    assert too_wide == {}
