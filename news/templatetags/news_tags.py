from django import template
from django.db.models import Prefetch

from ..models import Article, Category

register = template.Library()

CHANNEL_WIDGET_SIZE = 5


@register.inclusion_tag("news/widgets/channels.html")
def news_channel_widgets():
    latest = (
        Article.objects.published()
        .newest_first()
        .only("title", "slug", "publish_at", "category")[:CHANNEL_WIDGET_SIZE]
    )
    channels = Category.objects.prefetch_related(
        Prefetch("articles", queryset=latest, to_attr="latest_articles")
    )
    return {"channels": channels}


@register.inclusion_tag("news/widgets/featured.html")
def featured_article_widget():
    article = (
        Article.objects.published()
        .featured()
        .newest_first()
        .select_related("category")
        .defer("body", "search_vector")
        .first()
    )
    return {"article": article}


@register.inclusion_tag("news/includes/picture.html")
def article_picture(article, sizes, loading="lazy", decorative=False):
    """The lead photo in WebP with a JPEG fallback, at the sizes made when it was saved."""
    renditions = article.photo_renditions()
    return {
        "article": article,
        "renditions": renditions,
        "largest": renditions[-1] if renditions else None,
        "sizes": sizes,
        "loading": loading,
        "decorative": decorative,
    }


@register.simple_tag(takes_context=True)
def absolute_url(context, path):
    return context["request"].build_absolute_uri(path)
