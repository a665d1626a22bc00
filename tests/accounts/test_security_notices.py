"""The security notices allauth sends for what the portal lets a person do with their account
(password, email address, two-factor authentication) have the portal's own subjects and words,
in sentence case, in English and Chinese."""

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation

from tests.factories import use_chinese_site_profile
from tests.languages import english_words
from tests.staff import current_code

from .conftest import link_in

# allauth sends the two-factor notices when its transaction commits, inside the request.
pytestmark = pytest.mark.django_db(transaction=True)

NEW_PASSWORD = "lanterns over the Yu Garden"
NEWER_PASSWORD = "城市门户的新密码2026"

SUBJECTS = {
    "en": [
        "Reset your password",
        "Your password was reset",
        "Your password was changed",
        "Confirm your email address",
        "Your email address was changed",
        "Confirm your email address",
        "The change of your email address was cancelled",
        "Two-factor authentication was turned on",
        "New recovery codes were made for your account",
        "Two-factor authentication was turned off",
    ],
    "zh-hans": [
        "重置密码",
        "您的密码已重置",
        "您的密码已修改",
        "确认您的电子邮箱",
        "您的电子邮箱已更改",
        "确认您的电子邮箱",
        "电子邮箱更改已取消",
        "双重验证已开启",
        "已为您的账户生成新的恢复码",
        "双重验证已关闭",
    ],
}


@pytest.fixture(autouse=True)
def no_counts_left_over():
    # allauth's counts of emails and attempts live in the database cache, which a test that
    # commits leaves behind: these tests send the same emails.
    cache.clear()
    yield
    cache.clear()


def every_security_change(client, citizen, language, delivered_mail):
    """Do, through the pages in `language`, each change to an account that allauth sends an
    email about; the emails, in order, each checked to be the only one the step sent."""
    sent = []

    def url(name):
        with translation.override(language):
            return reverse(name)

    def next_email():
        [message] = delivered_mail()[len(sent) :]
        sent.append(message)
        return message

    # A forgotten password: a link, then the new password.
    client.post(url("account_reset_password"), {"email": citizen.email})
    form_url = client.get(link_in(next_email())).url
    client.post(form_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    next_email()
    client.post(url("account_login"), {"login": citizen.email, "password": NEW_PASSWORD})

    client.post(
        url("account_change_password"),
        {"oldpassword": NEW_PASSWORD, "password1": NEWER_PASSWORD, "password2": NEWER_PASSWORD},
    )
    next_email()

    # A new email address, confirmed: the notice goes to the old one.
    client.post(url("account_email"), {"action_add": "", "email": "li.na@newmail.example"})
    client.post(link_in(next_email()))
    next_email()
    # Another change, cancelled before it is confirmed.
    client.post(url("account_email"), {"action_add": "", "email": "li.na@third.example"})
    next_email()
    client.post(url("account_email"), {"action_remove": "", "email": "li.na@third.example"})
    next_email()

    page = client.get(url("mfa_activate_totp"))
    client.post(url("mfa_activate_totp"), {"code": current_code(page.context["form"].secret)})
    next_email()
    client.post(url("mfa_generate_recovery_codes"))
    next_email()
    client.post(url("mfa_deactivate_totp"))
    next_email()
    return sent


def notices_in(emails):
    """Leaving out the emails with a link to follow (a password reset, two confirmations)."""
    return [email for number, email in enumerate(emails) if number not in {0, 3, 5}]


def subject_of(message):
    subject, _portal_name = message.subject.rsplit(" | ", 1)
    return subject


def test_security_notices_have_the_portals_sentence_case_subjects_in_english(
    client, citizen, delivered_mail
):
    emails = every_security_change(client, citizen, "en", delivered_mail)

    subjects = [subject_of(message) for message in emails]
    assert subjects == SUBJECTS["en"]
    for subject in subjects:
        assert not any(word[0].isupper() for word in subject.split()[1:]), subject
    changed = emails[4]
    assert changed.to == ["li.na@example.com"]
    assert (
        "The email address of your account was changed from li.na@example.com to "
        "li.na@newmail.example. From now on we write to you at the new address." in changed.body
    )
    assert "contact us right away" in changed.body
    assert "http://testserver/contact/" in changed.body
    for notice in notices_in(emails):
        assert "This is a security notice about your account on Shanghai City Portal." in (
            notice.body
        )
        assert " (UTC+08:00)\n" in notice.body


def test_security_notices_are_wholly_in_chinese_from_chinese_pages(client, citizen, delivered_mail):
    use_chinese_site_profile()

    emails = every_security_change(client, citizen, "zh-hans", delivered_mail)

    assert [subject_of(message) for message in emails] == SUBJECTS["zh-hans"]
    for notice in notices_in(emails):
        assert "这是关于您在上海市政府门户网站账户的安全通知。" in notice.body
        assert "。 " not in notice.body  # no space after a Chinese full stop
        [(html, _)] = notice.alternatives
        assert "（UTC+08:00）" in notice.body
        assert english_words(html, allowed=["Li", "Na", "Other", "UTC"]) == [], notice.subject
