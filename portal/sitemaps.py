from django.contrib.sitemaps import Sitemap
from django.urls import reverse


class PageSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return ["home", "accessibility", "privacy", "contact"]

    def location(self, item):
        return reverse(item)
