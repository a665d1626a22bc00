from portal.sitemaps import NamedPageSitemap, UpdatedAtSitemap

from .models import Service


class ServiceListSitemap(NamedPageSitemap):
    changefreq = "monthly"
    url_names = ["applications:service_list"]


class ServiceSitemap(UpdatedAtSitemap):
    """Each open service's start page."""

    changefreq = "monthly"

    def items(self):
        return Service.objects.open().order_by("pk").only("slug", "updated_at")


SITEMAPS = {"services": ServiceListSitemap, "service-pages": ServiceSitemap}
