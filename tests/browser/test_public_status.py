"""The public status pages in a real browser: axe-core on each, a 320 px screen, the phone's
reading order on the home page, an early sign-in box for the keyboard, and the status check
with JavaScript off."""

import re

import pytest
from django.test import Client
from playwright.sync_api import expect

from applications.services import application_change_status
from tests.browser.rules import assert_meets_the_page_rules
from tests.browser.sessions import context_with_session_of, staff_context
from tests.factories import (
    ask_the_citizen,
    make_application,
    make_inquiry,
    make_public_service,
    make_published_answer,
)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def public_record(citizen, caseworker, make_article):
    """Listed cases in several statuses, a published answer, and a news article."""
    service = make_public_service(
        name="Request for government information about a very long subject indeed"
    )
    applications = [make_application(applicant=citizen, service=service) for _ in range(3)]
    application_change_status(application=applications[1], to_status="received", by=caseworker)
    ask_the_citizen(applications[2], by=caseworker)
    make_inquiry(author=citizen, listed_publicly=True)
    published = make_published_answer(
        inquiry=make_inquiry(author=citizen, publication_agreed=True, answered_by=caseworker),
        by=caseworker,
    )
    make_article(title="Metro line extension opens", summary="Six new stations.")
    return {"application": applications[2], "answer": published}


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/status/",
        "/status/?reference=20000002",
        "/status/applications/",
        "/status/applications/?status=lost",
        "/status/inquiries/",
        "/answers/",
        "answer",
    ],
)
def test_the_public_status_pages_for_everyone(
    live_server, page, axe_violations, public_record, path
):
    if path == "answer":
        path = public_record["answer"].get_absolute_url()
    response = page.goto(f"{live_server.url}{path}")

    assert response.status == 200
    assert_meets_the_page_rules(page, axe_violations)


def fill_the_status_check(page, reference, email):
    page.get_by_label("Reference").fill(reference)
    page.get_by_label("Email address").fill(email)
    page.get_by_role("button", name="Check status").click()


def test_checking_a_status_and_a_wrong_pair(live_server, page, axe_violations, public_record):
    application = public_record["application"]
    page.goto(f"{live_server.url}/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Check a status").click()

    fill_the_status_check(page, application.reference, "someone@example.com")
    expect(page.locator(".error-summary")).to_contain_text("No application or inquiry matches")
    expect(page).to_have_title(re.compile(r"^Error: Check a status \| "))
    assert_meets_the_page_rules(page, axe_violations)

    fill_the_status_check(page, application.reference, "li.na@example.com")
    expect(page.locator("h1")).to_have_text(f"Status of {application.reference}")
    expect(page.locator(".status-panel")).to_contain_text("Action required")
    assert_meets_the_page_rules(page, axe_violations)


def test_the_status_check_works_with_javascript_off(live_server, browser, public_record):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    application = public_record["application"]

    page.goto(f"{live_server.url}/status/?reference={application.reference}")
    expect(page.get_by_label("Reference")).to_have_value(application.reference)
    page.get_by_label("Email address").fill("li.na@example.com")
    page.get_by_role("button", name="Check status").click()

    expect(page.locator("h1")).to_have_text(f"Status of {application.reference}")
    page.goto(f"{live_server.url}/status/applications/")
    page.get_by_label("Status").select_option("received")
    page.get_by_role("button", name="Filter").click()
    expect(page.locator("table tbody tr")).to_have_count(1)
    context.close()


def top_of(page, locator):
    return locator.bounding_box()["y"]


def test_on_a_phone_a_visitor_meets_the_sign_in_box_before_the_news(
    live_server, page, public_record
):
    page.set_viewport_size({"width": 375, "height": 700})
    page.goto(live_server.url)

    sign_in = page.get_by_role("heading", name="Sign in")
    news = page.get_by_role("heading", name="Government News")
    statuses = page.get_by_role("heading", name="Application Status")
    assert top_of(page, sign_in) < top_of(page, news) < top_of(page, statuses)
    # The sign-in box is in the first screen and a half.
    assert top_of(page, page.get_by_label("Email address", exact=True)) < 700 * 1.5


def test_on_a_phone_a_citizen_meets_their_own_boxes_before_the_news(
    live_server, browser, citizen, public_record
):
    client = Client()
    client.force_login(citizen)
    context = context_with_session_of(client, browser, live_server)
    page = context.new_page()
    page.set_viewport_size({"width": 375, "height": 700})
    page.goto(live_server.url)

    mine = page.get_by_role("heading", name="My applications")
    news = page.get_by_role("heading", name="Government News")
    assert top_of(page, mine) < top_of(page, news)
    expect(page.locator("section", has=mine)).to_contain_text(
        public_record["application"].reference
    )
    context.close()


def test_on_a_wide_screen_the_sign_in_box_is_an_early_tab_stop(live_server, page, public_record):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(live_server.url)

    stops = []
    while len(stops) < 20 and "sign-in-email" not in stops:
        page.keyboard.press("Tab")
        stops.append(page.evaluate("document.activeElement.id"))
    # After the skip link, the header (name, search, the language switch) and the main navigation.
    assert "sign-in-email" in stops[:13]
    news_left_of_sign_in = page.get_by_role("heading", name="Government News").bounding_box()["x"]
    assert news_left_of_sign_in < page.get_by_role("heading", name="Sign in").bounding_box()["x"]


def test_a_caseworker_publishes_an_answered_question(
    live_server, browser, axe_violations, citizen, caseworker
):
    inquiry = make_inquiry(
        author=citizen, publication_agreed=True, message="I am Li Na. When?", answered_by=caseworker
    )
    context = staff_context(browser, live_server, caseworker)
    admin = context.new_page()

    admin.goto(f"{live_server.url}/admin/applications/inquiry/{inquiry.pk}/change/")
    admin.get_by_role("link", name="Publish the question and answer").click()
    expect(admin).to_have_url(re.compile(r"/publish/$"))
    admin.wait_for_load_state()
    assert axe_violations(admin) == []
    admin.get_by_label("Question").fill("When is the library open?")
    admin.get_by_label("I have left out anything that could identify the person").check()
    admin.get_by_role("button", name="Publish").click()
    expect(admin.locator(".messagelist")).to_contain_text("The question and answer are published")
    context.close()

    page = browser.new_page()
    page.goto(f"{live_server.url}/answers/{inquiry.reference}/")
    expect(page.locator(".published-answer__question")).to_have_text("When is the library open?")
    page.close()
