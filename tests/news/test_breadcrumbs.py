import pytest
from django.urls import reverse

from tests.html import HOME, Crumb, breadcrumbs

pytestmark = pytest.mark.django_db


def test_the_news_list_sits_below_home(client):
    response = client.get(reverse("news:article_list"))

    assert breadcrumbs(response) == [HOME, Crumb("News", current=True)]


def test_a_channel_sits_below_the_news(client, channel):
    response = client.get(channel.get_absolute_url())

    assert breadcrumbs(response) == [
        HOME,
        Crumb("News", reverse("news:article_list")),
        Crumb("Government News", current=True),
    ]


def test_an_article_sits_below_its_channel(client, channel, make_article):
    article = make_article(title="Ferry timetable changes")

    response = client.get(article.get_absolute_url())

    assert breadcrumbs(response) == [
        HOME,
        Crumb("News", reverse("news:article_list")),
        Crumb("Government News", channel.get_absolute_url()),
        Crumb("Ferry timetable changes", current=True),
    ]
