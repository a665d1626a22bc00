"""The portal's own pages in Simplified Chinese: every word of the interface translated.

The content (site profile, news, FAQ) is written in Chinese here, so that any Latin word left on
a page is an interface string that was not translated.
"""

import pytest
from django.test import Client

from tests.factories import use_chinese_site_profile
from tests.html import find, h1, text_of
from tests.languages import assert_chinese_page

pytestmark = pytest.mark.django_db

SAME_SITE = {"HTTP_SEC_FETCH_SITE": "same-origin"}
# Names that stay as they are in Chinese.
NAMES = ("AA", "WCAG", "JavaScript", "axe-core", "Cookie", "MB")


@pytest.fixture(autouse=True)
def chinese_site_profile(db):
    use_chinese_site_profile()


@pytest.fixture
def chinese_content(make_article, make_question, channel, topic):
    channel.name_zh_hans, channel.description_zh_hans = "政务新闻", "市政府发布的最新消息。"
    channel.save()
    topic.name_zh_hans = "交通出行"
    topic.save()
    article = make_article(
        title="New metro line opens",
        title_zh_hans="地铁新线路开通",
        slug="metro-line",
        summary_zh_hans="地铁十号线今天开通运营。",
        body_zh_hans="<p>地铁十号线今天上午开通运营。</p>",
        source="市交通委员会",
    )
    older = make_article(
        title="Bus routes change",
        title_zh_hans="公交线路调整",
        slug="bus-lines",
        summary_zh_hans="部分公交线路调整。",
        body_zh_hans="<p>部分公交线路自下周起调整。</p>",
        days_ago=3,
    )
    question = make_question(
        question="How do I get a transport card?",
        question_zh_hans="如何办理交通卡",
        slug="transport-card",
        answer_zh_hans="<p>可在地铁站办理交通卡。</p>",
    )
    make_question(
        question="When does the metro run?",
        question_zh_hans="地铁几点运营",
        slug="metro-hours",
        answer_zh_hans="<p>地铁每天运营。</p>",
    )
    return {"article": article, "older": older, "question": question}


def assert_chinese(response, *, status=200, allowed=()):
    assert_chinese_page(response, status=status, allowed=(*NAMES, *allowed))


@pytest.mark.parametrize(
    "path",
    [
        "/zh-hans/news/",
        "/zh-hans/news/government-news/",
        "/zh-hans/news/government-news/metro-line/",
        "/zh-hans/news/government-news/bus-lines/",
        "/zh-hans/faq/",
        "/zh-hans/faq/topics/getting-around/",
        "/zh-hans/faq/transport-card/",
        "/zh-hans/accessibility/",
        "/zh-hans/privacy/",
        "/zh-hans/contact/",
        "/zh-hans/feedback/thank-you/?page=/zh-hans/faq/",
    ],
)
def test_public_pages_speak_chinese(client, chinese_content, path):
    assert_chinese(client.get(path))


# The feedback pages show the address of the page they are about.
ADDRESS_WORDS = ("zh-hans", "faq")


def test_the_report_page_speaks_chinese(client, chinese_content):
    response = client.get("/zh-hans/feedback/report/?page=/zh-hans/faq/")

    assert_chinese(response, allowed=ADDRESS_WORDS)
    refused = client.post("/zh-hans/feedback/report/", {"page": "/zh-hans/faq/"})
    assert_chinese(refused, allowed=ADDRESS_WORDS)


def test_the_home_page_speaks_chinese(client, chinese_content):
    assert_chinese(client.get("/zh-hans/"))


@pytest.mark.parametrize(
    "query",
    [
        "",
        "?q=如何办理交通卡",
        "?q=如何办理交通卡&type=faq",
        "?q=!!!",
        "?q=" + "长" * 201,
        "?type=nothing",
    ],
)
def test_the_search_page_speaks_chinese(client, chinese_content, query):
    assert_chinese(client.get(f"/zh-hans/search/{query}"))


def test_search_results_say_how_many_in_chinese(client, chinese_content):
    response = client.get("/zh-hans/search/?q=如何办理交通卡")

    assert "找到“如何办理交通卡”的结果1条" in text_of(response, "#search-results-heading")


def test_a_search_without_results_says_so_and_suggests_in_chinese(client, chinese_content):
    response = client.get("/zh-hans/search/?q=不存在xyz")

    assert_chinese(response, allowed=("xyz",))
    assert text_of(response, "#search-results-heading") == "未找到“不存在xyz”的结果"


def test_the_no_answer_pages_speak_chinese(client, chinese_content):
    voted = client.post(
        "/zh-hans/feedback/useful/", {"page": "/zh-hans/faq/", "useful": "no"}, **SAME_SITE
    )
    assert voted.status_code == 302
    assert voted.url.startswith("/zh-hans/feedback/missing/")

    assert_chinese(client.get(voted.url), allowed=ADDRESS_WORDS)
    refused = client.post(voted.url, {"what_missing": ""})
    assert_chinese(refused, allowed=ADDRESS_WORDS)


def test_a_feedback_message_is_in_chinese(client, chinese_content):
    client.post(
        "/zh-hans/feedback/useful/", {"page": "/zh-hans/faq/", "useful": "yes"}, **SAME_SITE
    )

    assert_chinese(client.get("/zh-hans/faq/"))


def test_a_page_not_found_speaks_chinese(client):
    assert_chinese(client.get("/zh-hans/no-such-page/"), status=404)


def test_a_request_for_another_host_is_refused_in_chinese(client):
    assert_chinese(client.get("/zh-hans/", HTTP_HOST="elsewhere.example"), status=400)


def test_too_many_attempts_are_refused_in_chinese(client, citizen):
    for _ in range(5):
        client.post("/zh-hans/accounts/password/reset/", {"email": citizen.email})

    response = client.post("/zh-hans/accounts/password/reset/", {"email": citizen.email})

    assert_chinese(response, status=429)
    assert h1(response) == "尝试次数过多"


def test_a_form_without_its_security_token_is_refused_in_chinese(chinese_content):
    client = Client(enforce_csrf_checks=True)

    assert_chinese(client.post("/zh-hans/accounts/login/", {}), status=403)


def test_the_outage_pages_speak_the_pages_language(rf):
    from django.db import OperationalError
    from django.utils import translation

    from portal.views import server_error

    with translation.override("zh-hans"):
        failed = server_error(rf.get("/zh-hans/"))
        try:
            raise OperationalError("gone")
        except OperationalError:
            unavailable = server_error(rf.get("/zh-hans/"))

    assert_chinese(failed, status=500)
    assert_chinese(unavailable, status=503)
    assert 'href="/zh-hans/applications/"' in failed.content.decode()


def test_a_request_too_large_is_refused_in_chinese(client, settings):
    settings.PORTAL_MAX_ANONYMOUS_REQUEST_BYTES = 10
    response = client.post(
        "/zh-hans/feedback/report/?page=/zh-hans/faq/",
        data=b"x" * 100,
        content_type="application/octet-stream",
    )

    assert_chinese(response, status=413, allowed=["MB"])


def test_a_paginated_list_speaks_chinese(client, chinese_content, make_article):
    for number in range(25):
        make_article(title=f"新闻{number}", slug=f"news-{number}", summary="摘要。")

    assert_chinese(client.get("/zh-hans/news/government-news/?page=2"))


def test_the_same_pages_stay_english_at_their_own_addresses(client, chinese_content):
    response = client.get("/faq/")

    assert find(response, "html")["lang"] == "en"
    assert h1(response) == "Frequently asked questions"
