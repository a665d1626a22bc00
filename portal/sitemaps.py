from functools import wraps
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse

from .discovery import app_modules
from .languages import bcp47, in_language
from .links import on_the_portal


class PortalSitemap(Sitemap):
    """Each page once, at its English address, naming its Chinese one (hreflang alternates).

    Django's own i18n sitemaps list every page once per language, reading every row of a
    section to count them: a section of articles would read 200,000 rows for its index.
    """

    def get_urls(self, page=1, site=None, protocol=None):
        urls = super().get_urls(page, site, protocol)
        for url in urls:
            url["alternates"] = alternates_of(url["location"])
        return urls


def alternates_of(location):
    """The page at `location` in each language (its prefix: portal.languages.in_language)."""
    parts = urlsplit(location)
    origin = f"{parts.scheme}://{parts.netloc}"
    path = urlunsplit(("", "", parts.path, parts.query, ""))
    alternates = [
        {"lang_code": bcp47(code), "location": origin + in_language(path, code)}
        for code, _ in settings.LANGUAGES
    ]
    return [*alternates, {"lang_code": "x-default", "location": location}]


class NamedPageSitemap(PortalSitemap):
    """Pages without a record of their own, listed by their URL names."""

    url_names = []

    def items(self):
        return self.url_names

    def location(self, item):
        return reverse(item)


class PageSitemap(NamedPageSitemap):
    changefreq = "monthly"
    url_names = ["home", "accessibility", "privacy", "contact"]


class UpdatedAtSitemap(PortalSitemap):
    """Rows dated by their `updated_at`.

    The sitemap index asks the database for the latest date: Django's default would read every
    row of the section.
    """

    def lastmod(self, item):
        return item.updated_at

    def get_latest_lastmod(self):
        return self.items().aggregate(latest=Max("updated_at"))["latest"]


def sitemap_sections():
    """The portal's own pages, then the sections each app provides as SITEMAPS in sitemaps.py."""
    sections = {"pages": PageSitemap}
    for module in app_modules("sitemaps"):
        sections.update(getattr(module, "SITEMAPS", {}))
    return sections


def on_the_portal_addresses(sitemap_view):
    """Django's sitemap views build their addresses from the request's Host header: they are
    moved onto the portal's own address (portal.links) before the page is rendered."""

    @wraps(sitemap_view)
    def view(request, *args, **kwargs):
        response = sitemap_view(request, *args, **kwargs)
        for section in response.context_data.get("sitemaps", ()):
            section.location = on_the_portal(request, section.location)
        for url in response.context_data.get("urlset", ()):
            for entry in [url, *url["alternates"]]:
                entry["location"] = on_the_portal(request, entry["location"])
        return response

    return view
