import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from tests.browser.rules import assert_meets_the_page_rules
from tests.browser.sessions import context_with_session_of
from tests.factories import PASSWORD, make_citizen, make_question, make_service

pytestmark = pytest.mark.django_db(transaction=True)


def assert_shows_its_place_below_home(page):
    crumbs = page.get_by_role("navigation", name="Breadcrumb").get_by_role("listitem")
    expect(crumbs.first.get_by_role("link")).to_have_accessible_name("Home")
    expect(crumbs.first.get_by_role("link")).to_have_attribute("href", "/")
    expect(crumbs.last.locator('[aria-current="page"]')).to_have_count(1)


@pytest.fixture
def published_question(topic):
    return make_question(
        topic=topic,
        question="Where can I get an English map of the city?",
        slug="english-city-map",
        answer="<p>Free maps are handed out at <strong>tourist information centres</strong>.</p>",
    )


@pytest.mark.parametrize(
    "path",
    [
        "/accessibility/",
        "/privacy/",
        "/contact/",
        "/faq/english-city-map/",
        "/search/",
        "/search/?q=zzzzqqq",
        "/accounts/password/reset/done/",
        "/accounts/confirm-email/not-a-real-key/",
    ],
)
def test_pages_for_everyone(live_server, page, axe_violations, published_question, path):
    response = page.goto(f"{live_server.url}{path}")

    assert response.status == 200
    assert_shows_its_place_below_home(page)
    assert_meets_the_page_rules(page, axe_violations)


def test_the_page_for_an_address_that_leads_nowhere(live_server, page, axe_violations):
    response = page.goto(f"{live_server.url}/no-such-page/")

    assert response.status == 404
    assert_meets_the_page_rules(page, axe_violations)


def test_the_page_for_a_form_sent_without_its_security_token(live_server, page, axe_violations):
    # A form posted without the CSRF cookie, as when the browser blocks cookies. The form is
    # sent the ordinary way; JavaScript stays on only because axe-core cannot run without it.
    page.goto(f"{live_server.url}/accounts/login/")
    page.context.clear_cookies(name=settings.CSRF_COOKIE_NAME)
    page.fill('input[name="login"]', "someone@example.com")
    page.fill('input[name="password"]', PASSWORD)
    with page.expect_navigation() as navigation:
        page.press('input[name="password"]', "Enter")

    assert navigation.value.status == 403
    assert page.locator("h1").inner_text() == "Your form could not be sent"
    assert_meets_the_page_rules(page, axe_violations)


@pytest.fixture
def citizen_context(browser, live_server, db):
    user = make_citizen(email="zhou.yan@example.com", password=PASSWORD, full_name="Zhou Yan")
    make_service(name="Street event permit", what_to_provide="The date, place and a site plan.")
    # Signed in and then asked for the password again, through allauth's own views, so that
    # two-factor set-up opens without a detour; the browser is handed the session.
    client = Client()
    for path, data in [
        ("/accounts/login/", {"login": user.email, "password": PASSWORD}),
        ("/accounts/reauthenticate/", {"password": PASSWORD}),
    ]:
        assert client.post(path, data).status_code == 302, path
    context = context_with_session_of(client, browser, live_server)
    yield context
    context.close()


@pytest.mark.parametrize(
    "path",
    [
        "/accounts/email/",
        "/accounts/password/change/",
        "/accounts/2fa/",
        "/accounts/2fa/totp/activate/",
        "/accounts/sessions/",
        "/accounts/reauthenticate/",
        "/accounts/logout/",
        "/account/details/",
        "/account/close/",
        "/services/",
        "/inquiries/new/",
    ],
)
def test_pages_for_a_signed_in_citizen(live_server, citizen_context, axe_violations, path):
    page = citizen_context.new_page()
    response = page.goto(f"{live_server.url}{path}")

    assert response.status == 200
    assert page.url == f"{live_server.url}{path}"
    assert_shows_its_place_below_home(page)
    assert_meets_the_page_rules(page, axe_violations)
