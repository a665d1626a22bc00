"""The privacy notice says what the portal does: the cookies it sets and how long they last, and
how long what people tell us about pages is kept."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from portal.models import FEEDBACK_KEPT_FOR, PageFeedback
from tests.factories import PASSWORD
from tests.html import main, text

pytestmark = pytest.mark.django_db

DAY = 24 * 60 * 60


@pytest.fixture
def notice(client):
    return " ".join(text(main(client.get(reverse("privacy")))).split())


def sign_in(client, citizen, **choices):
    client.get(reverse("account_login"))
    return client.post(
        reverse("account_login"), {"login": citizen.email, "password": PASSWORD, **choices}
    )


def test_reading_the_portal_sets_no_cookie(client, make_article, make_question, service, notice):
    article = make_article()
    question = make_question()
    pages = ["/", "/news/", article.get_absolute_url(), "/faq/", "/search/?q=metro", "/status/"]

    for page in [*pages, question.get_absolute_url(), service.get_absolute_url()]:
        assert not client.get(page).cookies, page
    assert (
        "If you only read news and answers, we collect no personal information and set no" in notice
    )


def test_the_sign_in_cookie_lasts_two_weeks_only_when_asked_to(client, citizen, notice):
    assert sign_in(client, citizen, remember="on").cookies["sessionid"]["max-age"] == 14 * DAY
    client.logout()
    assert sign_in(client, citizen).cookies["sessionid"]["max-age"] == ""
    assert 'or after two weeks if you chose "Keep me signed in on this device"' in notice


def test_the_form_cookie_expires_after_a_year(client, notice):
    cookie = client.get(reverse("account_login")).cookies[settings.CSRF_COOKIE_NAME]

    assert 364 * DAY <= cookie["max-age"] <= 366 * DAY
    assert "It holds nothing about you and expires after a year" in notice


def test_the_message_cookie_lasts_until_the_message_is_shown(client, notice):
    response = client.post(reverse("feedback_useful"), {"page": "/news/", "useful": "yes"})
    assert response.cookies["messages"]["max-age"] == ""

    shown = client.get(response.url)

    assert shown.cookies["messages"]["max-age"] == 0
    assert "removed as soon as the message is shown" in notice


def test_feedback_is_deleted_after_two_years(notice):
    old = PageFeedback.objects.create(path="/news/", kind=PageFeedback.Kind.USEFUL)
    old.created_at = timezone.now() - FEEDBACK_KEPT_FOR - timedelta(minutes=1)
    old.save()
    recent = PageFeedback.objects.create(path="/news/", kind=PageFeedback.Kind.PROBLEM)
    recent.created_at = timezone.now() - FEEDBACK_KEPT_FOR + timedelta(days=1)
    recent.save()

    call_command("forget_old_feedback", verbosity=0)

    assert list(PageFeedback.objects.all()) == [recent]
    assert FEEDBACK_KEPT_FOR.days == 730
    assert "What people tell us about pages is deleted after two years." in notice
