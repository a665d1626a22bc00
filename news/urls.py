from django.urls import path, register_converter

from . import feeds, views


class RenditionNameConverter:
    # Only the file names make_renditions writes: nothing else under MEDIA_ROOT is reachable.
    regex = r"[0-9a-f]{32}-[0-9]{1,4}\.(?:webp|jpg)"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(RenditionNameConverter, "rendition")

app_name = "news"

urlpatterns = [
    path("", views.ArticleListView.as_view(), name="article_list"),
    path("feed/", feeds.LatestArticlesFeed(), name="feed"),
    path("feed/atom/", feeds.LatestArticlesAtomFeed(), name="atom_feed"),
    path("images/<rendition:name>", views.rendition, name="image"),
    path("<slug:channel_slug>/", views.ChannelDetailView.as_view(), name="channel_detail"),
    path("<slug:channel_slug>/feed/", feeds.ChannelFeed(), name="channel_feed"),
    path("<slug:channel_slug>/feed/atom/", feeds.ChannelAtomFeed(), name="channel_atom_feed"),
    path(
        "<slug:channel_slug>/<slug:slug>/",
        views.ArticleDetailView.as_view(),
        name="article_detail",
    ),
]
