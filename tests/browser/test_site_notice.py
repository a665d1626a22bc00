"""The notice at the top of every page, seen in a browser: accessible, reached by keyboard right
after the skip link and the breadcrumbs, and within a phone's screen however long its words."""

import pytest
from playwright.sync_api import expect

from portal.models import SiteProfile

pytestmark = pytest.mark.django_db(transaction=True)

LONG_WORD = "Pneumonoultramicroscopicsilicovolcanoconiosis" * 7


@pytest.fixture
def notice(db):
    profile = SiteProfile.load()
    profile.notice = f"Offices close at 15:00 today ahead of Typhoon Lan. {LONG_WORD}"
    profile.notice_link = "https://cityportal.example/news/typhoon-lan/"
    profile.save()
    return profile


@pytest.mark.parametrize("width", [1280, 320])
def test_the_notice_is_accessible_and_fits_the_screen(
    live_server, browser, axe_violations, notice, width
):
    page = browser.new_page(viewport={"width": width, "height": 800})

    page.goto(f"{live_server.url}/")

    banner = page.get_by_role("region", name="Important")
    expect(banner).to_contain_text("Offices close at 15:00 today ahead of Typhoon Lan.")
    assert axe_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.close()


@pytest.mark.parametrize(("path", "before"), [("/", []), ("/faq/", ["Home"])])
def test_skipping_to_the_content_reaches_the_notice_after_the_breadcrumbs(
    live_server, page, notice, path, before
):
    page.goto(f"{live_server.url}{path}")

    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    for link in before:
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.textContent") == link
    page.keyboard.press("Tab")

    expect(page.get_by_role("link", name="Read more about this")).to_be_focused()
