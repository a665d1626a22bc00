"""What site search finds in the news: published articles, ranked, with highlighted snippets."""

from django.db.models import F

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
    articles = (
        Article.objects.filter(pk__in=ids)
        .order_by()  # in the order of the hits
        .select_related("channel")
        .only("title", "slug", "publish_at", "channel__name", "channel__slug")
        .annotate(search_snippet=snippet(F("summary"), query))
    )
    return {
        article.pk: SearchResult(
            kind=KIND,
            title=article.title,
            url=article.get_absolute_url(),
            date=article.publish_at,
            snippet=highlight(article.search_snippet),
            channel=article.channel.name,
        )
        for article in articles
    }


def article_titles(query):
    return similar_titles(Article.objects.published(), title="title", query=query)


SEARCH_SOURCE = SearchSource(
    kind=KIND, label="News", hits=article_hits, results=article_results, titles=article_titles
)
