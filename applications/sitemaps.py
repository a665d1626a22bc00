from portal.sitemaps import NamedPageSitemap


class ServiceListSitemap(NamedPageSitemap):
    changefreq = "monthly"
    url_names = ["applications:service_list"]


SITEMAPS = {"services": ServiceListSitemap}
