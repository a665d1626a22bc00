import pytest
from django.template import Context, Template
from django.test import RequestFactory

from news.models import Article
from tests.html import find, headings, links, region

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

    html = render("{% news_widgets %}")

    assert headings(html) == ["Government News", "City News Digest"]  # no featured article
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

    featured = region(render("{% news_widgets %}"), "Featured")

    assert headings(featured) == ["Featured", "Current feature"]
    assert find(featured, "picture img")["alt"] == "Blue rectangle"


def test_there_is_no_featured_box_without_a_featured_article(make_article):
    make_article()

    assert "Featured" not in headings(render("{% news_widgets %}"))


def test_the_featured_article_is_not_repeated_in_its_channels_box(make_article):
    featured = make_article(title="Metro extension opens", featured=True, days_ago=1)
    for number in range(6):
        make_article(title=f"Government item {number}", days_ago=number + 2)

    html = render("{% news_widgets %}")

    assert links(region(html, "Featured"))["Metro extension opens"] == featured.get_absolute_url()
    government = list(links(region(html, "Government News")))[1:]
    assert government == [f"Government item {number}" for number in range(5)]


def test_home_page_shows_the_news_widgets(client, make_article):
    article = make_article(title="Visible on the home page", featured=True)

    featured = region(client.get("/"), "Featured")

    assert links(featured)["Visible on the home page"] == article.get_absolute_url()
