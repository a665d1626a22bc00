"""Links read away from the portal (feeds, the sitemap, robots.txt) carry its own address: the
configured one in production, never one taken from the Host header."""

import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from tests.factories import make_inquiry, make_published_answer
from tests.sitemaps import SITEMAP, local_path

pytestmark = pytest.mark.django_db

PORTAL = "https://portal.city.example"
ATOM = "{http://www.w3.org/2005/Atom}"
XHTML = "{http://www.w3.org/1999/xhtml}"


@pytest.fixture
def configured_address(settings):
    settings.PORTAL_BASE_URL = PORTAL


def rss_addresses(client, url):
    channel = ET.fromstring(client.get(url).content).find("channel")
    items = channel.findall("item")
    return [
        channel.findtext("link"),
        channel.find(f"{ATOM}link").get("href"),
        *(item.findtext("link") for item in items),
        *(item.findtext("guid") for item in items),
    ]


def atom_addresses(client, url):
    root = ET.fromstring(client.get(url).content)
    entries = root.findall(f"{ATOM}entry")
    return [
        *(link.get("href") for link in root.findall(f"{ATOM}link")),
        root.findtext(f"{ATOM}id"),
        *(entry.find(f"{ATOM}link").get("href") for entry in entries),
        *(entry.findtext(f"{ATOM}id") for entry in entries),
    ]


def sitemap_addresses(client):
    index = ET.fromstring(client.get(reverse("sitemap")).content)
    sections = [element.findtext(f"{SITEMAP}loc") for element in index.iter(f"{SITEMAP}sitemap")]
    addresses = list(sections)
    for section in sections:
        for url in ET.fromstring(client.get(local_path(section)).content).iter(f"{SITEMAP}url"):
            addresses.append(url.findtext(f"{SITEMAP}loc"))
            addresses.extend(link.get("href") for link in url.iter(f"{XHTML}link"))
    return addresses


def test_news_feeds_link_to_the_configured_address(client, make_article, configured_address):
    article = make_article()

    for url in (reverse("news:feed"), article.channel.get_absolute_url() + "feed/"):
        addresses = rss_addresses(client, url)
        assert f"{PORTAL}{article.get_absolute_url()}" in addresses
        assert all(address.startswith(f"{PORTAL}/") for address in addresses), addresses
    addresses = atom_addresses(client, reverse("news:atom_feed"))
    assert f"{PORTAL}{article.get_absolute_url()}" in addresses
    assert all(address.startswith(f"{PORTAL}/") for address in addresses), addresses


def test_the_answers_feed_links_to_the_configured_address(
    client, citizen, caseworker, configured_address
):
    inquiry = make_inquiry(author=citizen, publication_agreed=True, answered_by=caseworker)
    answer = make_published_answer(inquiry=inquiry, by=caseworker)

    addresses = rss_addresses(client, reverse("public:answer_feed"))

    page = f"{PORTAL}{answer.get_absolute_url()}"
    assert addresses == [f"{PORTAL}/answers/", f"{PORTAL}/answers/feed/", page, page]


def test_the_sitemap_lists_pages_at_the_configured_address(
    client, make_article, configured_address
):
    article = make_article()

    addresses = sitemap_addresses(client)

    assert f"{PORTAL}{article.get_absolute_url()}" in addresses
    assert f"{PORTAL}/zh-hans{article.get_absolute_url()}" in addresses
    assert all(address.startswith(f"{PORTAL}/") for address in addresses), addresses


def test_robots_txt_names_the_sitemap_at_the_configured_address(client, configured_address):
    response = client.get(reverse("robots_txt"))

    assert f"Sitemap: {PORTAL}/sitemap.xml\n" in response.content.decode()


def test_a_port_in_the_host_header_never_reaches_a_feed_or_the_sitemap(client, make_article):
    make_article()
    request = {"headers": {"Host": "localhost:6666"}, "SERVER_PORT": "8000"}

    feed = ET.fromstring(client.get(reverse("news:feed"), **request).content)
    index = ET.fromstring(client.get(reverse("sitemap"), **request).content)
    robots = client.get(reverse("robots_txt"), **request).content.decode()

    assert feed.find("channel").findtext("item/link").startswith("http://localhost:8000/")
    assert index.findtext(f"{SITEMAP}sitemap/{SITEMAP}loc").startswith("http://localhost:8000/")
    assert "Sitemap: http://localhost:8000/sitemap.xml" in robots
