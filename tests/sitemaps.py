"""Reading the sitemap the way a search engine does: the index, then each section it lists."""

import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

from django.urls import reverse

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def local_path(url):
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}" if parts.query else parts.path


def section_urls(client):
    response = client.get(reverse("sitemap"))
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    assert root.tag == f"{SITEMAP}sitemapindex"
    return [element.findtext(f"{SITEMAP}loc") for element in root.findall(f"{SITEMAP}sitemap")]


def sitemap_entries(client):
    """Every page the sitemap lists, as {absolute URL: lastmod or None}."""
    entries = {}
    for section in section_urls(client):
        response = client.get(local_path(section))
        assert response.status_code == 200, section
        for url in ET.fromstring(response.content).findall(f"{SITEMAP}url"):
            entries[url.findtext(f"{SITEMAP}loc")] = url.findtext(f"{SITEMAP}lastmod")
    return entries
