import re

import pytest
from allauth.account.models import EmailAddress
from playwright.sync_api import expect

from tests.browser.sessions import sign_in_with_the_form
from tests.factories import PASSWORD, make_citizen, make_user
from tests.staff import add_authenticator, current_code

pytestmark = pytest.mark.django_db(transaction=True)


def fits_320_pixels(page):
    page.set_viewport_size({"width": 320, "height": 640})
    fits = page.evaluate("document.documentElement.scrollWidth") <= 320
    page.set_viewport_size({"width": 1280, "height": 720})
    return fits


def test_a_person_creates_an_account_and_is_signed_in_once_the_email_is_confirmed(
    live_server, page, delivered_mail, axe_violations
):
    page.goto(live_server.url)
    page.get_by_role("link", name="Create an account").click()
    page.get_by_label("Full name").fill("Huang Mei")
    page.get_by_label("Email address").fill("huang.mei@example.com")
    page.get_by_label("Create a password").fill("short")
    page.get_by_label("Confirm your password").fill("short")
    page.get_by_role("button", name="Create an account").click()

    assert page.get_by_role("alert").get_by_text("This password is too short").is_visible()
    assert axe_violations(page) == []

    page.get_by_label("Create a password").fill(PASSWORD)
    page.get_by_label("Confirm your password").fill(PASSWORD)
    page.get_by_role("button", name="Create an account").click()
    assert page.locator("h1").inner_text() == "Check your email"
    assert axe_violations(page) == []

    link = re.search(r"http://\S+/accounts/confirm-email/\S+", delivered_mail()[-1].body).group(0)
    page.goto(link)
    page.get_by_role("button", name="Confirm").click()
    assert EmailAddress.objects.get(email="huang.mei@example.com").verified

    assert page.url == f"{live_server.url}/"
    panel = page.get_by_role("region", name="Your account")
    assert "Signed in as Huang Mei" in panel.inner_text()
    panel.get_by_role("link", name="My account").click()
    assert page.locator("h1").inner_text() == "My account"
    assert axe_violations(page) == []
    assert fits_320_pixels(page)


@pytest.mark.parametrize(
    "path", ["/accounts/login/", "/accounts/signup/", "/accounts/password/reset/"]
)
def test_account_entrance_pages_are_accessible_and_fit_a_phone(
    live_server, page, axe_violations, path
):
    page.goto(f"{live_server.url}{path}")

    assert page.locator("h1").count() == 1
    assert axe_violations(page) == []
    assert fits_320_pixels(page)


def test_a_failed_sign_in_shows_the_error_accessibly(live_server, page, axe_violations):
    make_user(email="li.na@example.com", password=PASSWORD)
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Email address").fill("li.na@example.com")
    page.get_by_label("Password").fill("not the password")
    page.get_by_role("button", name="Sign in").click()

    assert "The email address or password is not correct." in page.get_by_role("alert").inner_text()
    assert axe_violations(page) == []


@pytest.mark.parametrize("javascript", [True, False], ids=["with JavaScript", "without JavaScript"])
def test_signing_in_from_the_cached_home_page(live_server, browser, javascript):
    make_citizen(email="gao.lan@example.com", password=PASSWORD, full_name="Gao Lan")
    context = browser.new_context(java_script_enabled=javascript)
    page = context.new_page()
    page.goto(live_server.url)  # the first anonymous visit leaves a shared copy
    response = page.goto(live_server.url)
    assert response.headers["cache-control"].startswith("public")

    sign_in_with_the_form(page, "gao.lan@example.com")

    assert page.url == f"{live_server.url}/"
    assert "Signed in as Gao Lan" in page.get_by_role("region", name="Your account").inner_text()
    context.close()


@pytest.fixture
def staff_member(db):
    return make_citizen(
        email="wang.fang@city.example", password=PASSWORD, full_name="Wang Fang", is_staff=True
    )


def sign_in_with_password(page, live_server, user, next_path=""):
    page.goto(f"{live_server.url}/accounts/login/{next_path}")
    sign_in_with_the_form(page, user.email)


def test_staff_sign_in_with_a_code_and_reach_the_admin(
    live_server, page, staff_member, axe_violations
):
    add_authenticator(staff_member)
    sign_in_with_password(page, live_server, staff_member, "?next=/admin/")

    expect(page.get_by_label("Code")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_label("Code").fill(current_code(staff_member.totp_secret))
    page.get_by_label("Code").press("Enter")

    expect(page.get_by_role("heading", level=1)).to_have_text("Site administration")


def test_a_session_without_a_code_is_asked_for_one_before_the_admin(
    live_server, page, staff_member, axe_violations
):
    sign_in_with_password(page, live_server, staff_member)  # no authenticator yet
    add_authenticator(staff_member)  # added from another device

    page.goto(f"{live_server.url}/admin/")

    expect(page.get_by_text("Enter a code from your authenticator app")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_label("Code").fill(current_code(staff_member.totp_secret))
    page.get_by_label("Code").press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Site administration")


def test_new_staff_set_up_two_factor_authentication_in_one_pass(
    live_server, page, staff_member, axe_violations
):
    sign_in_with_password(page, live_server, staff_member, "?next=/admin/")

    expect(page.get_by_role("heading", level=1)).to_have_text("Set up two-factor authentication")
    assert axe_violations(page) == []
    secret = page.get_by_label("If you cannot scan the code, enter this key instead").input_value()
    page.get_by_label("Code from your authenticator app").fill(current_code(secret))
    page.get_by_role("button", name="Turn on two-factor authentication").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Your recovery codes")
    assert axe_violations(page) == []
    page.get_by_role("link", name="Continue to the administration").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Site administration")
