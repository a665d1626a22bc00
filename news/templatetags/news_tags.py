from django import template

from ..models import Article, Channel

register = template.Library()

CHANNEL_WIDGET_SIZE = 5


@register.inclusion_tag("news/widgets/news.html")
def news_widgets():
    """The newest featured article with its photo, then each channel's latest other articles."""
    featured = (
        Article.objects.published()
        .featured()
        .newest_first()
        .select_related("channel")
        .defer("body", "body_zh_hans")
        .first()
    )
    channels = list(Channel.objects.all())
    for channel in channels:
        channel.latest_articles = []
    by_id = {channel.pk: channel for channel in channels}
    for article in latest_of_each_channel(channels, leaving_out=featured):
        article.channel = by_id[article.channel_id]  # its links need the channel's slug
        article.channel.latest_articles.append(article)
    return {"featured": featured, "channels": channels}


def latest_of_each_channel(channels, *, leaving_out=None):
    # One small indexed query per channel, sent as one UNION: ranking every published article
    # to keep five per channel reads the whole table.
    published = Article.objects.published()
    if leaving_out is not None:
        published = published.exclude(pk=leaving_out.pk)
    per_channel = [
        published.filter(channel=channel)
        .newest_first()
        .only("title", "title_zh_hans", "slug", "publish_at", "channel")[:CHANNEL_WIDGET_SIZE]
        for channel in channels
    ]
    if not per_channel:
        return []
    articles = per_channel[0].union(*per_channel[1:], all=True)
    return sorted(articles, key=lambda article: (article.publish_at, article.pk), reverse=True)


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
