from portal.sitemaps import NamedPageSitemap, UpdatedAtSitemap

from .models import PublishedAnswer, Service


class ServiceListSitemap(NamedPageSitemap):
    changefreq = "monthly"
    url_names = ["applications:service_list"]


class PublicStatusSitemap(NamedPageSitemap):
    changefreq = "daily"
    url_names = [
        "public:status_check",
        "public:application_list",
        "public:inquiry_list",
        "public:answer_list",
    ]


class AnswerSitemap(UpdatedAtSitemap):
    """The archive of answered questions: only what caseworkers published, never a case."""

    changefreq = "monthly"
    limit = 10_000

    def items(self):
        return (
            PublishedAnswer.objects.order_by("pk")
            .select_related("inquiry")
            .only("updated_at", "inquiry__reference")
        )


class ServiceSitemap(UpdatedAtSitemap):
    """Each open service's start page."""

    changefreq = "monthly"

    def items(self):
        return Service.objects.open().order_by("pk").only("slug", "updated_at")


SITEMAPS = {
    "services": ServiceListSitemap,
    "service-pages": ServiceSitemap,
    "status": PublicStatusSitemap,
    "answers": AnswerSitemap,
}
