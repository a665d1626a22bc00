"""PostgreSQL full-text search as every part of the portal does it: English stemming, the search
syntax people know from the web ("quoted phrases", or, -word), highlighted snippets, and the
common shape in which each app's matches are ranked together (see portal.search)."""

from dataclasses import dataclass
from datetime import datetime

from django.contrib.postgres.search import SearchHeadline, SearchQuery, TrigramStrictWordSimilarity
from django.db.models import F, Func, IntegerField, TextField, Value
from django.db.models.lookups import GreaterThan
from django.utils.html import escape
from django.utils.safestring import mark_safe

SEARCH_CONFIG = "english"

# ts_headline marks matches with these private-use characters. They are removed from the text
# first, so after escaping the whole snippet they are the only places where <mark> can appear.
HIGHLIGHT_START = "\ue000"
HIGHLIGHT_STOP = "\ue001"

HIT_FIELDS = ["kind", "item_id", "item_date", "rank"]


def web_search_query(query):
    return SearchQuery(query, search_type="websearch", config=SEARCH_CONFIG)


@dataclass(frozen=True)
class SearchResult:
    kind: str
    title: str
    url: str
    date: datetime
    snippet: str
    channel: str = ""
    date_prefix: str = ""  # "Updated" where the date is that of the last change
    kind_label: str = ""  # filled in by portal.search


def has_search_words(query):
    # "the and of" holds no word that full-text search looks for: suggest nothing for it either.
    lexemes = Func(web_search_query(query), function="numnode", output_field=IntegerField())
    return GreaterThan(lexemes, 0)


def text_func(function, *expressions):
    return Func(*expressions, function=function, output_field=TextField())


def snippet(expression, query):
    """The words around the matches in a short plain text (a summary, an answer): ts_headline
    reads all of the text, so it is never given a whole article."""
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


def ranked_hits(matches, *, kind, date):
    """Ranked matches of one kind in the common shape that every kind is merged and paged in."""
    return (
        matches.order_by()
        .annotate(kind=Value(kind), item_id=F("pk"), item_date=F(date))
        .values(*HIT_FIELDS)
    )


def similar_titles(rows, *, title, query):
    """Rows whose title the query is similar to, through the title's trigram index.

    `title %>> query` holds when the query's strict word similarity to the title reaches
    pg_trgm's threshold (0.5).
    """
    return (
        rows.filter(has_search_words(query), **{f"{title}__trigram_strict_word_similar": query})
        .annotate(title_match=F(title), similarity=TrigramStrictWordSimilarity(query, title))
        .order_by()
        .values("title_match", "similarity")
    )
