"""Waiting for an email address to be confirmed: send the email again, or change the address."""

import pytest
from allauth.account.models import EmailAddress
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from tests.factories import make_user
from tests.html import buttons, h1, links, main, text

from .conftest import link_in
from .test_signup import SIGNUP

pytestmark = pytest.mark.django_db


def messages_on(response):
    return [str(message) for message in response.context["messages"]]


def test_after_creating_an_account_the_page_offers_to_send_again_or_change_the_address(client):
    response = client.post(reverse("account_signup"), SIGNUP, follow=True)

    page = main(response)
    assert h1(page) == "Check your email"
    assert "Send the email again" in buttons(page)
    assert links(page)["Change the email address"] == reverse("account_signup")
    assert "finalize" not in text(page)


def test_send_the_email_again_waits_for_the_limit_then_sends_a_new_link(client, delivered_mail):
    client.post(reverse("account_signup"), SIGNUP)
    assert len(delivered_mail()) == 1

    too_soon = client.post(reverse("accounts:verification_resend"), follow=True)
    assert too_soon.redirect_chain[-1][0] == reverse("account_email_verification_sent")
    assert any("a few minutes ago" in message for message in messages_on(too_soon))
    assert len(delivered_mail()) == 1

    cache.clear()  # three minutes later: allauth's count of emails to the address is gone
    again = client.post(reverse("accounts:verification_resend"), follow=True)

    assert messages_on(again) == [
        "We have sent a link to wang.xiaoming@example.com. Open it to confirm the address."
    ]
    _first, second = delivered_mail()
    assert second.to == ["wang.xiaoming@example.com"]
    assert link_in(second).startswith("/accounts/confirm-email/")


def test_send_again_for_an_address_that_has_an_account_looks_the_same(
    client, citizen, delivered_mail
):
    client.post(reverse("account_signup"), {**SIGNUP, "email": citizen.email})
    cache.clear()

    again = client.post(reverse("accounts:verification_resend"), follow=True)

    assert again.redirect_chain[-1][0] == reverse("account_email_verification_sent")
    assert any(f"sent a link to {citizen.email}" in m for m in messages_on(again))
    assert delivered_mail()[-1].subject.startswith("You already have an account")


def test_send_again_after_the_sign_up_has_gone_from_the_session_asks_to_sign_in(client):
    response = client.post(reverse("accounts:verification_resend"), follow=True)

    assert response.redirect_chain[-1][0] == reverse("account_login")
    assert any("If your email address is not confirmed yet" in m for m in messages_on(response))


def test_a_signed_in_person_with_an_unconfirmed_address_is_offered_the_same(client, delivered_mail):
    user = make_user(email="zhou.bin@example.com")
    EmailAddress.objects.create(user=user, email=user.email, verified=False, primary=True)
    client.force_login(user)

    page = main(client.get(reverse("applications:inquiry_create")))
    assert h1(page) == "Confirm your email address"
    assert links(page)["Change the email address"] == reverse("account_email")
    cache.clear()
    response = client.post(reverse("accounts:verification_resend"), follow=True)

    assert response.redirect_chain[-1][0] == reverse("accounts:overview")
    assert delivered_mail()[-1].to == ["zhou.bin@example.com"]


def test_an_expired_or_used_confirmation_link_says_so_and_leads_to_sign_in(client):
    page = main(client.get(reverse("account_confirm_email", args=["not-a-real-key"])))

    assert h1(page) == "This link no longer works"
    assert links(page)["Sign in"] == reverse("account_login")


def test_confirming_the_address_signs_the_new_person_in_where_they_were_going(
    client, delivered_mail
):
    client.post(f"{reverse('account_signup')}?next=/services/", {**SIGNUP, "next": "/services/"})

    response = client.post(link_in(delivered_mail()[0]))

    assert response.url == "/services/"
    assert client.session["_auth_user_id"]
    assert EmailAddress.objects.get(email="wang.xiaoming@example.com").verified


def test_a_link_opened_in_another_browser_confirms_the_address_then_asks_to_sign_in(
    client, delivered_mail
):
    client.post(reverse("account_signup"), SIGNUP)
    other_browser = Client()

    response = other_browser.post(link_in(delivered_mail()[0]), follow=True)

    assert EmailAddress.objects.get(email="wang.xiaoming@example.com").verified
    assert "_auth_user_id" not in other_browser.session
    assert response.redirect_chain[-1][0] == reverse("account_login")
    assert "You have confirmed wang.xiaoming@example.com." in messages_on(response)


def test_send_again_after_confirming_in_another_browser_leads_to_sign_in(client, delivered_mail):
    client.post(reverse("account_signup"), SIGNUP)
    Client().post(link_in(delivered_mail()[0]))

    response = client.post(reverse("accounts:verification_resend"), follow=True)

    assert response.redirect_chain[-1][0] == reverse("account_login")
    assert "Your email address is confirmed. Sign in to continue." in messages_on(response)
    assert len(delivered_mail()) == 1


def test_check_your_email_reloaded_after_confirming_in_another_browser_leads_to_sign_in(
    client, delivered_mail
):
    client.post(reverse("account_signup"), SIGNUP)
    waiting = client.get(reverse("account_email_verification_sent"))
    Client().post(link_in(delivered_mail()[0]))

    reloaded = client.get(reverse("account_email_verification_sent"), follow=True)

    assert h1(waiting) == "Check your email"
    assert reloaded.redirect_chain[-1][0] == reverse("account_login")
    assert "Your email address is confirmed. Sign in to continue." in messages_on(reloaded)


@pytest.mark.parametrize("language", ["", "/zh-hans"])
def test_opening_the_send_again_address_goes_back_to_the_page_it_belongs_to(
    client, citizen, delivered_mail, language
):
    # Reloaded after the redirect is undone, or pasted: not a bare 405 that the browser shows
    # as its own error page, and no email.
    client.post(language + reverse("account_signup"), SIGNUP)
    sent = len(delivered_mail())
    url = f"{language}/account/confirm-email/send-again/"

    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"] == f"{language}/accounts/confirm-email/"
    assert client.head(url).status_code == 302

    client.force_login(citizen)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"{language}/account/"
    assert len(delivered_mail()) == sent
