"""Site search: what every app finds for a query, ranked together.

Each app that has something to search provides `<app>/search.py` with a SEARCH_SOURCE, or a list
of them as SEARCH_SOURCES (found through portal.discovery): the SQL of its matches ranked over a
weighted, indexed search vector, of the rows for the ids on a page, and of its titles, by whose
words a search that finds nothing is corrected (see portal.fulltext and portal.spelling). An app
may also name a page that a query leads to outright, as a SEARCH_SHORTCUT (a case reference leads
to its status check). This module merges the ranked lists in one query, keeps the best
MAX_RESULTS, pages through them and asks for the results of the rows on the page only. A longer
list is not counted: the page says there are more and asks for a narrower search.
"""

import logging
import unicodedata
from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import dataclass, replace
from functools import cache
from urllib.parse import urlencode

from django import forms
from django.core.paginator import Paginator
from django.db import OperationalError, connections, router, transaction
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext, gettext_lazy, pgettext
from django.views.decorators.http import require_safe

from .caching import cache_for_anonymous_visitors
from .discovery import app_modules
from .fulltext import HIT_COLUMNS, has_chinese
from .languages import in_language
from .prepared import execute_prepared
from .spelling import corrected_query
from .translation import CHINESE, chinese_is_active

logger = logging.getLogger(__name__)

MAX_QUERY_LENGTH = 200
RESULTS_PER_PAGE = 10
# The most results a search lists. Each source ranks at most one more than this (for the news,
# its newest matches): enough to fill the list and to tell that there are more.
MAX_RESULTS = 10 * RESULTS_PER_PAGE
# A phrase of two common words that seldom stand together makes PostgreSQL check the word
# positions in every article holding both: such a search is stopped rather than left to run.
SEARCH_TIME_LIMIT_MS = 1000
QUERY_CANCELED = "57014"  # PostgreSQL's error code for a statement stopped by statement_timeout
TOO_SLOW_MESSAGE = gettext_lazy(
    "This search took too long. Leave out the quotes, or use fewer or less common words."
)


@dataclass(frozen=True)
class SearchSource:
    """What an app's search provides; each Callable but `result` gives SQL and its parameters."""

    kind: str
    label: str
    # query, limit -> its matches, ranked, as rows of portal.fulltext.HIT_COLUMNS: at least the
    # best `limit`
    hits: Callable
    results: Callable  # ids, query -> a row for each id, with the id in a column "id"
    result: Callable  # row (a dict of its columns), query -> portal.fulltext.SearchResult
    # page language -> SQL of the titles whose words it searches (portal.fulltext.searched_titles),
    # for "Did you mean" (portal.spelling)
    titles: dict


@dataclass(frozen=True)
class SearchShortcut:
    text: str
    url: str


@cache
def sources():
    found = []
    for module in app_modules("search"):
        found.extend([module.SEARCH_SOURCE] if hasattr(module, "SEARCH_SOURCE") else [])
        found.extend(getattr(module, "SEARCH_SOURCES", []))
    return {source.kind: source for source in found}


@cache
def shortcuts():
    """Each app's SEARCH_SHORTCUT: query -> SearchShortcut, or None when the query names none."""
    found = (getattr(module, "SEARCH_SHORTCUT", None) for module in app_modules("search"))
    return [shortcut for shortcut in found if shortcut is not None]


class SearchForm(forms.Form):
    q = forms.CharField(
        label=gettext_lazy("Search for"),
        max_length=MAX_QUERY_LENGTH,
        required=False,
        widget=forms.SearchInput,
        error_messages={
            "max_length": gettext_lazy(
                "Enter a shorter search: at most %(limit_value)d characters."
            ),
        },
    )
    type = forms.ChoiceField(label=gettext_lazy("Show"), required=False, widget=forms.RadioSelect)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        labels = {kind: str(source.label) for kind, source in sources().items()}
        everything = gettext("Everything")
        self.fields["type"].choices = [("", everything), *labels.items()]
        kinds = pgettext("between choices", " or ").join(labels.values())
        self.fields["type"].error_messages["invalid_choice"] = gettext(
            "Choose %(everything)s, %(kinds)s."
        ) % {"everything": everything, "kinds": kinds}

    def clean_q(self):
        # Letters and digits typed in full width (a Chinese keyboard's) are searched as the
        # ones the texts hold.
        query = unicodedata.normalize("NFKC", self.cleaned_data["q"])
        if len(query) > MAX_QUERY_LENGTH:  # a few characters stand for several
            message = self.fields["q"].error_messages["max_length"]
            raise forms.ValidationError(message % {"limit_value": MAX_QUERY_LENGTH})
        if query and not any(character.isalnum() for character in query):
            raise forms.ValidationError(gettext("Enter at least one word or number to search for."))
        return query


def joined(parts, operator):
    """SQL queries (sql, params) joined by UNION or UNION ALL."""
    sql = f" {operator} ".join(f"({part_sql})" for part_sql, _ in parts)
    return sql, [param for _, part_params in parts for param in part_params]


def rows_of(cursor, sql, params):
    cursor.execute(sql, params)
    columns = [column.name for column in cursor.description]
    return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]


def hits_of_kind(kind, query, limit):
    sql, params = sources()[kind].hits(query, limit)
    columns = ", ".join(HIT_COLUMNS)
    return f"SELECT %s AS kind, {columns} FROM ({sql}) AS hits_of_kind", [kind, *params]


def ranked_hits(cursor, query, kinds, limit):
    """The best `limit` matches of every kind, best first, as (kind, item_id)."""
    sql, params = joined([hits_of_kind(kind, query, limit) for kind in kinds], "UNION ALL")
    cursor.execute(
        f"SELECT kind, item_id FROM ({sql}) AS hits"
        " ORDER BY rank DESC, item_date DESC, kind, item_id LIMIT %s",
        [*params, limit],
    )
    return cursor.fetchall()


def results_for(cursor, hits, query):
    """The page's hits as SearchResults, in rank order, each with its snippet and kind label."""
    found, labels = {}, {}
    for kind, source in sources().items():
        ids = [item_id for hit_kind, item_id in hits if hit_kind == kind]
        rows = rows_of(cursor, *source.results(ids, query)) if ids else []
        found[kind] = {row["id"]: source.result(row, query) for row in rows}
        labels[kind] = str(source.label)
    # A row deleted since the page was counted is left out rather than failing the page.
    return [
        replace(found[kind][item_id], kind_label=labels[kind])
        for kind, item_id in hits
        if item_id in found[kind]
    ]


def suggestion(cursor, query, kinds):
    """The query with its misspelt words corrected, where that search finds something: a word
    of a title no longer shown, or two words no item holds together, lead nowhere."""
    corrected = corrected_query(cursor, query, kinds)
    return corrected if corrected and ranked_hits(cursor, corrected, kinds, 1) else ""


class SearchTookTooLong(Exception):
    pass


def within_time_limit(run):
    """run(cursor), each of its queries cancelled by PostgreSQL once it runs longer than
    SEARCH_TIME_LIMIT_MS, and planned to go through the full-text indexes.

    PostgreSQL would read a whole table, row by row, to find two common words, counting each check
    as cheap: it is not, as each reads the row's search vector (kilobytes, stored apart). Through
    the index, only matching rows are read. The reads go where an anonymous visitor's go: on
    several machines, the database replica (portal.replica).
    """
    database = router.db_for_read(None)
    connection = connections[database]
    # Requests are not wrapped in a transaction. Inside a caller's (a test's), a stopped query
    # would leave it unusable: a savepoint keeps it.
    block = transaction.atomic(using=database) if connection.in_atomic_block else nullcontext()
    try:
        with block, connection.cursor() as cursor:
            return run(TimeLimitedCursor(cursor))
    except OperationalError as error:
        if was_cancelled(error):
            raise SearchTookTooLong from error
        raise


class TimeLimitedCursor:
    """A cursor that sends the settings of within_time_limit in front of each query, and each
    query as a statement prepared once per connection (portal.prepared). PostgreSQL runs the
    statements of one query string as one transaction, so the settings (is_local) end with the
    query: there is no BEGIN or COMMIT to wait for."""

    def __init__(self, cursor):
        self.cursor = cursor

    def execute(self, sql, params=()):
        limits = (
            f"SELECT set_config('statement_timeout', '{int(SEARCH_TIME_LIMIT_MS)}', true), "
            "set_config('enable_seqscan', 'off', true); "
        )
        return execute_prepared(self.cursor, sql, params, before=limits)

    def __getattr__(self, name):
        return getattr(self.cursor, name)


def was_cancelled(error):
    return getattr(error.__cause__, "pgcode", None) == QUERY_CANCELED


def search_results(cursor, query, kind, page_number):
    kinds = [kind] if kind else list(sources())
    # One more than is shown tells whether there are more, without counting them all.
    hits = ranked_hits(cursor, query, kinds, MAX_RESULTS + 1)
    page = Paginator(hits[:MAX_RESULTS], RESULTS_PER_PAGE).get_page(page_number)
    return {
        "query": query,
        "kind_label": sources()[kind].label if kind else "",
        "page_obj": page,
        "more_results": len(hits) > MAX_RESULTS,
        "results": results_for(cursor, page.object_list, query),
        "suggestion": "" if hits else suggestion(cursor, query, kinds),
        "chinese_search_url": "" if hits else chinese_search_url(query),
    }


def chinese_search_url(query):
    """Where to search for a query's Chinese words, asked on an English page (which searches
    the English only)."""
    if chinese_is_active() or not has_chinese(query):
        return ""
    return f"{in_language(reverse('search'), CHINESE)}?{urlencode({'q': query})}"


# When news breaks, many people search for the same words.
@require_safe
@cache_for_anonymous_visitors(query=["q", "type", "page"])
def search(request):
    form = SearchForm(request.GET)
    context = {"form": form, "query": ""}
    if form.is_valid() and form.cleaned_data["q"]:
        query, kind = form.cleaned_data["q"], form.cleaned_data["type"]
        context["shortcuts"] = [page for page in (lead(query) for lead in shortcuts()) if page]
        try:
            context |= within_time_limit(
                lambda cursor: search_results(cursor, query, kind, request.GET.get("page"))
            )
        except SearchTookTooLong:
            # Not the words themselves: residents may search for anything, names included.
            logger.warning("A search was stopped after %s ms.", SEARCH_TIME_LIMIT_MS)
            form.add_error("q", TOO_SLOW_MESSAGE)
    return render(request, "portal/search.html", context)
