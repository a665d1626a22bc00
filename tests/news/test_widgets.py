import pytest
from django.template import Context, Template
from django.test import RequestFactory

from news.models import Article

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

    assert html.index("Government News") < html.index("City News Digest")
    assert "Government item 0" in html and "Government item 4" in html
    assert "Government item 5" not in html
    assert "Digest item" in html
    assert "Draft item" not in html
    assert (
        '<a class="widget__more" href="/news/government-news/">view more'
        '<span class="visually-hidden"> Government News</span>'
        '<span aria-hidden="true"> »</span></a>'
    ) in html


def test_featured_widget_shows_the_newest_visible_featured_article_with_its_photo(make_article):
    make_article(title="Old feature", featured=True, days_ago=9, photo=True)
    make_article(title="Current feature", featured=True, days_ago=2, photo=True)
    make_article(title="Future feature", featured=True, days_ago=-1)

    page = render("{% news_widgets %}")
    html = page[: page.index("</section>")]  # the featured box

    assert "Current feature" in html
    assert "Old feature" not in html and "Future feature" not in html
    assert "<picture>" in html and 'alt="Blue rectangle"' in html


def test_there_is_no_featured_box_without_a_featured_article(make_article):
    make_article()

    assert 'id="news-featured-heading"' not in render("{% news_widgets %}")


def test_the_featured_article_is_not_repeated_in_its_channels_box(make_article):
    featured = make_article(title="Metro extension opens", featured=True, days_ago=1)
    for number in range(6):
        make_article(title=f"Government item {number}", days_ago=number + 2)

    html = render("{% news_widgets %}")

    assert html.count(f'href="{featured.get_absolute_url()}"') == 1
    assert "Government item 4" in html  # five others fill the channel's box


def test_home_page_shows_the_news_widgets(client, make_article):
    article = make_article(title="Visible on the home page", featured=True)

    html = client.get("/").content.decode()

    assert f'<a href="{article.get_absolute_url()}">Visible on the home page</a>' in html
    assert 'id="news-featured-heading"' in html
