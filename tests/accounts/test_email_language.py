"""allauth's emails go out in the language of the page the person used: they are written while
the request runs, in its language, and the outbox keeps them written; the mail worker, which has
no request and no language of its own, sends them as they are."""

import re

import pytest
from django.utils import translation

from portal.models import SiteProfile
from tests.factories import PASSWORD, use_chinese_site_profile
from tests.html import find, h1, html_of
from tests.languages import english_words

from .conftest import link_in

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "城市门户的新密码2026"
CHINESE_DATE = re.compile(r"\d{4}年\d{1,2}月\d{1,2}日")


@pytest.fixture(autouse=True)
def chinese_site_profile(db):
    use_chinese_site_profile()


@pytest.fixture
def sent_later(delivered_mail):
    """The mail worker's pass, run in English as the worker's own process would be."""

    def deliver():
        with translation.override("en"):
            return delivered_mail()

    return deliver


def sign_up(client, prefix):
    return client.post(
        f"{prefix}/accounts/signup/",
        {
            "full_name": "王芳",
            "email": "wang.fang@example.com",
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
        },
    )


def test_signing_up_on_a_chinese_page_sends_the_confirmation_in_chinese(client, sent_later):
    assert sign_up(client, "/zh-hans").status_code == 302

    [message] = sent_later()
    assert message.subject == "请确认电子邮箱以完成账户注册 | 上海市政府门户网站"
    assert message.body.startswith("王芳，您好：")
    assert "请确认您的电子邮箱，以完成在上海市政府门户网站的账户注册。" in message.body
    assert "该链接3天内有效。如果链接已失效，请登录，我们会向您发送新的链接。" in message.body
    assert link_in(message).startswith("/zh-hans/accounts/confirm-email/")
    html = html_of(message)
    assert find(html, "html")["lang"] == "zh-Hans"
    assert english_words(html) == []


def test_the_link_in_the_chinese_email_opens_a_chinese_page(client, sent_later):
    sign_up(client, "/zh-hans")
    [message] = sent_later()

    page = client.get(link_in(message))

    assert find(page, "html")["lang"] == "zh-Hans"
    assert h1(page) == "确认您的电子邮箱"
    assert english_words(page) == []


def test_signing_up_on_an_english_page_sends_the_confirmation_in_english(client, sent_later):
    sign_up(client, "")

    [message] = sent_later()
    assert (
        message.subject
        == "Confirm your email address to finish creating your account | 上海市政府门户网站"
    )
    assert link_in(message).startswith("/accounts/confirm-email/")


def test_a_password_reset_asked_on_a_chinese_page_is_sent_in_chinese(client, citizen, sent_later):
    response = client.post("/zh-hans/accounts/password/reset/", {"email": citizen.email})
    assert response.url == "/zh-hans/accounts/password/reset/done/"

    [message] = sent_later()
    assert message.subject == "重置密码 | 上海市政府门户网站"
    assert "有人（可能是您本人）申请重置您在上海市政府门户网站账户的密码。" in message.body
    assert link_in(message).startswith("/zh-hans/accounts/password/reset/key/")
    assert english_words(html_of(message), allowed=["Li", "Na"]) == []


def test_a_reset_asked_on_a_chinese_page_for_a_closed_account_says_so_in_chinese(
    client, citizen, sent_later
):
    citizen.is_active = False
    citizen.save(update_fields=["is_active"])

    client.post("/zh-hans/accounts/password/reset/", {"email": citizen.email})

    [message] = sent_later()
    assert message.subject == "您使用该邮箱的账户已注销 | 上海市政府门户网站"
    assert "任何人都无法再用它登录，因此无法重置其密码。" in message.body
    assert "/zh-hans/contact/" in message.body
    assert english_words(html_of(message)) == []


def test_a_security_notice_from_a_chinese_page_is_in_chinese_with_a_chinese_date(
    client, citizen, sent_later
):
    client.force_login(citizen)

    client.post(
        "/zh-hans/accounts/password/change/",
        {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )

    [notice] = sent_later()
    assert "这是关于您在上海市政府门户网站账户的安全通知。" in notice.body
    assert CHINESE_DATE.search(notice.body)
    assert "（UTC+08:00）" in notice.body
    assert "http://testserver/zh-hans/account/" in notice.body
    # Names the portal does not translate: the person's own name and the browser's, and UTC.
    assert english_words(html_of(notice), allowed=["Li", "Na", "Other", "UTC"]) == []


@pytest.mark.parametrize(("prefix", "sender"), [("", "City Portal"), ("/zh-hans", "城市门户网站")])
def test_the_sender_is_named_in_the_language_of_the_page(
    client, citizen, sent_later, settings, prefix, sender
):
    profile = SiteProfile.load()
    profile.name, profile.name_zh_hans = "City Portal", "城市门户网站"
    profile.save()

    client.post(f"{prefix}/accounts/password/reset/", {"email": citizen.email})

    [message] = sent_later()
    assert message.from_email == f"{sender} <{settings.DEFAULT_FROM_EMAIL}>"
