from django.contrib.syndication.views import Feed

from .links import on_the_portal


class PortalFeed(Feed):
    """A feed whose links are on the portal's own address (portal.links), where Django's
    feeds build them from the request's Host header."""

    def get_feed(self, obj, request):
        feed = super().get_feed(obj, request)
        for key in ("link", "feed_url", "id"):
            feed.feed[key] = on_the_portal(request, feed.feed[key])
        for item in feed.items:
            for key in ("link", "unique_id"):
                item[key] = on_the_portal(request, item[key])
        return feed
