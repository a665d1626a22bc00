"""The admin pages staff use every day, checked with axe-core as an editor and as a caseworker
(in each language the administration speaks), each signed in with two factors."""

import pytest
from playwright.sync_api import expect

from tests.browser.sessions import staff_context
from tests.factories import (
    make_application,
    make_inquiry,
    make_published_answer,
    make_service,
    make_user,
)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def article(make_article):
    return make_article(
        title="Ferry timetable changes",
        summary="Ferries run later from Monday.",
        body="<h2>New times</h2><p>Until 23:00.</p>",
        days_ago=-2,  # scheduled
        photo=True,
        image_alt="A ferry at the pier",
    )


@pytest.fixture
def question(make_question):
    return make_question(
        question="Is the ferry free?",
        answer="<p>No: a single trip costs 2 yuan.</p>",
        published=False,
    )


@pytest.fixture
def cases(db):
    citizen = make_user(email="li.na@example.com", full_name="Li Na", contact_language="zh-hans")
    application = make_application(
        applicant=citizen,
        service=make_service(name="Street event permit"),
        details="A night market on Fuxing Road.",
    )
    return application, make_inquiry(author=citizen)


def violations_on(context, live_server, axe_violations, paths):
    """Each page's violations, for the pages that have any."""
    page = context.new_page()
    found = {}
    for path in paths:
        response = page.goto(f"{live_server.url}{path}")
        assert response.status == 200, path
        if violations := axe_violations(page):
            found[path] = violations
    return found


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_the_pages_an_editor_uses(
    browser, live_server, axe_violations, editor, article, question, language
):
    editor.contact_language = language
    editor.save()
    context = staff_context(browser, live_server, editor)

    found = violations_on(
        context,
        live_server,
        axe_violations,
        [
            "/admin/",
            "/admin/news/article/",
            "/admin/news/article/add/",
            f"/admin/news/article/{article.pk}/change/",
            "/admin/faq/question/",
            "/admin/faq/question/add/",
            f"/admin/faq/question/{question.pk}/change/",
            f"/admin/faq/question/{question.pk}/preview/",
        ],
    )

    assert found == {}
    context.close()


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_the_page_refusing_an_editor_the_cases(
    browser, live_server, axe_violations, editor, language
):
    editor.contact_language = language
    editor.save()
    page = staff_context(browser, live_server, editor).new_page()

    response = page.goto(f"{live_server.url}/admin/applications/application/")

    assert response.status == 403
    assert page.locator("#content").get_by_text("Caseworkers").count() == 1
    assert axe_violations(page) == []
    page.context.close()


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_the_pages_a_caseworker_uses(
    browser, live_server, axe_violations, caseworker, cases, language
):
    application, inquiry = cases
    caseworker.contact_language = language
    caseworker.save()
    to_publish, published = [
        make_inquiry(author=inquiry.author, publication_agreed=True, answered_by=caseworker)
        for _ in range(2)
    ]
    published = make_published_answer(inquiry=published, by=caseworker)
    context = staff_context(browser, live_server, caseworker)

    found = violations_on(
        context,
        live_server,
        axe_violations,
        [
            "/admin/",
            "/admin/applications/application/",
            "/admin/applications/inquiry/",
            f"/admin/applications/application/{application.pk}/change/",
            f"/admin/applications/application/{application.pk}/status/",
            f"/admin/applications/inquiry/{inquiry.pk}/change/",
            f"/admin/applications/inquiry/{inquiry.pk}/status/",
            f"/admin/applications/inquiry/{to_publish.pk}/publish/",
            "/admin/applications/publishedanswer/",
            f"/admin/applications/publishedanswer/{published.pk}/change/",
        ],
    )

    assert found == {}
    context.close()


def test_the_rich_text_editor_runs_within_the_pages_security_policy(new_article_form):
    # The editor adds ProseMirror's own rules as a <style> element, which the policy allows by
    # its hash (portal/admin_editor.py): a new version of the editor with other rules needs the
    # new hash, or spaces typed before a bold word slip into it.
    form = new_article_form
    form.body.click()
    form.page.keyboard.type("Ferries run later ")
    form.page.keyboard.press("Control+b")
    form.page.keyboard.type("from Monday")

    assert form.console == []
    assert form.body.inner_html() == "<p>Ferries run later <strong>from Monday</strong></p>"


def test_the_editors_toolbar_tells_screen_readers_what_cannot_be_done_now(new_article_form):
    form = new_article_form
    toolbar = form.page.locator("#id_body").locator(
        "xpath=ancestor::div[contains(@class, 'prose-editor')]"
    )
    undo = toolbar.get_by_role("button", name="undo")

    # The toolbar is built once the editor's modules have loaded: expect waits for it.
    expect(undo).to_have_attribute("aria-disabled", "true")
    form.body.click()
    form.page.keyboard.type("Ferries run later")
    expect(undo).not_to_have_attribute("aria-disabled", "true")
