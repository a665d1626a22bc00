"""Made-up query parameters and Host ports neither get a cached copy of their own nor push the
useful ones out."""

import pytest
from django.core.cache import caches
from django.urls import reverse

pytestmark = pytest.mark.django_db


def cached_pages():
    return sum(1 for key in caches["pages"]._cache if ":page:" in key)


def test_unknown_query_parameters_are_answered_without_keeping_a_copy(client):
    client.get("/news/")
    kept = cached_pages()

    for number in range(20):
        response = client.get("/news/", {"utm_source": f"mail-{number}"})
        assert response.status_code == 200

    assert cached_pages() == kept


def test_a_flood_of_made_up_parameters_does_not_evict_the_home_page(
    client, settings, django_assert_num_queries
):
    client.get("/")
    for number in range(600):  # more than the page cache holds
        client.get("/faq/", {"a": number})

    with django_assert_num_queries(0):
        assert client.get("/").status_code == 200


def test_the_parameters_a_page_reads_are_cached_in_any_order(client, django_assert_num_queries):
    client.get(reverse("search"), {"q": "library", "type": "news"})

    with django_assert_num_queries(0):
        response = client.get(f"{reverse('search')}?type=news&q=library")

    assert response.status_code == 200


def test_the_news_pages_are_cached_per_page_number(client, django_assert_num_queries):
    client.get("/news/", {"page": 1})

    with django_assert_num_queries(0):
        client.get("/news/", {"page": 1})


def test_a_made_up_port_in_the_host_header_gets_no_copy_and_spoils_none(client):
    forged = client.get("/sitemap.xml", SERVER_PORT="8000", headers={"Host": "localhost:6666"})
    assert forged.status_code == 200
    assert cached_pages() == 0

    genuine = client.get("/sitemap.xml", SERVER_PORT="8000", headers={"Host": "localhost:8000"})

    assert "localhost:8000/sitemap-" in genuine.content.decode()
    assert "6666" not in genuine.content.decode()
