import xml.etree.ElementTree as ET
from datetime import timedelta
from email.utils import parsedate_to_datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from news.models import Article
from news.sitemaps import ArticleSitemap
from tests.sitemaps import section_urls, sitemap_entries

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def articles(make_article, other_channel):
    return {
        "old": make_article(title="Old news", days_ago=20),
        "new": make_article(title="New news", days_ago=2),
        "digest": make_article(title="Digest news", days_ago=1, channel=other_channel),
        "draft": make_article(title="Draft news", status=Article.Status.DRAFT),
        "scheduled": make_article(title="Scheduled news", days_ago=-2),
    }


def rss_items(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    root = ET.fromstring(response.content)
    assert root.tag == "rss"
    assert root.get("version") == "2.0"
    return root.find("channel").findall("item")


def test_rss_feed_lists_published_articles_newest_first_with_dates_and_absolute_links(
    client, articles
):
    items = rss_items(client, reverse("news:feed"))

    assert [item.findtext("title") for item in items] == ["Digest news", "New news", "Old news"]
    dates = [parsedate_to_datetime(item.findtext("pubDate")) for item in items]
    assert dates == sorted(dates, reverse=True)
    assert dates[1] == articles["new"].publish_at.replace(microsecond=0)
    assert items[1].findtext("link") == (f"http://testserver{articles['new'].get_absolute_url()}")
    assert items[1].findtext("description") == articles["new"].summary


def test_channel_rss_feed_holds_only_that_channel(client, articles):
    items = rss_items(client, reverse("news:channel_feed", args=["government-news"]))

    assert [item.findtext("title") for item in items] == ["New news", "Old news"]


def test_a_channel_feed_for_an_unknown_channel_is_a_404(client, channel):
    assert client.get("/news/nothing-here/feed/").status_code == 404


def test_atom_feed_has_entries_with_updated_dates_and_links(client, articles):
    response = client.get(reverse("news:atom_feed"))

    root = ET.fromstring(response.content)
    entries = root.findall(f"{ATOM}entry")
    assert [entry.findtext(f"{ATOM}title") for entry in entries] == [
        "Digest news",
        "New news",
        "Old news",
    ]
    link = entries[0].find(f"{ATOM}link").get("href")
    assert link == f"http://testserver{articles['digest'].get_absolute_url()}"
    assert entries[0].findtext(f"{ATOM}published")


def test_sitemap_lists_channels_and_published_articles_only(client, articles):
    locations = sitemap_entries(client)

    assert "http://testserver/news/government-news/" in locations
    assert "http://testserver/news/city-news-digest/" in locations
    for key in ("old", "new", "digest"):
        assert f"http://testserver{articles[key].get_absolute_url()}" in locations
    for key in ("draft", "scheduled"):
        assert f"http://testserver{articles[key].get_absolute_url()}" not in locations


def test_a_channel_without_visible_articles_is_not_in_the_sitemap(client, make_article):
    make_article(publish_at=timezone.now() + timedelta(days=1))

    assert "http://testserver/news/government-news/" not in sitemap_entries(client)


def test_the_sitemap_index_splits_the_news_into_pages_search_engines_can_follow(
    client, articles, monkeypatch
):
    monkeypatch.setattr(ArticleSitemap, "limit", 2)

    sections = section_urls(client)
    locations = sitemap_entries(client)

    assert "http://testserver/sitemap-news.xml" in sections
    assert "http://testserver/sitemap-news.xml?p=2" in sections
    for key in ("old", "new", "digest"):
        assert f"http://testserver{articles[key].get_absolute_url()}" in locations


def test_the_sitemap_index_reads_no_article_rows(client, articles):
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("sitemap"))

    article_queries = [query["sql"] for query in queries if '"news_article"' in query["sql"]]
    assert article_queries
    assert all("MAX(" in sql or "COUNT(" in sql for sql in article_queries), article_queries
