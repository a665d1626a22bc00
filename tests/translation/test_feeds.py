"""A feed per language: the English feeds list every article in English; the Chinese feeds, under
/zh-hans/, list the articles that have a Chinese version, in Chinese, linking to Chinese pages.
Each language's answers feed lists the answers written in it."""

import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse
from django.utils import translation

from portal.models import SiteProfile
from tests.factories import make_inquiry, make_published_answer

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def articles(make_article, channel, other_channel):
    channel.name_zh_hans = "政务要闻"
    channel.save()
    return {
        "translated": make_article(
            title="Metro line 20 opens",
            title_zh_hans="地铁20号线开通",
            summary="The new line links the east and the airport.",
            summary_zh_hans="新线路连接东部城区与机场。",
            days_ago=2,
        ),
        "english": make_article(title="Library opening hours", days_ago=1),
        "digest": make_article(
            title="Night markets return", title_zh_hans="夜市回归", channel=other_channel
        ),
    }


def feed(client, url):
    with translation.override("en"):
        response = client.get(url)
    assert response.status_code == 200
    return ET.fromstring(response.content)


def rss_titles(root):
    return [item.findtext("title") for item in root.find("channel").findall("item")]


def test_the_english_feed_lists_every_article_in_english(client, articles):
    root = feed(client, reverse("news:feed"))

    assert root.find("channel").findtext("language") == "en"
    assert rss_titles(root) == [
        "Night markets return",
        "Library opening hours",
        "Metro line 20 opens",
    ]


def test_the_chinese_feed_lists_the_chinese_versions_with_chinese_links(client, articles):
    root = feed(client, "/zh-hans/news/feed/")

    channel = root.find("channel")
    assert channel.findtext("language") == "zh-hans"
    assert rss_titles(root) == ["夜市回归", "地铁20号线开通"]
    item = channel.findall("item")[1]
    assert item.findtext("description") == "新线路连接东部城区与机场。"
    assert item.findtext("link") == (
        f"http://testserver/zh-hans{articles['translated'].get_absolute_url()}"
    )
    assert item.findtext("category") == "政务要闻"


def test_the_chinese_channel_feeds_hold_only_their_channel(client, articles):
    rss = feed(client, "/zh-hans/news/government-news/feed/")
    atom = feed(client, "/zh-hans/news/government-news/feed/atom/")

    assert rss_titles(rss) == ["地铁20号线开通"]
    assert "政务要闻" in rss.find("channel").findtext("title")
    assert [entry.findtext(f"{ATOM}title") for entry in atom.findall(f"{ATOM}entry")] == [
        "地铁20号线开通"
    ]
    english = feed(client, reverse("news:channel_feed", args=["government-news"]))
    assert rss_titles(english) == ["Library opening hours", "Metro line 20 opens"]


def test_the_chinese_answers_feed_is_titled_with_the_portals_chinese_name(client):
    profile = SiteProfile.load()
    profile.name_zh_hans = "城市门户网站"
    profile.save()

    root = feed(client, "/zh-hans" + reverse("public:answer_feed"))

    assert root.find("channel").findtext("title") == "城市门户网站：已答复的问题"


def test_each_answers_feed_lists_the_answers_written_in_its_language(client, citizen, caseworker):
    for title, language in [("Library hours", "en"), ("社区食堂的老人优惠", "zh-hans")]:
        make_published_answer(
            inquiry=make_inquiry(author=citizen, publication_agreed=True, answered_by=caseworker),
            by=caseworker,
            title=title,
            language=language,
        )

    english = feed(client, reverse("public:answer_feed"))
    chinese = feed(client, "/zh-hans" + reverse("public:answer_feed"))

    assert rss_titles(english) == ["Library hours"]
    assert rss_titles(chinese) == ["社区食堂的老人优惠"]
    assert chinese.find("channel").findtext("language") == "zh-hans"
