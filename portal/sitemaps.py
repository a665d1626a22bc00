from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse


class PageSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return ["home", "applications:service_list", "accessibility", "privacy", "contact"]

    def location(self, item):
        return reverse(item)


class UpdatedAtSitemap(Sitemap):
    """Rows dated by their `updated_at`.

    The sitemap index asks the database for the latest date: Django's default would read every
    row of the section.
    """

    def lastmod(self, item):
        return item.updated_at

    def get_latest_lastmod(self):
        return self.items().aggregate(latest=Max("updated_at"))["latest"]
