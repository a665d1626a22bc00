"""A form sent after its sender was signed out (elsewhere, or by a change of password) is not
saved: the sign-in page it leads to says so, where the form's text would otherwise vanish
without a word."""

import pytest
from django.contrib.sessions.models import Session
from django.urls import reverse

from tests.html import messages

pytestmark = pytest.mark.django_db

SIGNED_OUT = (
    "You were signed out, so what you sent was not saved. Sign in, then send it again: "
    "your browser's Back button may still show what you wrote."
)


def test_a_form_sent_after_being_signed_out_elsewhere_says_why_it_was_not_saved(client, citizen):
    client.force_login(citizen)
    client.get(reverse("applications:inquiry_create"))
    Session.objects.all().delete()  # as "Sign out everywhere" does, from another browser

    response = client.post(
        reverse("applications:inquiry_create"),
        {"subject": "Noise at night", "message": "The building site works after 22:00."},
        follow=True,
    )

    assert response.redirect_chain[-1][0].startswith(reverse("account_login"))
    assert messages(response) == [SIGNED_OUT]


def test_a_form_with_files_sent_after_being_signed_out_says_so_not_that_it_is_too_large(
    client, citizen
):
    client.force_login(citizen)
    Session.objects.all().delete()

    # Four megabytes of files: more than anyone signed out may send, less than a citizen may.
    # Only the length is claimed; nothing may read the body.
    response = client.post(
        reverse("applications:inquiry_create"),
        {"subject": "Noise at night"},
        CONTENT_LENGTH=str(4 * 1024 * 1024),
    )

    assert response.status_code == 302
    assert (
        response.url == f"{reverse('account_login')}?next={reverse('applications:inquiry_create')}"
    )
    assert messages(client.get(response.url)) == [SIGNED_OUT]


def test_opening_a_page_after_being_signed_out_asks_to_sign_in_without_that_message(client):
    response = client.get(reverse("applications:inquiry_create"), follow=True)

    assert response.redirect_chain[-1][0].startswith(reverse("account_login"))
    assert messages(response) == []


def test_the_reason_is_given_in_the_pages_language(client, citizen):
    client.force_login(citizen)
    Session.objects.all().delete()

    response = client.post("/zh-hans/inquiries/new/", {"subject": "噪音"}, follow=True)

    assert response.redirect_chain[-1][0].startswith("/zh-hans/accounts/login/")
    assert messages(response) == [
        "您已退出登录，所提交的内容未能保存。请先登录，再重新提交：浏览器的“后退”按钮可能仍保留着您填写的内容。"
    ]
