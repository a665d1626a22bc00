"""An article's canonical link names the portal's own address, whoever asked first and however."""

import pytest

from tests.html import find

pytestmark = pytest.mark.django_db


def canonical_link(response):
    return find(response, 'link[rel="canonical"]')["href"]


def test_an_https_visit_after_an_http_one_gets_an_https_canonical_link(client, make_article):
    article = make_article()
    url = article.get_absolute_url()

    plain = client.get(url)
    secure = client.get(url, secure=True)

    assert canonical_link(plain) == f"http://testserver{url}"
    assert canonical_link(secure) == f"https://testserver{url}"


def test_a_port_in_the_host_header_never_reaches_the_canonical_link(client, make_article):
    article = make_article()
    url = article.get_absolute_url()

    response = client.get(url, headers={"Host": "localhost:6666"}, SERVER_PORT="8000")

    assert canonical_link(response) == f"http://localhost:8000{url}"


def test_the_canonical_link_is_the_configured_address_when_there_is_one(
    client, make_article, settings
):
    settings.PORTAL_BASE_URL = "https://portal.city.example"
    article = make_article()

    response = client.get(article.get_absolute_url())

    assert canonical_link(response) == f"https://portal.city.example{article.get_absolute_url()}"
