from django.contrib.sitemaps import Sitemap
from django.db.models import Max, Q
from django.urls import reverse

from portal.sitemaps import UpdatedAtSitemap

from .models import Question, Topic


class FaqIndexSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return ["faq:index"]

    def location(self, item):
        return reverse(item)


class TopicSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return (
            Topic.objects.annotate(
                last_updated=Max("questions__updated_at", filter=Q(questions__published=True))
            )
            .filter(last_updated__isnull=False)
            .order_by("position", "name")
        )

    def lastmod(self, topic):
        return topic.last_updated


class QuestionSitemap(UpdatedAtSitemap):
    changefreq = "monthly"

    def items(self):
        return Question.objects.published().order_by("pk").only("slug", "updated_at")
