import pytest
from django.urls import reverse

from tests.factories import PASSWORD
from tests.html import errors, h1, hint, html_of, link_targets, links, main, text, text_of

from .conftest import link_in

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "lanterns over the Yu Garden"


def test_forgot_password_emails_a_link_that_sets_a_new_password(
    client, citizen, delivered_mail, sign_in
):
    response = client.post(reverse("account_reset_password"), {"email": "li.na@example.com"})

    assert response.url == reverse("account_reset_password_done")
    [message] = delivered_mail()
    assert message.to == ["li.na@example.com"]
    assert message.subject == "Reset your password | Shanghai City Portal"
    assert "Open this link to choose a new password:" in message.body
    assert link_targets(message.alternatives[0].content)[0].endswith(link_in(message))
    form_url = client.get(link_in(message)).url
    response = client.post(form_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})

    assert response.url == reverse("account_reset_password_from_key_done")
    citizen.refresh_from_db()
    assert citizen.check_password(NEW_PASSWORD)
    assert sign_in("li.na@example.com", NEW_PASSWORD).status_code == 302


def test_forgot_password_for_an_unknown_address_looks_the_same(client, citizen, delivered_mail):
    known = client.post(reverse("account_reset_password"), {"email": "li.na@example.com"})
    unknown = client.post(reverse("account_reset_password"), {"email": "nobody@example.com"})

    assert (unknown.status_code, unknown.url) == (known.status_code, known.url)
    assert delivered_mail()[1].to == ["nobody@example.com"]
    assert "We have no account with this address." in delivered_mail()[1].body
    assert "/accounts/signup/" in delivered_mail()[1].body


def test_forgot_password_for_a_closed_account_says_it_is_closed_and_whom_to_ask(
    client, citizen, delivered_mail
):
    citizen.is_active = False
    citizen.save(update_fields=["is_active"])

    response = client.post(reverse("account_reset_password"), {"email": "Li.Na@example.com"})

    assert response.url == reverse("account_reset_password_done")
    [message] = delivered_mail()
    assert message.to == ["li.na@example.com"]
    assert message.subject == "Your account with this address is closed | Shanghai City Portal"
    assert "asked to reset the password" in message.body
    assert "Your account with this address is closed" in message.body
    assert "We have no account" not in message.body
    assert "/contact/" in message.body
    assert "/contact/" in message.alternatives[0].content


def test_a_used_or_forged_reset_link_says_so_without_an_error(client, citizen):
    response = client.get("/accounts/password/reset/key/zz-forged-key/", follow=True)

    assert response.status_code == 200
    assert h1(response) == "This link no longer works"
    assert links(main(response))["Send a new link"] == reverse("account_reset_password")


def test_change_password_needs_the_current_one_and_sends_a_notice(client, citizen, delivered_mail):
    client.force_login(citizen)
    url = reverse("account_change_password")

    wrong = client.post(
        url, {"oldpassword": "guess", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    )
    assert errors(wrong).fields["oldpassword"] == [
        "That is not your current password. Type the password you sign in with now."
    ]

    response = client.post(
        url, {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    )
    assert response.status_code == 302
    citizen.refresh_from_db()
    assert citizen.check_password(NEW_PASSWORD)
    [notice] = delivered_mail()
    assert notice.subject == "Your password was changed | Shanghai City Portal"
    assert "This is a security notice about your account on Shanghai City Portal." in notice.body
    assert "http://testserver/account/" in notice.body


def test_the_current_password_is_refused_as_the_new_one(client, citizen, delivered_mail):
    client.force_login(citizen)

    response = client.post(
        reverse("account_change_password"),
        {"oldpassword": PASSWORD, "password1": PASSWORD, "password2": PASSWORD},
    )

    assert errors(response).fields["password1"] == [
        "Choose a new password: this one is your current password."
    ]
    assert not delivered_mail()


def test_too_many_reset_requests_get_a_clear_page_not_an_error(client, citizen):
    for _ in range(5):
        client.post(reverse("account_reset_password"), {"email": "li.na@example.com"})

    response = client.post(reverse("account_reset_password"), {"email": "li.na@example.com"})

    assert response.status_code == 429
    assert h1(response) == "Too many attempts"
    assert "Wait a few minutes, then try again." in text_of(response, "main")


@pytest.mark.parametrize(("days", "promise"), [(3, "for 3 days"), (1, "for 1 day")])
def test_the_reset_email_says_how_long_its_link_works(
    client, citizen, delivered_mail, settings, days, promise
):
    settings.PASSWORD_RESET_TIMEOUT = days * 24 * 60 * 60

    client.post(reverse("account_reset_password"), {"email": "li.na@example.com"})

    [message] = delivered_mail()
    assert f"The link works once, {promise}." in message.body
    assert f"The link works once, {promise}." in text(html_of(message))


def test_the_current_password_has_no_forgotten_password_hint(client, citizen):
    # The page has its own link to reset the password; allauth's hint on the field said it again
    # to screen readers each time the field took focus.
    client.force_login(citizen)

    response = client.get(reverse("account_change_password"))

    assert hint(response, "Current password") == ""
    assert "Forgot your password?" not in response.content.decode()
