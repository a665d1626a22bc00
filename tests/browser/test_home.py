import pytest

from portal.models import SiteProfile

pytestmark = pytest.mark.django_db(transaction=True)


def test_home_page_loads_with_one_heading(live_server, page):
    response = page.goto(live_server.url)

    assert response.status == 200
    assert page.locator("h1").count() == 1
    assert page.locator("h1").inner_text() == SiteProfile.load().name


def test_home_page_has_no_accessibility_violations(live_server, page, axe_violations):
    page.goto(live_server.url)

    assert axe_violations(page) == []


def test_home_page_fits_a_320_pixel_screen(live_server, page):
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(live_server.url)

    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= 320


def test_skip_link_moves_focus_to_the_main_content(live_server, page):
    page.goto(live_server.url)

    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to main content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_home_page_stylesheet_is_served(live_server, page):
    responses = []
    page.on("response", lambda response: responses.append(response))
    page.goto(live_server.url)

    stylesheets = [r for r in responses if r.url.endswith(".css")]
    assert stylesheets
    assert all(r.status == 200 for r in stylesheets)
