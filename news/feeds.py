from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from portal.models import SiteProfile

from .models import Article, Category

FEED_SIZE = 20


def latest(articles):
    return (
        articles.newest_first()
        .select_related("category")
        .defer("body", "search_vector")[:FEED_SIZE]
    )


class LatestArticlesFeed(Feed):
    description_template = None

    def title(self):
        return f"{SiteProfile.load().name}: news"

    def link(self):
        return reverse("news:article_list")

    def description(self):
        return "The latest news from every channel."

    def items(self):
        return latest(Article.objects.published())

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_pubdate(self, item):
        return item.publish_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [item.category.name]


class LatestArticlesAtomFeed(LatestArticlesFeed):
    feed_type = Atom1Feed
    subtitle = LatestArticlesFeed.description


class CategoryFeed(LatestArticlesFeed):
    def get_object(self, request, category_slug):
        return get_object_or_404(Category, slug=category_slug)

    def title(self, category):
        return f"{SiteProfile.load().name}: {category.name}"

    def link(self, category):
        return category.get_absolute_url()

    def description(self, category):
        return category.description or f"The latest {category.name}."

    def items(self, category):
        return latest(Article.objects.published().in_category(category))


class CategoryAtomFeed(CategoryFeed):
    feed_type = Atom1Feed
    subtitle = CategoryFeed.description
