from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import Question


class FaqIndexSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return ["faq:index"]

    def location(self, item):
        return reverse(item)


class QuestionSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return Question.objects.published().order_by("pk").only("slug", "updated_at")

    def lastmod(self, question):
        return question.updated_at
