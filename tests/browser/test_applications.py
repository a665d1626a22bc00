import re

import pytest
from django.test import Client
from playwright.sync_api import expect

from applications.models import Application
from applications.services import application_change_status
from tests.browser.sessions import context_with_session_of, sign_in_with_the_form, staff_context
from tests.factories import make_application, make_inquiry, make_service

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def service(db):
    return make_service(name="Street event permit")


def sign_in(page, live_server, user):
    page.goto(f"{live_server.url}/accounts/login/")
    sign_in_with_the_form(page, user.email)
    page.wait_for_url(re.compile(r".*/$"))


def assert_accessible(page, axe_violations):
    assert page.locator("h1").count() == 1, page.url
    assert axe_violations(page) == [], page.url


def test_a_citizen_applies_a_caseworker_processes_it_and_the_citizen_sees_it(
    live_server, page, browser, axe_violations, citizen, service, caseworker
):
    sign_in(page, live_server, citizen)
    assert_accessible(page, axe_violations)  # the home page with the empty widgets
    page.get_by_role("link", name="Apply for a service").click()
    assert_accessible(page, axe_violations)
    page.get_by_role("link", name="Street event permit").click()
    page.get_by_role("link", name="Start now").click()
    assert_accessible(page, axe_violations)

    page.get_by_role("button", name="Save and continue").click()
    expect(page.locator(".error-summary")).to_contain_text("Enter an answer")
    assert_accessible(page, axe_violations)

    page.get_by_label("What are you asking for, and why?").fill(
        "A book swap on Wukang Road, Saturday 9:00-13:00."
    )
    page.get_by_label("Supporting documents (optional)").set_input_files(
        files=[{"name": "plan.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4\n%%EOF\n"}]
    )
    page.get_by_role("button", name="Save and continue").click()
    page.get_by_role("button", name="Accept and send").click()

    application = Application.objects.get()
    expect(page.locator("h1")).to_have_text("Application submitted")
    expect(page.locator(".reference")).to_have_text(application.reference)
    assert_accessible(page, axe_violations)

    caseworker_context = staff_context(browser, live_server, caseworker)
    admin = caseworker_context.new_page()
    admin.goto(f"{live_server.url}/admin/applications/application/?q={application.reference}")
    admin.get_by_role("link", name=application.reference).click()
    admin.get_by_role("link", name="Change status").click()
    admin.get_by_label("Received").check()
    admin.get_by_role("button", name="Save the new status and email the citizen").click()
    admin.get_by_role("link", name="Change status").click()
    admin.get_by_label("Processing").check()
    admin.get_by_label("Note to the citizen").fill("An officer is checking the site plan.")
    admin.get_by_role("button", name="Save the new status and email the citizen").click()
    expect(admin.locator(".messagelist")).to_contain_text("is now “Processing”")
    caseworker_context.close()

    page.goto(live_server.url)
    widget = page.locator("section", has=page.get_by_role("heading", name="My applications"))
    expect(widget).to_contain_text(application.reference)
    expect(widget).to_contain_text("Processing")
    assert_accessible(page, axe_violations)

    widget.get_by_role("link", name=re.compile(application.reference)).click()
    expect(page.locator(".status-panel")).to_contain_text("Processing")
    expect(page.locator(".timeline")).to_contain_text("An officer is checking the site plan.")
    expect(page.locator(".timeline .timeline__title")).to_have_text(
        ["Processing", "Received", "Submitted"]
    )
    assert_accessible(page, axe_violations)
    with page.expect_download() as download:
        page.get_by_role("link", name="plan.pdf").click()
    assert download.value.suggested_filename == "plan.pdf"

    page.get_by_role("link", name="My applications").first.click()
    assert_accessible(page, axe_violations)
    page.goto(f"{live_server.url}/applications/{application.reference}/withdraw/")
    assert_accessible(page, axe_violations)


def test_an_approved_application_shows_its_note_under_the_status_on_a_small_screen(
    live_server, page, axe_violations, citizen, service, caseworker
):
    application = make_application(applicant=citizen, service=service)
    for status in ["received", "processing"]:
        application_change_status(application=application, to_status=status, by=caseworker)
    application_change_status(
        application=application,
        to_status="approved",
        by=caseworker,
        note_to_citizen="Bring the site plan to the Jing'an office on the day.",
    )
    page.set_viewport_size({"width": 320, "height": 640})
    sign_in(page, live_server, citizen)

    page.goto(f"{live_server.url}{application.get_absolute_url()}")

    expect(page.locator(".status-panel .inset-text")).to_contain_text("Bring the site plan")
    assert_accessible(page, axe_violations)


def test_inquiry_pages_are_accessible_and_fit_a_small_screen(
    live_server, page, browser, axe_violations, citizen
):
    answered = make_inquiry(
        author=citizen, subject="English map", message="Where can I get an English city map?"
    )
    page.set_viewport_size({"width": 320, "height": 640})
    sign_in(page, live_server, citizen)

    page.goto(f"{live_server.url}/inquiries/new/")
    assert_accessible(page, axe_violations)
    page.get_by_label("Subject").fill("Recycling days")
    page.get_by_label("Your question").fill("Which days are recyclables collected in Xuhui?")
    page.get_by_role("button", name="Send inquiry").click()
    expect(page.locator(".message--success")).to_contain_text("Your inquiry was sent")
    assert_accessible(page, axe_violations)

    for path in ["/inquiries/", answered.get_absolute_url(), "/applications/", "/services/", "/"]:
        page.goto(live_server.url + path)
        assert_accessible(page, axe_violations)
        assert page.evaluate("document.documentElement.scrollWidth") <= 320, path


def test_an_option_on_its_own_comes_after_an_or_and_is_refused_with_the_others(
    live_server, browser, axe_violations, citizen
):
    service = make_service(
        name="Market stall permit",
        questions=[
            {
                "label": "What will you put up?",
                "kind": "choices",
                "options": "Stalls\nA stage\nNothing",
                "last_option_alone": True,
            }
        ],
    )
    client = Client()
    client.force_login(citizen)
    url = f"{live_server.url}/services/{service.slug}/apply/1/"
    checked = context_with_session_of(client, browser, live_server).new_page()
    checked.goto(url)
    expect(checked.locator(".choices__divider")).to_have_text("or")
    assert_accessible(checked, axe_violations)

    # By keyboard, without JavaScript, on a phone.
    context = context_with_session_of(client, browser, live_server, java_script_enabled=False)
    page = context.new_page()
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(url)

    page.get_by_label("Stalls").focus()
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")  # Nothing, with Stalls
    expect(page.get_by_label("Nothing")).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Save and continue")).to_be_focused()
    page.keyboard.press("Enter")

    expect(page.locator(".error-summary")).to_contain_text(
        "Select “Nothing” on its own, or select only the other options"
    )
    context.close()


def test_a_citizen_withdraws_an_inquiry_they_no_longer_need_answered(
    live_server, page, axe_violations, citizen
):
    inquiry = make_inquiry(author=citizen, subject="Library hours")
    sign_in(page, live_server, citizen)
    page.goto(f"{live_server.url}{inquiry.get_absolute_url()}")

    page.get_by_role("link", name="Withdraw inquiry").click()
    expect(page.locator("h1")).to_have_text(f"Withdraw inquiry {inquiry.reference}?")
    assert_accessible(page, axe_violations)
    page.get_by_label("Why are you withdrawing? (optional)").fill("I found the hours online.")
    page.get_by_role("button", name="Yes, withdraw my inquiry").click()

    expect(page.locator(".messages")).to_have_text(
        f"You withdrew inquiry {inquiry.reference}. We will not answer it."
    )
    expect(page.locator(".status-panel")).to_contain_text("Closed")
    expect(page.get_by_role("link", name="Withdraw inquiry")).to_have_count(0)
    assert_accessible(page, axe_violations)
