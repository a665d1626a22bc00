import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from portal import search as site_search
from tests.factories import make_question

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def questions(topic):
    for number in range(12):
        make_question(
            topic=topic,
            question=f"Which ferry goes to island {number}?",
            slug=f"ferry-{number}",
            answer=f"<p>The ferry to island {number} leaves from the <strong>Bund</strong>.</p>",
        )
    return make_question(
        topic=topic,
        question="Can I take my bicycle on the ferry?",
        slug="bicycle-on-the-ferry",
        answer="<p>Yes, bicycles travel free on every ferry crossing the river.</p>",
    )


def test_a_person_searches_from_the_header_and_opens_a_result(live_server, page, questions):
    page.goto(live_server.url)

    page.get_by_role("searchbox", name="Search the portal").fill("bicycle ferry")
    page.get_by_role("searchbox", name="Search the portal").press("Enter")

    expect(page.get_by_role("heading", level=1)).to_have_text("Search the portal")
    expect(page.locator(".search-results__summary")).to_contain_text("1 result for “bicycle ferry”")
    expect(page.locator(".search-result mark").first).to_have_text("bicycles")
    page.get_by_role("link", name="Can I take my bicycle on the ferry?").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Can I take my bicycle on the ferry?")
    expect(page.locator(".faq-item__answer")).to_contain_text("bicycles travel free")


def test_search_results_are_accessible_and_fit_a_small_screen(
    live_server, page, questions, axe_violations
):
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(f"{live_server.url}/search/?q=ferry")

    expect(page.locator(".search-result")).to_have_count(10)
    assert axe_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    page.get_by_role("link", name="Next page").click()
    expect(page.locator(".search-result")).to_have_count(3)
    expect(page.get_by_role("searchbox", name="Search for")).to_have_value("ferry")


def test_a_misspelt_search_offers_the_corrected_words(live_server, page, questions, axe_violations):
    call_command("refresh_search_words", verbosity=0)
    page.goto(f"{live_server.url}/search/?q=bicyle+ferry")

    expect(page.locator(".search-results__summary")).to_have_text("No results for “bicyle ferry”")
    expect(page.locator(".search-suggestion")).to_have_text("Did you mean bicycle ferry?")
    assert axe_violations(page) == []
    page.get_by_role("link", name="bicycle ferry").focus()
    page.keyboard.press("Enter")

    expect(page.locator(".search-results__summary")).to_contain_text("1 result for “bicycle ferry”")


def test_a_search_that_takes_too_long_says_what_to_try_instead(
    live_server, page, search_entries_locked, monkeypatch, axe_violations
):
    monkeypatch.setattr(site_search, "SEARCH_TIME_LIMIT_MS", 200)
    page.goto(f"{live_server.url}/search/")  # the home page itself would wait for the news

    page.get_by_role("searchbox", name="Search for").fill('"ferry timetable"')
    page.get_by_role("searchbox", name="Search for").press("Enter")

    expect(page.get_by_role("alert")).to_contain_text("This search took too long.")
    expect(page.get_by_role("searchbox", name="Search for")).to_have_value('"ferry timetable"')
    assert axe_violations(page) == []
