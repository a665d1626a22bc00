from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from portal.feeds import PortalFeed
from portal.models import SiteProfile
from portal.translation import chinese_is_active

from .models import Article, Channel

FEED_SIZE = 20


def latest(articles):
    """The newest articles in the feed's language. A feed declares one language for all its
    items, and RSS has no way to mark one item as English: the Chinese feeds leave out the
    articles that have no Chinese version (the English feeds have every article)."""
    if chinese_is_active():
        articles = articles.filter(Article.with_chinese_version())
    return (
        articles.newest_first().select_related("channel").defer("body", "body_zh_hans")[:FEED_SIZE]
    )


class LatestArticlesFeed(PortalFeed):
    description_template = None

    def title(self):
        return _("%(site)s: news") % {"site": SiteProfile.load().localised.name}

    def link(self):
        return reverse("news:article_list")

    def description(self):
        return _("The latest news from every channel.")

    def items(self):
        return latest(Article.objects.published())

    def item_title(self, item):
        return item.localised.title

    def item_description(self, item):
        return item.localised.summary

    def item_pubdate(self, item):
        return item.publish_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [item.channel.localised.name]


class LatestArticlesAtomFeed(LatestArticlesFeed):
    feed_type = Atom1Feed
    subtitle = LatestArticlesFeed.description


class ChannelFeed(LatestArticlesFeed):
    def get_object(self, request, channel_slug):
        return get_object_or_404(Channel, slug=channel_slug)

    def title(self, channel):
        return _("%(site)s: %(channel)s") % {
            "site": SiteProfile.load().localised.name,
            "channel": channel.localised.name,
        }

    def link(self, channel):
        return channel.get_absolute_url()

    def description(self, channel):
        return channel.localised.description or _("The latest %(channel)s.") % {
            "channel": channel.localised.name
        }

    def items(self, channel):
        return latest(Article.objects.published().in_channel(channel))


class ChannelAtomFeed(ChannelFeed):
    feed_type = Atom1Feed
    subtitle = ChannelFeed.description
