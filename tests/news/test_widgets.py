import pytest
from django.template import Context, Template
from django.test import RequestFactory

from news.models import Article
from tests.html import count, find, headings, links, region

pytestmark = pytest.mark.django_db


def render(source):
    template = Template("{% load news_tags %}" + source)
    return template.render(Context({"request": RequestFactory().get("/")}))


def test_channel_widgets_show_each_channels_latest_titles_and_a_view_more_link(
    make_article, other_channel
):
    for number in range(7):
        make_article(title=f"Government item {number}", days_ago=number + 1)
    make_article(title="Digest item", channel=other_channel)
    make_article(title="Draft item", status=Article.Status.DRAFT)

    html = render("{% news_channel_widgets %}")

    assert headings(html) == ["Government News", "City News Digest"]
    government = links(region(html, "Government News"))
    assert list(government) == [
        "view more Government News »",
        *[f"Government item {number}" for number in range(5)],
    ]
    assert government["view more Government News »"] == "/news/government-news/"
    assert list(links(region(html, "City News Digest")))[1:] == ["Digest item"]


def test_featured_widget_shows_the_newest_visible_featured_article_with_its_photo(make_article):
    make_article(title="Old feature", featured=True, days_ago=9, photo=True)
    make_article(title="Current feature", featured=True, days_ago=2, photo=True)
    make_article(title="Future feature", featured=True, days_ago=-1)

    html = render("{% featured_article_widget %}")

    assert headings(html) == ["Featured", "Current feature"]
    assert find(html, "picture img")["alt"] == "Blue rectangle"


def test_featured_widget_is_empty_without_a_featured_article(make_article):
    make_article()

    assert count(render("{% featured_article_widget %}"), "*") == 0


def test_home_page_shows_the_news_widgets(client, make_article):
    article = make_article(title="Visible on the home page", featured=True)

    featured = region(client.get("/"), "Featured")

    assert links(featured)["Visible on the home page"] == article.get_absolute_url()
