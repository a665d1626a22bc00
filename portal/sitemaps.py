from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse

from .discovery import app_modules


class NamedPageSitemap(Sitemap):
    """Pages without a record of their own, listed by their URL names."""

    url_names = []

    def items(self):
        return self.url_names

    def location(self, item):
        return reverse(item)


class PageSitemap(NamedPageSitemap):
    changefreq = "monthly"
    url_names = ["home", "accessibility", "privacy", "contact"]


class UpdatedAtSitemap(Sitemap):
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
