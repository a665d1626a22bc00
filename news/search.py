"""What site search finds in the news: published articles, ranked, with highlighted snippets."""

from django.db.models import TextField, Value
from django.db.models.functions import Concat

from portal.fulltext import (
    SearchResult,
    highlight,
    html_as_text,
    ranked_hits,
    similar_titles,
    snippet,
)
from portal.search import SearchSource

from .models import Article

KIND = "news"


def article_hits(query):
    matches = Article.objects.published().search(query)
    return ranked_hits(matches, kind=KIND, title="title", date="publish_at")


def article_results(ids, query):
    text = Concat("summary", Value(" "), html_as_text("body"), output_field=TextField())
    articles = (
        Article.objects.filter(pk__in=ids)
        .select_related("channel")
        .annotate(search_snippet=snippet(text, query))
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
