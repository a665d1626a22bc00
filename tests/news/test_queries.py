"""Every news page runs its budget of queries, the same with 3 articles as with 60.

The counts are for rendering a page; the copy anonymous visitors share is emptied first.
"""

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db


@pytest.fixture
def make_articles(make_article, channel, other_channel):
    def make(count):
        return [
            make_article(
                days_ago=number + 1,
                photo=number < 2,
                featured=number == 0,
                channel=other_channel if number % 3 == 2 else channel,
            )
            for number in range(count)
        ]

    return make


# Each page's address, and how many queries it runs once no copy of it or of the parts it
# shares with other pages is kept.
PAGES = {
    "news list": (lambda articles: "/news/", 4),
    "channel page": (lambda articles: "/news/government-news/", 5),
    "article page": (lambda articles: articles[1].get_absolute_url(), 2),
    "home page": (lambda articles: "/", 8),
    "rss feed": (lambda articles: "/news/feed/", 2),
    "sitemap index": (lambda articles: "/sitemap.xml", 12),
    "news sitemap": (lambda articles: "/sitemap-news.xml", 2),
}


def queries_for(client, url):
    caches["pages"].clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("page_name", PAGES)
def test_query_count_does_not_grow_with_the_number_of_articles(
    client, make_articles, django_assert_num_queries, page_name
):
    address, budget = PAGES[page_name]
    few = make_articles(3)
    few_count = queries_for(client, address(few))

    many = few + make_articles(57)
    caches["pages"].clear()
    with django_assert_num_queries(few_count):
        client.get(address(many))
    assert few_count == budget
