"""A box of text with a limit says how much it takes, and with scripts on how much is left."""

import pytest
from django.test import Client
from playwright.sync_api import expect

from portal.models import SiteProfile
from tests.browser.sessions import context_with_session_of, staff_context
from tests.factories import make_application

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def inquiry_form(live_server, browser, citizen):
    """Open the inquiry form for a signed-in citizen: `open(language_prefix, **context options)`
    gives the page, with `page.console_errors` what the page logged as errors."""
    client = Client()
    client.force_login(citizen)
    contexts = []

    def open_form(prefix="", **options):
        context = context_with_session_of(client, browser, live_server, **options)
        contexts.append(context)
        page = context.new_page()
        page.console_errors = []
        page.on(
            "console",
            lambda message: message.type == "error" and page.console_errors.append(message.text),
        )
        page.goto(f"{live_server.url}{prefix}/inquiries/new/")
        return page

    yield open_form
    for context in contexts:
        context.close()


def test_the_count_says_what_is_left_and_what_is_too_much_as_the_citizen_types(
    inquiry_form, axe_violations
):
    page = inquiry_form()
    box = page.get_by_label("Your question")
    status = page.locator(".character-count__status")

    expect(status).to_have_text("You have 4,000 characters remaining")
    # The limit stays the box's description for screen readers.
    expect(box).to_have_accessible_description(
        "Include anything that helps us answer. Do not include passwords or bank details."
        " You can enter up to 4,000 characters"
    )

    box.fill("Where can I park near the library?\n" * 100 + "Thanks")
    expect(status).to_have_text("You have 494 characters remaining")
    box.press("End")
    box.press_sequentially("!")
    expect(status).to_have_text("You have 493 characters remaining")
    # Screen readers hear it once typing pauses.
    expect(page.locator("[aria-live=polite]")).to_have_text("You have 493 characters remaining")
    assert axe_violations(page) == []

    box.fill("x" * 4_001)
    expect(status).to_have_text("You have 1 character too many")
    expect(status).to_have_class("hint character-count__status character-count__status--over")
    box.fill("x" * 4_000 + "     ")
    expect(status).to_have_text("You have 0 characters remaining")
    # A character outside the basic plane counts once, as the form counts it.
    box.fill("\N{GRINNING FACE}" * 3_999)
    expect(status).to_have_text("You have 1 character remaining")
    assert page.console_errors == []


def test_the_count_speaks_chinese_on_chinese_pages(inquiry_form, axe_violations):
    page = inquiry_form("/zh-hans")
    status = page.locator(".character-count__status")

    expect(status).to_have_text("还可以输入4,000个字符")
    page.locator("textarea").fill("路" * 4_010)
    expect(status).to_have_text("已超出10个字符")
    assert axe_violations(page) == []
    assert page.console_errors == []


def test_without_scripts_the_page_says_the_limit(inquiry_form):
    page = inquiry_form(java_script_enabled=False)

    expect(page.locator(".character-count")).to_have_text("You can enter up to 4,000 characters")
    expect(page.locator(".character-count")).to_be_visible()
    expect(page.locator(".character-count__status")).to_have_count(0)


def test_the_caseworkers_notes_count_too(live_server, browser, caseworker, citizen):
    application = make_application(applicant=citizen)
    context = staff_context(browser, live_server, caseworker)
    page = context.new_page()
    page.goto(f"{live_server.url}/admin/applications/application/{application.pk}/status/")

    page.get_by_label("Note to the citizen").fill("Please send the site plan.")

    note_status, internal_status = page.locator(".character-count__status").all()
    expect(note_status).to_have_text("You have 1,974 characters remaining")
    expect(internal_status).to_have_text("You have 2,000 characters remaining")
    context.close()


def test_letters_an_input_method_is_still_composing_are_not_counted(inquiry_form):
    page = inquiry_form("/zh-hans")
    page.locator("textarea").click()
    chromium = page.context.new_cdp_session(page)
    status = page.locator(".character-count__status")

    chromium.send("Input.imeSetComposition", {"text": "lu", "selectionStart": 2, "selectionEnd": 2})
    expect(status).to_have_text("还可以输入4,000个字符")
    chromium.send("Input.insertText", {"text": "路"})

    expect(status).to_have_text("还可以输入3,999个字符")


def test_the_notice_box_of_the_site_profile_counts_too(live_server, browser, editor):
    SiteProfile(name="Shanghai City Portal").save()
    context = staff_context(browser, live_server, editor)
    page = context.new_page()
    page.goto(f"{live_server.url}/admin/portal/siteprofile/1/change/")

    page.locator("#id_notice").fill("Offices close at 15:00 today.")

    expect(page.locator(".character-count__status").first).to_have_text(
        "You have 371 characters remaining"
    )
    context.close()
