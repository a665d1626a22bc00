"""What site search finds in the news: published articles, ranked, with highlighted snippets."""

from django.db.models import F
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.fulltext import SearchResult, ranked_hits, shown_texts, similar_titles, snippet
from portal.search import SearchSource
from portal.translation import chinese_is_active

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
        .values(
            "pk",
            "title",
            "title_zh_hans",
            "summary_zh_hans",
            "slug",
            "publish_at",
            "channel__name",
            "channel__name_zh_hans",
            "channel__slug",
        )
        .annotate(search_snippet=snippet(F("summary"), query))
    )
    return {row["pk"]: article_result(row, query) for row in rows}


def article_result(row, query):
    channel = row["channel__name"]
    if chinese_is_active():
        channel = row["channel__name_zh_hans"] or channel
    url = reverse(
        "news:article_detail", kwargs={"channel_slug": row["channel__slug"], "slug": row["slug"]}
    )
    texts = shown_texts(
        title=row["title"],
        chinese_title=row["title_zh_hans"],
        headline=row["search_snippet"],
        chinese_text=row["summary_zh_hans"],
        query=query,
    )
    return SearchResult(kind=KIND, url=url, date=row["publish_at"], channel=channel, **texts)


def article_titles(query):
    return similar_titles(Article.objects.published(), title="title", query=query)


SEARCH_SOURCE = SearchSource(
    kind=KIND, label=_("News"), hits=article_hits, results=article_results, titles=article_titles
)
