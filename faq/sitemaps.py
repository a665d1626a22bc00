from django.db.models import OuterRef, Subquery

from portal.sitemaps import NamedPageSitemap, PortalSitemap, UpdatedAtSitemap

from .models import Question, Topic


class FaqIndexSitemap(NamedPageSitemap):
    changefreq = "weekly"
    url_names = ["faq:index"]


class TopicSitemap(PortalSitemap):
    changefreq = "weekly"

    def items(self):
        latest = (
            Question.objects.published()
            .filter(topic=OuterRef("pk"))
            .order_by("-updated_at")
            .values("updated_at")[:1]
        )
        return (
            Topic.objects.annotate(last_updated=Subquery(latest))
            .filter(last_updated__isnull=False)
            .order_by("position", "name")
        )

    def lastmod(self, topic):
        return topic.last_updated


class QuestionSitemap(UpdatedAtSitemap):
    changefreq = "monthly"

    def items(self):
        return Question.objects.published().order_by("pk").only("slug", "updated_at")


SITEMAPS = {"faq": FaqIndexSitemap, "faq-topics": TopicSitemap, "faq-questions": QuestionSitemap}
