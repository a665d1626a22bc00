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
    path("<slug:category_slug>/", views.CategoryDetailView.as_view(), name="category_detail"),
    path("<slug:category_slug>/feed/", feeds.CategoryFeed(), name="category_feed"),
    path("<slug:category_slug>/feed/atom/", feeds.CategoryAtomFeed(), name="category_atom_feed"),
    path(
        "<slug:category_slug>/<slug:slug>/",
        views.ArticleDetailView.as_view(),
        name="article_detail",
    ),
]
