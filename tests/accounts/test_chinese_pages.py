"""Every account page in Simplified Chinese, signed out and signed in: the portal's wording, and
allauth's own catalogue for what the portal leaves to it."""

import re

import pytest
from allauth.mfa.models import Authenticator
from django.utils import translation
from django.utils.translation import gettext

from portal import wording
from tests.factories import PASSWORD, make_user, use_chinese_site_profile
from tests.html import errors, h1, messages, text, title
from tests.languages import assert_chinese_page

from .conftest import link_in

pytestmark = pytest.mark.django_db

# The authenticator apps the set-up page names, and the browser and system a session names.
NAMES = ("Microsoft", "Authenticator", "Google", "FreeOTP", "Other", "ZIP", "IP")


@pytest.fixture(autouse=True)
def chinese_site_profile(db):
    use_chinese_site_profile()


@pytest.fixture
def person(db):
    return make_user(
        email="li.na@example.com", full_name="李娜", password=PASSWORD, email_verified=True
    )


@pytest.fixture
def signed_in(client, person):
    """Signed in with the password just now, as allauth asks before changes to security."""
    response = client.post(
        "/zh-hans/accounts/login/", {"login": person.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    return client


def assert_chinese(response, *, status=200, allowed=()):
    assert_chinese_page(response, status=status, allowed=(*NAMES, *allowed))


@pytest.mark.parametrize(
    "path",
    [
        "/zh-hans/accounts/login/",
        "/zh-hans/accounts/signup/",
        "/zh-hans/accounts/password/reset/",
        "/zh-hans/accounts/password/reset/done/",
        "/zh-hans/accounts/password/reset/key/1-set-password/",
        "/zh-hans/accounts/confirm-email/no-such-key/",
    ],
)
def test_the_pages_before_signing_in_speak_chinese(client, path):
    assert_chinese(client.get(path))


def test_a_wrong_password_is_refused_in_chinese(client, person):
    response = client.post("/zh-hans/accounts/login/", {"login": person.email, "password": "wrong"})

    assert_chinese(response)
    assert errors(response).summary == ["电子邮箱或密码不正确。"]


def test_an_empty_sign_up_form_is_refused_in_chinese(client):
    response = client.post("/zh-hans/accounts/signup/", {})

    assert_chinese(response)
    assert h1(response) == "注册账户"


def test_a_wrong_address_and_a_weak_password_are_refused_in_the_portals_chinese(client):
    response = client.post(
        "/zh-hans/accounts/signup/",
        {"full_name": "王芳", "email": "wang.fang", "password1": "123", "password2": "123"},
    )

    assert_chinese(response)
    assert errors(response).summary == [
        "电子邮箱：请输入有效的电子邮箱地址。",
        "设置密码：此密码太短，至少要包含 10 个字符。",
        "设置密码：这个密码太常见了。",
        "设置密码：密码只包含数字。",
    ]


def test_a_pasted_null_character_is_named_as_such_in_chinese(client):
    response = client.post(
        "/zh-hans/accounts/signup/",
        {
            "full_name": "王\x00芳",
            "email": "wang.fang@example.com",
            "password1": "",
            "password2": "",
        },
    )

    assert errors(response).fields["full_name"] == ["不能包含空字符（NUL）。"]


def test_a_wrong_authenticator_code_is_refused_in_chinese(signed_in):
    response = signed_in.post("/zh-hans/accounts/2fa/totp/activate/", {"code": "123456"})

    assert_chinese(response)
    assert errors(response).summary == [
        "身份验证器应用中的验证码：验证码不正确。请核对后重试，身份验证器应用每30秒显示一个新验证码。"
    ]


def sign_up_in_chinese(client):
    return client.post(
        "/zh-hans/accounts/signup/",
        {
            "full_name": "王芳",
            "email": "wang.fang@example.com",
            "password1": "城市门户的一个长密码2026",
            "password2": "城市门户的一个长密码2026",
        },
        follow=True,
    )


def test_after_signing_up_the_next_page_speaks_chinese(client):
    response = sign_up_in_chinese(client)

    assert_chinese(response)
    assert h1(response) == "请查收邮件"


@pytest.mark.parametrize(
    "path",
    [
        "/zh-hans/account/",
        "/zh-hans/account/details/",
        "/zh-hans/account/close/",
        "/zh-hans/accounts/email/",
        "/zh-hans/accounts/password/change/",
        "/zh-hans/accounts/sessions/",
        "/zh-hans/accounts/logout/",
        "/zh-hans/accounts/reauthenticate/",
        "/zh-hans/accounts/2fa/",
        "/zh-hans/accounts/2fa/totp/activate/",
    ],
)
def test_the_signed_in_pages_speak_chinese(signed_in, path):
    assert_chinese(signed_in.get(path))


def test_the_two_factor_pages_speak_chinese_once_it_is_on(signed_in, person):
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes

    from tests.factories import add_authenticator

    add_authenticator(person)
    RecoveryCodes.activate(person)
    for path in [
        "/zh-hans/accounts/2fa/",
        "/zh-hans/accounts/2fa/totp/deactivate/",
        "/zh-hans/accounts/2fa/recovery-codes/",
        "/zh-hans/accounts/2fa/recovery-codes/generate/",
    ]:
        assert_chinese(signed_in.get(path))
    assert Authenticator.objects.filter(user=person).exists()


def test_signing_in_with_two_factors_asks_for_the_code_in_chinese(client, person):
    from tests.factories import add_authenticator

    add_authenticator(person)

    response = client.post(
        "/zh-hans/accounts/login/", {"login": person.email, "password": PASSWORD}, follow=True
    )

    assert response.redirect_chain[-1][0] == "/zh-hans/accounts/2fa/authenticate/"
    assert_chinese(response)
    assert h1(response) == "请输入身份验证器应用中的验证码"


def test_saving_the_details_says_so_in_chinese(signed_in):
    response = signed_in.post(
        "/zh-hans/account/details/",
        {"full_name": "李娜", "contact_language": "zh-hans"},
        follow=True,
    )

    assert_chinese(response)
    assert "您的个人资料已保存。" in response.content.decode()
    assert "简体中文" in response.content.decode()


def test_the_account_page_writes_its_date_the_chinese_way(signed_in, person):
    from datetime import UTC, datetime

    person.date_joined = datetime(2026, 11, 30, 10, 0, tzinfo=UTC)
    person.save()

    assert "2026年11月30日" in signed_in.get("/zh-hans/account/").content.decode()


def test_signing_out_says_so_in_chinese(signed_in):
    response = signed_in.post("/zh-hans/accounts/logout/", follow=True)

    assert response.redirect_chain[-1][0] == "/zh-hans/"
    assert_chinese(response)
    assert "您已退出登录。" in response.content.decode()


def test_confirming_the_address_through_the_emailed_link_says_so_in_the_portals_chinese(
    client, delivered_mail
):
    sign_up_in_chinese(client)
    [confirmation] = delivered_mail()

    response = client.post(link_in(confirmation), follow=True)

    assert_chinese(response)
    assert messages(response)[0] == "您已确认电子邮箱 wang.fang@example.com。"


def ask_for_a_new_address(client):
    client.post("/zh-hans/accounts/email/", {"action_add": "", "email": "li.na@new.example"})
    client.get("/zh-hans/accounts/email/")


def cancel_the_new_address(client):
    return client.post(
        "/zh-hans/accounts/email/",
        {"action_remove": "", "email": "li.na@new.example"},
        follow=True,
    )


def test_cancelling_a_change_of_address_says_so_in_the_portals_chinese(signed_in):
    ask_for_a_new_address(signed_in)

    response = cancel_the_new_address(signed_in)

    assert_chinese(response)
    assert messages(response) == ["您已取消更改为li.na@new.example，电子邮箱保持不变。"]


def test_cancelling_a_change_already_confirmed_elsewhere_is_refused_in_the_portals_chinese(
    signed_in, delivered_mail
):
    ask_for_a_new_address(signed_in)
    [confirmation] = delivered_mail()
    signed_in.post(link_in(confirmation))  # as from another tab, leaving "Cancel" on show
    signed_in.get("/zh-hans/accounts/email/")

    response = cancel_the_new_address(signed_in)

    assert_chinese(response)
    assert messages(response) == ["您当前使用的电子邮箱（li.na@new.example）不能删除。"]


def test_the_allauth_messages_the_portal_words_itself_have_no_latin_letters_in_chinese():
    with translation.override("zh-hans"):
        for message in wording.ALLAUTH:
            chinese = gettext(message)
            assert chinese != message
            assert not re.search(r"[A-Za-z]", re.sub(r"%\(\w+\)s", "", chinese)), chinese


def test_no_space_follows_a_chinese_question_mark_or_the_error_titles_colon(client, signed_in):
    change = text(signed_in.get("/zh-hans/accounts/password/change/"))
    signed_in.post("/zh-hans/accounts/logout/")
    sign_in = text(client.get("/zh-hans/accounts/login/"))
    sign_up = client.post("/zh-hans/accounts/signup/", {})

    assert "忘记了当前密码？重置密码" in change
    assert "忘记密码？重置密码" in sign_in
    assert "已有账户？登录" in text(sign_up)
    assert re.match(r"错误：\S", title(sign_up))


def test_giving_the_current_address_as_the_new_one_is_refused_in_the_portals_chinese(signed_in):
    response = signed_in.post(
        "/zh-hans/accounts/email/", {"action_add": "", "email": "li.na@example.com"}
    )

    assert errors(response).fields["email"] == ["这已经是您账户的电子邮箱。"]
