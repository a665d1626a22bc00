import pytest
from allauth.account.models import EmailAddress
from django.core.cache import cache
from django.urls import reverse, translate_url

from tests.factories import PASSWORD
from tests.html import h1, html_of, link_targets, main, messages, text, texts_of

from .conftest import link_in, sign_in_long_ago

pytestmark = pytest.mark.django_db


def test_changing_the_email_address_takes_effect_only_once_the_new_one_is_confirmed(
    client, citizen, sign_in, delivered_mail
):
    sign_in(citizen.email)

    response = client.post(
        reverse("account_email"), {"action_add": "", "email": "li.na@newmail.example"}
    )

    assert response.status_code == 302
    [message] = delivered_mail()
    assert message.to == ["li.na@newmail.example"]
    assert message.subject == "Confirm your email address | Shanghai City Portal"
    assert "Until you confirm it, we keep using your current address." in message.body
    # The address may be somebody else's: the email does not tell them who asked.
    assert message.body.startswith("Hello,\n")
    assert "Li Na" not in message.body + html_of(message)
    citizen.refresh_from_db()
    assert citizen.email == "li.na@example.com"

    client.post(link_in(message))

    citizen.refresh_from_db()
    assert citizen.email == "li.na@newmail.example"
    assert list(EmailAddress.objects.filter(user=citizen).values_list("email", "verified")) == [
        ("li.na@newmail.example", True)
    ]


def test_confirming_a_new_address_while_signed_in_leads_to_my_account(
    client, citizen, sign_in, delivered_mail
):
    sign_in(citizen.email)
    client.post(reverse("account_email"), {"action_add": "", "email": "li.na@newmail.example"})

    response = client.post(link_in(delivered_mail()[0]), follow=True)

    assert response.redirect_chain[-1][0] == reverse("accounts:overview")
    assert "You have confirmed li.na@newmail.example." in text(main(response))


def test_asking_for_another_accounts_address_tells_its_owner_instead_of_sending_a_dead_link(
    client, citizen, other_citizen, sign_in, delivered_mail
):
    sign_in(citizen.email)

    response = client.post(
        reverse("account_email"), {"action_add": "", "email": other_citizen.email}, follow=True
    )

    # The asker is told what anyone asking for a new address is told.
    assert f"We have sent a link to {other_citizen.email}." in text(main(response))
    [message] = delivered_mail()
    assert message.to == [other_citizen.email]
    assert message.subject == "This address already belongs to your account | Shanghai City Portal"
    assert message.body.startswith("Hello Zhou Bin,\n")
    assert "It is already the address of your account, so nothing has changed." in message.body
    assert "/accounts/confirm-email/" not in message.body
    assert "Li Na" not in message.body + html_of(message)
    other_citizen.refresh_from_db()
    assert other_citizen.email == "zhou.bin@example.com"


def test_the_owner_of_the_address_asked_for_is_told_in_their_own_language(
    client, citizen, other_citizen, sign_in, delivered_mail
):
    other_citizen.contact_language = "zh-hans"
    other_citizen.save()
    sign_in(citizen.email)

    client.post(reverse("account_email"), {"action_add": "", "email": other_citizen.email})

    [message] = delivered_mail()
    assert message.subject.startswith("该电子邮箱已属于您的账户")
    assert "一个电子邮箱只能用于一个账户。" in message.body
    assert "/zh-hans/accounts/login/" in message.body


def test_the_owners_sign_in_link_is_in_their_language_not_the_askers(
    client, citizen, other_citizen, sign_in, delivered_mail
):
    sign_in(citizen.email)

    client.post(
        translate_url(reverse("account_email"), "zh-hans"),
        {"action_add": "", "email": other_citizen.email},
    )

    [message] = delivered_mail()
    assert message.subject.startswith("This address already belongs to your account")
    assert "http://testserver/accounts/login/" in message.body
    assert "/zh-hans/" not in message.body


def test_asking_for_a_closed_accounts_address_tells_its_owner_it_stays_with_that_account(
    client, citizen, other_citizen, sign_in, delivered_mail
):
    other_citizen.is_active = False
    other_citizen.save()
    sign_in(citizen.email)

    client.post(reverse("account_email"), {"action_add": "", "email": other_citizen.email})

    [message] = delivered_mail()
    assert message.subject == "Your account with this address is closed | Shanghai City Portal"
    assert "It is the address of your closed account, so it cannot be used" in message.body
    assert "/accounts/confirm-email/" not in message.body


def test_asking_for_a_new_address_says_once_that_the_link_is_sent(client, citizen, sign_in):
    sign_in(citizen.email)
    new_address = {"email": "li.na@newmail.example"}

    added = client.post(reverse("account_email"), {"action_add": "", **new_address}, follow=True)
    cache.clear()  # past the limit of one email an address in three minutes
    again = client.post(reverse("account_email"), {"action_send": "", **new_address}, follow=True)

    # The page says it; sent again, the message says that it was.
    assert not [message for message in messages(added) if "We have sent" in message]
    assert text(main(added)).count("We have sent a link to li.na@newmail.example.") == 1
    assert messages(again) == [
        "We have sent a link to li.na@newmail.example. Open it to confirm the address."
    ]


def test_sending_the_email_again_too_soon_says_to_wait(client, citizen, sign_in, delivered_mail):
    # allauth sends one confirmation email per address in three minutes (ACCOUNT_RATE_LIMITS).
    sign_in(citizen.email)
    new_address = {"email": "li.na@newmail.example"}
    client.post(reverse("account_email"), {"action_add": "", **new_address})

    again = client.post(reverse("account_email"), {"action_send": "", **new_address}, follow=True)

    assert len(delivered_mail()) == 1
    assert "Wait a little longer, and check your spam folder" in text(main(again))


@pytest.mark.parametrize("days", [3, 5])
def test_the_email_confirming_a_new_address_says_how_long_its_link_works(
    client, citizen, sign_in, delivered_mail, settings, days
):
    settings.ACCOUNT_EMAIL_CONFIRMATION_EXPIRE_DAYS = days
    sign_in(citizen.email)

    client.post(reverse("account_email"), {"action_add": "", "email": "li.na@newmail.example"})

    [message] = delivered_mail()
    promise = (
        f"The link works for {days} days. If it has stopped working, ask for the change again "
        "under “My account”."
    )
    assert promise in message.body
    assert promise in text(html_of(message))


def test_the_email_page_uses_the_portal_layout(client, citizen):
    client.force_login(citizen)

    page = client.get(reverse("account_email"))

    assert h1(page) == "Change your email address"
    assert texts_of(page, 'nav[aria-label="Breadcrumb"] li')[:2] == ["Home", "My account"]
    assert "Your email address is li.na@example.com." in text(page)


def test_changing_the_address_long_after_signing_in_asks_for_the_password_first(
    client, citizen, sign_in, delivered_mail
):
    sign_in(citizen.email)
    sign_in_long_ago(client)
    new_address = {"action_add": "", "email": "li.na@newmail.example"}

    asked = client.post(reverse("account_email"), new_address)
    offered = client.get(asked.url)
    confirmed = client.post(asked.url, {"password": PASSWORD})

    assert asked.url.startswith(reverse("account_reauthenticate"))
    code = reverse("account_request_reauthentication_code")
    assert not [link for link in link_targets(main(offered)) if link.startswith(code)]
    assert confirmed.status_code == 302
    [message] = delivered_mail()
    assert message.to == ["li.na@newmail.example"]
