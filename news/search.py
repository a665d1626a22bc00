"""What site search finds in the news: published articles, ranked, with highlighted snippets."""

from django.db.models import F
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.fulltext import SearchResult, highlight, ranked_hits, similar_titles, snippet
from portal.search import SearchSource

from .models import Article, ArticleSearchEntry

KIND = "news"


def article_hits(query, limit):
    matches = ArticleSearchEntry.objects.search(query, limit=limit)
    return ranked_hits(matches, kind=KIND, date="publish_at")


def article_results(ids, query):
    # The snippet comes from the summary, written to introduce the article: a few hundred
    # characters, where highlighting the whole text read kilobytes per result.
    rows = (
        Article.objects.filter(pk__in=ids)
        .order_by()  # in the order of the hits
        .values_list("pk", "title", "slug", "publish_at", "channel__name", "channel__slug")
        .annotate(search_snippet=snippet(F("summary"), query))
    )
    return {
        pk: SearchResult(
            kind=KIND,
            title=title,
            url=reverse("news:article_detail", kwargs={"channel_slug": channel_slug, "slug": slug}),
            date=publish_at,
            snippet=highlight(search_snippet),
            channel=channel,
        )
        for pk, title, slug, publish_at, channel, channel_slug, search_snippet in rows
    }


def article_titles(query):
    return similar_titles(Article.objects.published(), title="title", query=query)


SEARCH_SOURCE = SearchSource(
    kind=KIND, label=_("News"), hits=article_hits, results=article_results, titles=article_titles
)
