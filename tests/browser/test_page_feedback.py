""" "Is this page useful?" in Chromium: the question at the foot of a page, the page after "No", the
report form and the thank-you page pass axe-core at desktop and phone widths, are used with the
keyboard, and all of it works with JavaScript off."""

import pytest
from django.core.cache import cache
from playwright.sync_api import expect

from portal.models import PageFeedback
from tests.factories import make_question, make_topic

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def no_earlier_feedback_counted():
    # The rate limits are counted in the database cache, which transactional tests keep.
    cache.clear()


@pytest.fixture
def question(db):
    topic = make_topic(name="Getting around", slug="getting-around")
    return make_question(
        topic=topic,
        question="Where can I get an English map of the city?",
        slug="english-city-map",
        answer="<p>Free maps are handed out at tourist information centres.</p>",
    )


def assert_accessible_at_both_widths(page, axe_violations):
    assert axe_violations(page) == [], page.url
    page.set_viewport_size({"width": 320, "height": 640})
    assert page.evaluate("document.documentElement.scrollWidth") <= 320, page.url
    assert axe_violations(page) == [], page.url
    page.set_viewport_size({"width": 1280, "height": 800})


def assert_breadcrumbs_end_with(page, current):
    crumbs = page.get_by_role("navigation", name="Breadcrumb").get_by_role("listitem")
    expect(crumbs.first.get_by_role("link")).to_have_accessible_name("Home")
    expect(crumbs.last).to_have_text(current)


def test_no_on_an_answer_leads_to_what_was_missing_and_asking_a_question(
    live_server, page, question, axe_violations
):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{live_server.url}/faq/english-city-map/")
    expect(page.get_by_role("group", name="Is this page useful?")).to_be_visible()
    assert_accessible_at_both_widths(page, axe_violations)

    page.get_by_role("button", name="No this page is not useful").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Help us improve this page")
    expect(page.get_by_role("status")).to_have_text("Thank you for your feedback.")
    assert_breadcrumbs_end_with(page, "Help us improve this page")
    expect(page.get_by_role("link", name="ask us a question")).to_have_attribute(
        "href", "/inquiries/new/"
    )
    assert_accessible_at_both_widths(page, axe_violations)

    page.get_by_role("button", name="Send").click()

    expect(page).to_have_title("Error: Help us improve this page | Shanghai City Portal")
    assert_accessible_at_both_widths(page, axe_violations)

    page.get_by_label("What was missing?").fill("Where to get a map in Pudong.")
    page.get_by_role("button", name="Send").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you for your feedback")
    assert_breadcrumbs_end_with(page, "Thank you for your feedback")
    assert_accessible_at_both_widths(page, axe_violations)
    page.get_by_role("link", name="Go back to the page you were on").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(question.question)
    feedback = PageFeedback.objects.get()
    assert (feedback.path, feedback.kind, feedback.what_missing) == (
        "/faq/english-city-map/",
        "not_useful",
        "Where to get a map in Pudong.",
    )


def test_a_visitor_reports_a_problem_with_a_page(live_server, page, question, axe_violations):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{live_server.url}/faq/")

    page.get_by_role("link", name="Report a problem with this page").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Report a problem with this page")
    assert_breadcrumbs_end_with(page, "Report a problem with this page")
    assert_accessible_at_both_widths(page, axe_violations)

    page.get_by_role("button", name="Send report").click()

    expect(page).to_have_title("Error: Report a problem with this page | Shanghai City Portal")
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Enter what went wrong")
    assert_accessible_at_both_widths(page, axe_violations)
    summary.get_by_role("link").click()
    expect(page.get_by_label("What went wrong?")).to_be_focused()

    page.keyboard.type("The list of topics does not open on my phone.")
    page.get_by_role("button", name="Send report").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you for your feedback")
    assert_accessible_at_both_widths(page, axe_violations)
    feedback = PageFeedback.objects.get()
    assert (feedback.path, feedback.kind, feedback.what_wrong) == (
        "/faq/",
        "problem",
        "The list of topics does not open on my phone.",
    )


def test_yes_is_given_with_the_keyboard(live_server, page, question, axe_violations):
    page.goto(f"{live_server.url}/faq/english-city-map/")

    page.get_by_role("link", name=f"More questions about {question.topic.name}").focus()
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Yes this page is useful")).to_be_focused()
    page.keyboard.press("Enter")

    # The thanks takes the question's place, in view where the reader was.
    thanks = page.locator("#page-feedback").get_by_role("status")
    expect(thanks).to_have_text("Thank you for your feedback.")
    expect(page).to_have_url(f"{live_server.url}/faq/english-city-map/#page-feedback")
    expect(thanks).to_be_in_viewport()
    expect(page.get_by_role("button", name="No this page is not useful")).to_have_count(0)
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Report a problem with this page")).to_be_focused()
    assert_accessible_at_both_widths(page, axe_violations)

    page.reload()
    page.get_by_role("button", name="No this page is not useful").click()
    expect(thanks).to_have_text("Thank you, you have already told us.")
    assert list(PageFeedback.objects.values_list("kind", flat=True)) == ["useful"]


def test_all_of_it_works_with_javascript_off(live_server, browser, question):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()

    page.goto(f"{live_server.url}/news/")
    page.get_by_role("button", name="Yes this page is useful").click()
    expect(page.get_by_role("status")).to_have_text("Thank you for your feedback.")

    page.goto(f"{live_server.url}/faq/english-city-map/")
    page.get_by_role("button", name="No this page is not useful").click()
    page.get_by_label("What was missing?").fill("A map of the metro.")
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you for your feedback")

    page.goto(f"{live_server.url}/services/")
    page.get_by_role("link", name="Report a problem with this page").click()
    page.get_by_label("What were you doing? (optional)").fill("Looking for a permit")
    page.get_by_label("What went wrong?").fill("The search did not find it")
    page.get_by_role("button", name="Send report").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you for your feedback")
    context.close()

    assert sorted(PageFeedback.objects.values_list("path", "kind")) == [
        ("/faq/english-city-map/", "not_useful"),
        ("/news/", "useful"),
        ("/services/", "problem"),
    ]
