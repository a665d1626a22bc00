"""Finding a service and applying for it in Chromium: every new page passes axe-core and fits
a phone, the whole form works with JavaScript off, the place is kept through sign-up, and a
reply to "Action required" reaches the caseworker."""

import re

import pytest
from django.core.cache import cache
from playwright.sync_api import expect

from applications.models import Application
from applications.services import inquiry_answer
from tests.browser.rules import assert_meets_the_page_rules
from tests.browser.sessions import sign_in_with_the_form, staff_context
from tests.factories import PASSWORD, ask_the_citizen, make_application, make_service

pytestmark = pytest.mark.django_db(transaction=True)

PDF = {"name": "passport.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4\n%%EOF\n"}


@pytest.fixture
def service(db):
    return make_service(
        name="Residence permit renewal",
        slug="residence-permit-renewal",
        summary="Renew your residence permit before it expires.",
        description="Use this service to renew a residence permit for work or family.",
        who_can_apply="Foreign nationals whose permit expires within 30 days.",
        what_to_provide="Your passport number and a scan of its photo page.",
        fees="400 yuan, paid when you collect the permit.",
        processing_days=15,
        questions=[
            {
                "page": 1,
                "label": "What is your passport number?",
                "kind": "short_text",
                "max_length": 20,
            },
            {
                "page": 2,
                "label": "When does your permit expire?",
                "kind": "date",
                "date_limit": "future",
            },
            {"page": 3, "page_heading": "Where you live", "label": "Address", "kind": "long_text"},
            {
                "page": 3,
                "label": "District",
                "kind": "choice",
                "options": "Huangpu\nXuhui\nJing'an",
            },
            {
                "page": 4,
                "page_heading": "About you",
                "label": "Which documents do you hold?",
                "kind": "choices",
                "options": "Passport\nWork permit",
            },
            {"page": 4, "label": "Have you lived here before?", "kind": "yes_no"},
            {
                "page": 4,
                "label": "How many people live with you?",
                "kind": "number",
                "min_value": 0,
            },
            {
                "page": 5,
                "page_heading": "How we contact you",
                "label": "Email address for letters",
                "kind": "email",
                "required": False,
            },
            {"page": 5, "label": "Phone number", "kind": "phone"},
            {"page": 6, "label": "Passport photo page", "kind": "file"},
        ],
    )


def fill_in_every_page(page, check=lambda page: None):
    """Answer each page as a person would, with one mistake on the date; `check` looks at each
    page on the way."""
    check(page)
    page.get_by_label("What is your passport number?").fill("E12345678")
    page.get_by_role("button", name="Save and continue").click()

    check(page)
    page.get_by_label("Day").fill("30")
    page.get_by_label("Month").fill("2")
    page.get_by_label("Year").fill("2030")
    page.get_by_role("button", name="Save and continue").click()
    expect(page).to_have_title(re.compile(r"^Error: When does your permit expire\?"))
    summary = page.locator(".error-summary")
    expect(summary).to_contain_text("When does your permit expire? Enter a real date")
    check(page)
    summary.get_by_role("link").click()
    expect(page.get_by_label("Day")).to_be_focused()
    page.get_by_label("Day").fill("20")
    page.get_by_label("Month").fill("12")
    page.get_by_role("button", name="Save and continue").click()

    check(page)
    page.get_by_label("Address").fill("Flat 3, 12 Yanping Road")
    page.get_by_label("Jing'an").check()
    page.get_by_role("button", name="Save and continue").click()

    check(page)
    page.get_by_label("Work permit").check()
    page.get_by_role("group", name="Have you lived here before?").get_by_label("No").check()
    page.get_by_label("How many people live with you?").fill("2")
    page.get_by_role("button", name="Save and continue").click()

    check(page)
    page.get_by_label("Phone number").fill("+86 138 0013 8000")
    page.get_by_role("button", name="Save and continue").click()

    check(page)
    page.get_by_label("Passport photo page").set_input_files(files=[PDF])
    page.get_by_role("button", name="Save and continue").click()
    expect(page.locator("h1")).to_have_text("Check your answers before sending your application")


def change_and_send(page, check=lambda page: None):
    check(page)
    row = page.locator(".summary-list > div", has_text="How many people live with you?")
    expect(row.locator("dd").first).to_have_text("2")
    row.get_by_role("link", name="Change How many people live with you?").click()
    page.get_by_label("How many people live with you?").fill("3")
    page.get_by_role("button", name="Save and continue").click()
    expect(row.locator("dd").first).to_have_text("3")
    expect(page.locator(".summary-list")).to_contain_text("20 December 2030")
    expect(page.locator(".summary-list")).to_contain_text("passport.pdf")
    page.get_by_role("button", name="Accept and send").click()
    expect(page.locator("h1")).to_have_text("Application submitted")
    check(page)


def test_a_citizen_finds_a_service_and_applies_on_accessible_pages(
    live_server, page, axe_violations, citizen, service
):
    def check(page):
        assert_meets_the_page_rules(page, axe_violations)

    page.goto(live_server.url)
    check(page)
    page.get_by_role("region", name="Services").get_by_role(
        "link", name="Residence permit renewal"
    ).click()
    expect(page.locator("h1")).to_have_text("Residence permit renewal")
    check(page)
    page.get_by_role("link", name="Start now").click()
    sign_in_with_the_form(page, citizen.email)

    fill_in_every_page(page, check)
    change_and_send(page, check)

    application = Application.objects.get()
    assert application.answers.get(question_text="How many people live with you?").value == "3"
    page.goto(f"{live_server.url}{application.get_absolute_url()}")
    check(page)


def test_the_form_works_with_javascript_off(live_server, browser, citizen, service):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/services/")
    page.get_by_role("link", name="Residence permit renewal").click()
    page.get_by_role("link", name="Start now").click()
    sign_in_with_the_form(page, citizen.email)

    fill_in_every_page(page)
    change_and_send(page)

    application = Application.objects.get()
    assert application.attachments.get().original_name == "passport.pdf"
    context.close()


def test_a_draft_is_listed_continued_and_deleted_on_accessible_pages(
    live_server, page, axe_violations, citizen, service
):
    page.goto(f"{live_server.url}/accounts/login/?next=/services/residence-permit-renewal/apply/")
    sign_in_with_the_form(page, citizen.email)
    page.get_by_label("What is your passport number?").fill("E12345678")
    page.get_by_role("button", name="Save and continue").click()

    page.get_by_role("navigation", name="Main").get_by_role("link", name="My applications").click()
    drafts = page.get_by_role("region", name="Not sent yet")
    expect(drafts).to_contain_text("Residence permit renewal")
    assert_meets_the_page_rules(page, axe_violations)
    drafts.get_by_role(
        "link", name="Continue your application for Residence permit renewal"
    ).click()
    expect(page.locator("h1")).to_have_text("When does your permit expire?")

    page.get_by_role("link", name="Delete this application").click()
    assert_meets_the_page_rules(page, axe_violations)
    page.get_by_role("button", name="Yes, delete it").click()
    expect(page.locator(".message--success")).to_contain_text("Nothing was sent.")
    expect(page.get_by_role("region", name="Not sent yet")).to_have_count(0)


def test_the_place_is_kept_through_sign_up_and_the_link_opened_in_another_browser(
    live_server, browser, page, delivered_mail, service
):
    # Confirmation emails are limited per address in the shared cache, which outlives the
    # tables that transactional tests empty.
    cache.clear()
    page.goto(f"{live_server.url}/services/residence-permit-renewal/")
    page.get_by_role("link", name="Start now").click()
    page.get_by_role("link", name="Create an account").click()
    page.get_by_label("Full name").fill("Zhao Lei")
    page.get_by_label("Email address").fill("zhao.lei@example.com")
    page.get_by_label("Create a password").fill(PASSWORD)
    page.get_by_label("Confirm your password").fill(PASSWORD)
    page.get_by_role("button", name="Create an account").click()
    expect(page.locator("h1")).to_have_text("Check your email")

    link = re.search(r"http://\S+/accounts/confirm-email/\S+", delivered_mail()[-1].body).group(0)
    phone = browser.new_context()  # the email is opened on another device
    other = phone.new_page()
    other.goto(link)
    other.get_by_role("button", name="Confirm").click()
    sign_in_with_the_form(other, "zhao.lei@example.com")

    expect(other.locator("h1")).to_have_text("What is your passport number?")
    assert other.url.endswith("/services/residence-permit-renewal/apply/1/")
    phone.close()


def test_a_citizen_sends_what_was_asked_for_and_the_caseworker_finds_it(
    live_server, browser, page, axe_violations, citizen, caseworker
):
    application = make_application(
        applicant=citizen,
        service=make_service(name="Street event permit"),
        details="A book swap on Wukang Road.",
    )
    ask_the_citizen(
        application,
        by=caseworker,
        note_to_citizen="Please send a site plan with the emergency lane.",
    )
    page.goto(f"{live_server.url}{application.get_absolute_url()}")
    sign_in_with_the_form(page, citizen.email)

    reply = page.get_by_role("region", name="Send what was asked for")
    expect(reply).to_contain_text("Please send a site plan with the emergency lane.")
    assert_meets_the_page_rules(page, axe_violations)
    reply.get_by_role("button", name="Send").click()
    expect(page.locator(".error-summary")).to_contain_text("Write a message or choose a file")
    assert_meets_the_page_rules(page, axe_violations)

    page.get_by_label("Your message").fill("Here is the plan, with a 4 m lane.")
    page.get_by_label("Files (optional)").set_input_files(
        files=[{"name": "plan.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4\n%%EOF\n"}]
    )
    page.get_by_role("button", name="Send").click()
    expect(page.locator(".message--success")).to_contain_text("We have received what you sent.")
    expect(page.locator(".timeline__item").first).to_contain_text("Here is the plan")
    assert_meets_the_page_rules(page, axe_violations)

    admin = staff_context(browser, live_server, caseworker).new_page()
    admin.goto(f"{live_server.url}/admin/applications/application/")
    admin.get_by_role("link", name="Citizen replied").click()
    admin.get_by_role("link", name=application.reference).click()
    expect(admin.locator("body")).to_contain_text("Here is the plan, with a 4 m lane.")
    with admin.expect_download() as download:
        admin.get_by_role("link", name="plan.pdf").first.click()
    assert download.value.suggested_filename == "plan.pdf"


def test_an_inquiry_with_a_file_and_its_follow_up_on_accessible_pages(
    live_server, page, axe_violations, citizen, caseworker
):
    page.goto(f"{live_server.url}/inquiries/new/")
    sign_in_with_the_form(page, citizen.email)
    page.get_by_label("Subject").fill("A pothole")
    page.get_by_label("Your question").fill("There is a deep pothole outside number 12.")
    page.get_by_label("Documents or photos (optional)").set_input_files(
        files=[
            {"name": "pothole.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4\n%%EOF\n"}
        ]
    )
    page.get_by_role("button", name="Send inquiry").click()
    expect(page.locator(".summary-list")).to_contain_text("pothole.pdf")

    inquiry = citizen.inquiries.get()
    inquiry_answer(inquiry=inquiry, answer="We will fill it this week.", by=caseworker)
    page.reload()
    follow_up = page.get_by_role("region", name="Ask a follow-up question")
    assert_meets_the_page_rules(page, axe_violations)
    follow_up.get_by_label("Your follow-up question").fill("Which day?")
    follow_up.get_by_role("button", name="Send follow-up question").click()
    expect(page.get_by_role("region", name="Your follow-up question")).to_contain_text("Which day?")
    assert_meets_the_page_rules(page, axe_violations)


def test_the_start_page_and_the_services_list_for_visitors(
    live_server, page, axe_violations, service
):
    for path in ["/services/", "/services/residence-permit-renewal/"]:
        page.goto(live_server.url + path)
        assert_meets_the_page_rules(page, axe_violations)
