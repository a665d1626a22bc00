import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import PASSWORD, make_citizen
from tests.html import (
    buttons,
    errors,
    field_by_label,
    fields,
    find,
    h1,
    headings,
    links,
    region,
    select,
    text,
    text_of,
)

pytestmark = pytest.mark.django_db


def test_home_page_shows_the_sign_in_box_to_visitors(client):
    box = region(client.get(reverse("home")), "Sign in")

    form = find(box, "form")
    assert form["action"] == reverse("accounts:home_sign_in")
    assert find(form, 'input[name="next"]')["value"] == "/"
    assert field_by_label(form, "Email address")["name"] == "login"
    assert field_by_label(form, "Password")["type"] == "password"
    assert buttons(form) == ["Sign in"]
    assert links(box) == {
        "Create an account": reverse("account_signup"),
        "Reset your password": reverse("account_reset_password"),
    }
    # Anonymous visitors share one cached copy of the home page: no per-visitor token in it.
    assert fields(form) == ["next", "login", "password"]


def test_signing_in_from_the_home_page_box_returns_home_and_shows_the_panel(
    client, citizen, sign_in
):
    response = sign_in("li.na@example.com", next="/")

    assert response.status_code == 302
    assert response.url == "/"
    page = client.get("/")
    panel = region(page, "Your account")
    assert text_of(panel, "p") == "Signed in as Li Na"
    assert links(panel)["My account"] == reverse("accounts:overview")
    assert "Sign in" not in headings(page)


def test_the_sign_in_page_has_labelled_fields_and_one_heading(client):
    page = client.get(reverse("account_login"))

    assert h1(page) == "Sign in"
    assert field_by_label(page, "Email address")["name"] == "login"
    assert field_by_label(page, "Password")["name"] == "password"
    stylesheets = [link["href"] for link in select(page, 'link[rel="stylesheet"]')]
    assert [href for href in stylesheets if href.startswith("/static/css/portal")]


def test_a_wrong_password_and_an_unknown_address_get_the_same_answer(client, citizen, sign_in):
    wrong_password = sign_in("li.na@example.com", "not my password")
    unknown = sign_in("nobody@example.com", "not my password")

    message = "The email address or password is not correct."
    assert wrong_password.status_code == unknown.status_code == 200
    assert errors(wrong_password).summary == errors(unknown).summary == [message]
    assert find(unknown, ".error-summary")["role"] == "alert"


def test_repeated_failed_sign_ins_throttle_the_account_with_a_clear_message(
    client, citizen, sign_in
):
    for _ in range(5):
        assert sign_in("li.na@example.com", "guess").status_code == 200

    response = sign_in("li.na@example.com", PASSWORD)

    assert response.status_code == 200
    [message] = errors(response).summary
    assert message.startswith("Too many failed attempts to sign in with this email address.")
    assert "_auth_user_id" not in client.session


def test_the_throttle_is_per_account_so_others_can_still_sign_in(client, citizen, sign_in):
    for _ in range(5):
        sign_in("li.na@example.com", "guess")

    make_citizen(email="zhou.bin@example.com", password=PASSWORD)
    assert sign_in("zhou.bin@example.com").status_code == 302


def test_sign_out_needs_a_post(client, citizen):
    client.force_login(citizen)

    page = client.get(reverse("account_logout"))
    assert page.status_code == 200
    assert "_auth_user_id" in client.session

    response = client.post(reverse("account_logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_the_header_offers_my_account_and_sign_out_once_signed_in(client, citizen):
    client.force_login(citizen)

    header = find(client.get(reverse("home")), "header")

    assert links(header)["My account"] == "/account/"
    sign_out = [form for form in select(header, "form") if buttons(form) == ["Sign out"]]
    assert [form["action"] for form in sign_out] == [reverse("accounts:sign_out")]
    assert "csrfmiddlewaretoken" not in fields(header)  # the header is shared by everyone


@pytest.mark.parametrize(
    ("headers", "signed_out"),
    [({"Sec-Fetch-Site": "same-origin"}, True), ({"Sec-Fetch-Site": "cross-site"}, False)],
    ids=["from the portal", "from another site"],
)
def test_the_token_less_sign_out_button_works_only_from_the_portal(citizen, headers, signed_out):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(citizen)

    browser.post(reverse("accounts:sign_out"), headers=headers)

    assert ("Sign in" in headings(browser.get("/"))) == signed_out


def home_box_post(headers, email="li.na@example.com", password=PASSWORD):
    # A browser that enforces CSRF checks, posting the home page's token-less form.
    browser = Client(enforce_csrf_checks=True)
    response = browser.post(
        reverse("accounts:home_sign_in"),
        {"login": email, "password": password, "next": "/"},
        headers=headers,
    )
    return browser, response


@pytest.mark.parametrize(
    "headers",
    [{"Sec-Fetch-Site": "same-origin"}, {"Origin": "http://testserver"}],
    ids=["fetch metadata", "origin"],
)
def test_the_home_page_box_signs_in_without_a_token_when_the_browser_vouches_for_it(
    citizen, headers
):
    browser, response = home_box_post(headers)

    assert response.status_code == 302
    assert response.url == "/"
    assert "Signed in as Li Na" in text(region(browser.get("/"), "Your account"))


@pytest.mark.parametrize(
    "headers",
    [
        {"Sec-Fetch-Site": "cross-site"},
        {"Sec-Fetch-Site": "same-site"},
        {"Origin": "https://elsewhere.example"},
        {},
    ],
    ids=["cross-site", "same-site", "foreign origin", "no headers and no token"],
)
def test_a_sign_in_posted_from_elsewhere_is_refused(citizen, headers):
    browser, response = home_box_post(headers)

    assert response.status_code == 403
    assert "Li Na" not in text(browser.get("/"))


def test_the_home_page_box_keeps_allauths_answers_for_a_wrong_password(citizen):
    _, response = home_box_post({"Sec-Fetch-Site": "same-origin"}, password="not my password")

    assert response.status_code == 200
    assert errors(response).summary == ["The email address or password is not correct."]
