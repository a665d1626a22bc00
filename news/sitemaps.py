from django.db.models import Max, Q
from django.db.models.functions import Now

from portal.sitemaps import PortalSitemap, UpdatedAtSitemap

from .models import Article, Channel


class ChannelSitemap(PortalSitemap):
    changefreq = "daily"
    priority = 0.6

    def items(self):
        published = Q(articles__status=Article.Status.PUBLISHED, articles__publish_at__lte=Now())
        return (
            Channel.objects.annotate(last_published=Max("articles__publish_at", filter=published))
            .filter(last_published__isnull=False)
            .order_by("position", "name")
        )

    def lastmod(self, channel):
        return channel.last_published


class ArticleSitemap(UpdatedAtSitemap):
    changefreq = "monthly"
    priority = 0.8
    # Each page of the sitemap stays small enough to render in well under a second.
    limit = 10_000

    def items(self):
        return (
            # By id: a new article then joins the last page instead of moving every page's bounds.
            Article.objects.published()
            .order_by("pk")
            .select_related("channel")
            .only("slug", "updated_at", "channel", "channel__slug")
        )


SITEMAPS = {"channels": ChannelSitemap, "news": ArticleSitemap}
