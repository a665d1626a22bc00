"""WCAG 1.4.10 reflow: at 320 CSS pixels no page scrolls sideways, even when a person typed a
300-character word or pasted a long URL into every field they can fill in."""

import pytest
from django.test import Client

from applications.services import application_change_status
from tests.browser.sessions import context_with_session_of
from tests.factories import make_application, make_citizen, make_inquiry, make_public_service

pytestmark = pytest.mark.django_db(transaction=True)

LONG_WORD = "Pneumonoultramicroscopicsilicovolcanoconiosis" * 7  # 315 letters, no break
LONG_URL = "https://example.org/" + "a-very-long-path/" * 18


# The first elements that reach past the screen's edge, to say where a failure comes from.
WIDEST = """[...document.querySelectorAll('body *')]
  .filter(e => e.getBoundingClientRect().right > 330 && e.children.length === 0)
  .slice(0, 3).map(e => e.tagName + '.' + e.className + ' ' + getComputedStyle(e).overflowWrap)"""

CASE_TABLE_SCROLLS = """[...document.querySelectorAll('.table-wrap:has(.stacked-table)')]
  .some(box => box.scrollWidth > box.clientWidth)"""


@pytest.fixture
def long_cases(caseworker):
    citizen = make_citizen(full_name=LONG_WORD[:150])
    # A service that lists its applications publicly, so that its long name is on the public
    # status page as well.
    service = make_public_service(name=LONG_WORD[:150])
    application = make_application(
        applicant=citizen, service=service, details=f"{LONG_WORD} {LONG_URL}"
    )
    application_change_status(
        application=application, to_status="received", by=caseworker, note_to_citizen=LONG_URL
    )
    inquiry = make_inquiry(
        author=citizen,
        subject=LONG_WORD[:150],
        message=LONG_WORD,
        answered_by=caseworker,
        answer=f"{LONG_URL} {LONG_WORD}",
        listed_publicly=True,
    )
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
        "/status/applications/",
        "/status/inquiries/",
        "/account/",
        f"/search/?q={LONG_WORD[:190]}",
    ]

    too_wide = {}
    for path in paths:
        page.goto(live_server.url + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 320:
            too_wide[path] = (width, page.evaluate(WIDEST))
        # A table of cases does not scroll sideways in its box either: each row is a block.
        if page.evaluate(CASE_TABLE_SCROLLS):
            too_wide[path] = "the table of cases scrolls sideways"

    assert too_wide == {}
