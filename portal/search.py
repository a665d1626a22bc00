"""Site search over published news articles and FAQs, with PostgreSQL full-text search.

Each app ranks its own rows (`.published().search(query)` over a weighted, indexed search
vector; news ranks only its newest matches, see news.models). This module merges the two ranked
lists in one query, keeps the best MAX_RESULTS, pages through them and cuts highlighted snippets
(ts_headline) for the rows on the page only. A longer list is not counted: the page says there
are more and asks for a narrower search.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import NamedTuple

from django import forms
from django.contrib.postgres.search import (
    SearchHeadline,
    TrigramStrictWordSimilarity,
)
from django.core.paginator import Paginator
from django.db import OperationalError, connection, transaction
from django.db.models import F, Func, IntegerField, TextField, Value
from django.db.models.functions import Concat
from django.db.models.lookups import GreaterThan
from django.shortcuts import render
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_safe

from faq.models import Question
from news.models import Article

from .caching import cache_for_anonymous_visitors
from .fulltext import SEARCH_CONFIG, web_search_query

logger = logging.getLogger(__name__)

MAX_QUERY_LENGTH = 200
RESULTS_PER_PAGE = 10
# Fewer than news.models.MIN_RECENT_MATCHES: when news ranks only its recent matches, there are
# more than MAX_RESULTS of them, so a list cut short always says so.
MAX_RESULTS = 10 * RESULTS_PER_PAGE
SUGGESTION_COUNT = 3
# A phrase of two common words that seldom stand together makes PostgreSQL check the word
# positions in every article holding both: such a search is stopped rather than left to run.
SEARCH_TIME_LIMIT_MS = 1000
QUERY_CANCELED = "57014"  # PostgreSQL's error code for a statement stopped by statement_timeout
TOO_SLOW_MESSAGE = (
    "This search took too long. Leave out the quotes, or use fewer or less common words."
)

NEWS = "news"
FAQ = "faq"
KIND_LABELS = {NEWS: "News", FAQ: "FAQ"}

# ts_headline marks matches with these private-use characters. They are removed from the text
# first, so after escaping the whole snippet they are the only places where <mark> can appear.
HIGHLIGHT_START = "\ue000"
HIGHLIGHT_STOP = "\ue001"
# The entities nh3 writes in sanitised HTML. "&amp;" is decoded after these, so that the text
# "&lt;" (written "&amp;lt;") stays "&lt;".
HTML_ENTITIES = [("&lt;", "<"), ("&gt;", ">"), ("&quot;", '"'), ("&#39;", "'"), ("&nbsp;", " ")]

HIT_FIELDS = ["kind", "item_id", "item_title", "item_date", "rank"]


class SearchForm(forms.Form):
    q = forms.CharField(
        label="Search for",
        max_length=MAX_QUERY_LENGTH,
        required=False,
        widget=forms.SearchInput,
        error_messages={
            "max_length": f"Enter a shorter search: at most {MAX_QUERY_LENGTH} characters.",
        },
    )
    type = forms.ChoiceField(
        label="Show",
        choices=[("", "Everything"), *KIND_LABELS.items()],
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Choose Everything, News or FAQ."},
    )

    def clean_q(self):
        query = self.cleaned_data["q"]
        if query and not any(character.isalnum() for character in query):
            raise forms.ValidationError("Enter at least one word or number to search for.")
        return query


@dataclass(frozen=True)
class SearchResult:
    kind: str
    title: str
    url: str
    date: datetime
    snippet: str
    channel: str = ""

    @property
    def kind_label(self):
        return KIND_LABELS[self.kind]


def has_search_words(query):
    # "the and of" holds no word that full-text search looks for: suggest nothing for it either.
    lexemes = Func(web_search_query(query), function="numnode", output_field=IntegerField())
    return GreaterThan(lexemes, 0)


def text_func(function, *expressions):
    return Func(*expressions, function=function, output_field=TextField())


def html_as_text(expression):
    text = text_func("regexp_replace", expression, Value("<[^>]*>"), Value(" "), Value("g"))
    for entity, character in [*HTML_ENTITIES, ("&amp;", "&")]:
        text = text_func("replace", text, Value(entity), Value(character))
    return text


def snippet(expression, query):
    without_markers = text_func(
        "translate", expression, Value(HIGHLIGHT_START + HIGHLIGHT_STOP), Value("")
    )
    return SearchHeadline(
        without_markers,
        web_search_query(query),
        config=SEARCH_CONFIG,
        start_sel=HIGHLIGHT_START,
        stop_sel=HIGHLIGHT_STOP,
        max_words=30,
        min_words=12,
        max_fragments=2,
        fragment_delimiter=" … ",
    )


def highlight(headline):
    escaped = escape(headline)
    # Safe: every character from the database is escaped; only our own markers become tags.
    return mark_safe(escaped.replace(HIGHLIGHT_START, "<mark>").replace(HIGHLIGHT_STOP, "</mark>"))


def hits(matches, *, kind, title, date):
    """Matches of one kind in the common shape that both kinds are ranked and paged in."""
    return (
        matches.order_by()
        .annotate(kind=Value(kind), item_id=F("pk"), item_title=F(title), item_date=F(date))
        .values(*HIT_FIELDS)
    )


def article_hits(query):
    matches = Article.objects.published().search(query)
    return hits(matches, kind=NEWS, title="title", date="publish_at")


def question_hits(query):
    matches = Question.objects.published().search(query)
    return hits(matches, kind=FAQ, title="question", date="updated_at")


def article_results(ids, query):
    articles = (
        Article.objects.filter(pk__in=ids)
        .select_related("channel")
        .annotate(
            search_snippet=snippet(
                Concat("summary", Value(" "), html_as_text("body"), output_field=TextField()),
                query,
            )
        )
    )
    return {
        article.pk: SearchResult(
            kind=NEWS,
            title=article.title,
            url=article.get_absolute_url(),
            date=article.publish_at,
            snippet=highlight(article.search_snippet),
            channel=article.channel.name,
        )
        for article in articles
    }


def question_results(ids, query):
    questions = (
        Question.objects.filter(pk__in=ids)
        .only("question", "slug", "updated_at")
        .annotate(search_snippet=snippet(F("answer_text"), query))
    )
    return {
        question.pk: SearchResult(
            kind=FAQ,
            title=question.question,
            url=question.get_absolute_url(),
            date=question.updated_at,
            snippet=highlight(question.search_snippet),
        )
        for question in questions
    }


# Titles similar to the query are found through trigram indexes: `title %>> query` holds when
# the query's strict word similarity to the title reaches pg_trgm's threshold (0.5).


def article_titles(query):
    return (
        Article.objects.published()
        .filter(has_search_words(query), title__trigram_strict_word_similar=query)
        .annotate(title_match=F("title"), similarity=TrigramStrictWordSimilarity(query, "title"))
        .order_by()
        .values("title_match", "similarity")
    )


def question_titles(query):
    return (
        Question.objects.published()
        .filter(has_search_words(query), question__trigram_strict_word_similar=query)
        .annotate(
            title_match=F("question"), similarity=TrigramStrictWordSimilarity(query, "question")
        )
        .order_by()
        .values("title_match", "similarity")
    )


class Source(NamedTuple):
    hits: Callable  # query -> ranked rows of HIT_FIELDS
    results: Callable  # ids, query -> {id: SearchResult}
    titles: Callable  # query -> rows of similar titles


SOURCES = {
    NEWS: Source(article_hits, article_results, article_titles),
    FAQ: Source(question_hits, question_results, question_titles),
}


def union(querysets, *, distinct):
    first, *others = querysets
    return first.union(*others, all=not distinct) if others else first


def ranked_hits(query, kinds):
    hits = union([SOURCES[kind].hits(query) for kind in kinds], distinct=False)
    return hits.order_by("-rank", "-item_date", "kind", "item_id")


def results_for(hits, query):
    """The page's hits as SearchResults, in rank order, each with its snippet."""
    hits = list(hits)
    found = {}
    for kind, source in SOURCES.items():
        ids = [hit["item_id"] for hit in hits if hit["kind"] == kind]
        found[kind] = source.results(ids, query) if ids else {}
    # A row deleted since the page was counted is left out rather than failing the page.
    return [
        found[hit["kind"]][hit["item_id"]] for hit in hits if hit["item_id"] in found[hit["kind"]]
    ]


def similar_titles(query, kinds):
    titles = union([SOURCES[kind].titles(query) for kind in kinds], distinct=True)
    best = titles.order_by("-similarity", "title_match")[:SUGGESTION_COUNT]
    return [row["title_match"] for row in best]


class SearchTookTooLong(Exception):
    pass


def within_time_limit(run):
    """run(), its queries cancelled by PostgreSQL once one runs longer than SEARCH_TIME_LIMIT_MS.

    The limit lasts until the transaction ends: this block's own, as requests are not wrapped in
    one (ATOMIC_REQUESTS is off).
    """
    try:
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL statement_timeout = %s", [SEARCH_TIME_LIMIT_MS])
            return run()
    except OperationalError as error:
        if getattr(error.__cause__, "pgcode", None) == QUERY_CANCELED:
            raise SearchTookTooLong from error
        raise


def search_results(query, kind, page_number):
    kinds = [kind] if kind else list(SOURCES)
    # One more than is shown tells whether there are more, without counting them all.
    hits = list(ranked_hits(query, kinds)[: MAX_RESULTS + 1])
    page = Paginator(hits[:MAX_RESULTS], RESULTS_PER_PAGE).get_page(page_number)
    return {
        "query": query,
        "kind_label": KIND_LABELS.get(kind, ""),
        "page_obj": page,
        "more_results": len(hits) > MAX_RESULTS,
        "results": results_for(page.object_list, query),
        "suggestions": [] if hits else similar_titles(query, kinds),
    }


@require_safe
@cache_for_anonymous_visitors  # when news breaks, many people search for the same words
def search(request):
    form = SearchForm(request.GET)
    context = {"form": form, "query": ""}
    if form.is_valid() and form.cleaned_data["q"]:
        query, kind = form.cleaned_data["q"], form.cleaned_data["type"]
        try:
            context |= within_time_limit(
                lambda: search_results(query, kind, request.GET.get("page"))
            )
        except SearchTookTooLong:
            # Not the words themselves: residents may search for anything, names included.
            logger.warning("A search was stopped after %s ms.", SEARCH_TIME_LIMIT_MS)
            form.add_error("q", TOO_SLOW_MESSAGE)
    return render(request, "portal/search.html", context)
