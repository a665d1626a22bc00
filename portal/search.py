"""Site search: what every app finds for a query, ranked together.

Each app that has something to search provides `<app>/search.py` with a SEARCH_SOURCE, or a list
of them as SEARCH_SOURCES (found through portal.discovery): its matches ranked over a weighted,
indexed search vector, the results for the ids on a page, and titles similar to the query. An
app may also name a page that a query leads to outright, as a SEARCH_SHORTCUT (a case reference
leads to its status check). This module merges the ranked lists in
one query, keeps the best MAX_RESULTS, pages through them and asks for the results of the rows on
the page only. A longer list is not counted: the page says there are more and asks for a narrower
search.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cache

from django import forms
from django.core.paginator import Paginator
from django.db import OperationalError, connections, router, transaction
from django.shortcuts import render
from django.utils.translation import gettext, gettext_lazy, pgettext
from django.views.decorators.http import require_safe

from .caching import cache_for_anonymous_visitors
from .discovery import app_modules

logger = logging.getLogger(__name__)

MAX_QUERY_LENGTH = 200
RESULTS_PER_PAGE = 10
# The most results a search lists. Each source ranks at most one more than this (for the news,
# its newest matches): enough to fill the list and to tell that there are more.
MAX_RESULTS = 10 * RESULTS_PER_PAGE
SUGGESTION_COUNT = 3
# A phrase of two common words that seldom stand together makes PostgreSQL check the word
# positions in every article holding both: such a search is stopped rather than left to run.
SEARCH_TIME_LIMIT_MS = 1000
QUERY_CANCELED = "57014"  # PostgreSQL's error code for a statement stopped by statement_timeout
TOO_SLOW_MESSAGE = gettext_lazy(
    "This search took too long. Leave out the quotes, or use fewer or less common words."
)


@dataclass(frozen=True)
class SearchSource:
    kind: str
    label: str
    # query, limit -> ranked rows of portal.fulltext.HIT_FIELDS: at least the best `limit`
    hits: Callable
    results: Callable  # ids, query -> {id: portal.fulltext.SearchResult}
    titles: Callable  # query -> rows of similar titles (portal.fulltext.similar_titles)


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
        labels = [str(source.label) for source in sources().values()]
        everything = gettext("Everything")
        self.fields["type"].choices = [
            ("", everything),
            *((kind, source.label) for kind, source in sources().items()),
        ]
        self.fields["type"].error_messages["invalid_choice"] = gettext(
            "Choose %(everything)s, %(kinds)s."
        ) % {"everything": everything, "kinds": pgettext("between choices", " or ").join(labels)}

    def clean_q(self):
        query = self.cleaned_data["q"]
        if query and not any(character.isalnum() for character in query):
            raise forms.ValidationError(gettext("Enter at least one word or number to search for."))
        return query


def union(querysets, *, distinct):
    first, *others = querysets
    return first.union(*others, all=not distinct) if others else first


def ranked_hits(query, kinds, limit):
    hits = union([sources()[kind].hits(query, limit) for kind in kinds], distinct=False)
    return hits.order_by("-rank", "-item_date", "kind", "item_id")[:limit]


def results_for(hits, query):
    """The page's hits as SearchResults, in rank order, each with its snippet and kind label."""
    hits = list(hits)
    found = {}
    for kind, source in sources().items():
        ids = [hit["item_id"] for hit in hits if hit["kind"] == kind]
        found[kind] = source.results(ids, query) if ids else {}
    # A row deleted since the page was counted is left out rather than failing the page.
    return [
        replace(found[hit["kind"]][hit["item_id"]], kind_label=sources()[hit["kind"]].label)
        for hit in hits
        if hit["item_id"] in found[hit["kind"]]
    ]


def similar_titles(query, kinds):
    titles = union([sources()[kind].titles(query) for kind in kinds], distinct=True)
    best = titles.order_by("-similarity", "title_match")[:SUGGESTION_COUNT]
    return [row["title_match"] for row in best]


class SearchTookTooLong(Exception):
    pass


def within_time_limit(run):
    """run(), its queries cancelled by PostgreSQL once one runs longer than SEARCH_TIME_LIMIT_MS,
    and planned to go through the full-text indexes.

    PostgreSQL would read a whole table, row by row, to find two common words, counting each check
    as cheap: it is not, as each reads the row's search vector (kilobytes, stored apart). Through
    the index, only matching rows are read. Both settings last until the transaction ends: this
    block's own, as requests are not wrapped in one (ATOMIC_REQUESTS is off). They are set where
    the reads go: for an anonymous visitor on several machines, the database replica
    (portal.replica).
    """
    database = router.db_for_read(None)
    try:
        with transaction.atomic(using=database):
            with connections[database].cursor() as cursor:
                cursor.execute(
                    "SELECT set_config('statement_timeout', %s, true), "
                    "set_config('enable_seqscan', 'off', true)",
                    [str(SEARCH_TIME_LIMIT_MS)],
                )
            return run()
    except OperationalError as error:
        if getattr(error.__cause__, "pgcode", None) == QUERY_CANCELED:
            raise SearchTookTooLong from error
        raise


def search_results(query, kind, page_number):
    kinds = [kind] if kind else list(sources())
    # One more than is shown tells whether there are more, without counting them all.
    hits = list(ranked_hits(query, kinds, MAX_RESULTS + 1))
    page = Paginator(hits[:MAX_RESULTS], RESULTS_PER_PAGE).get_page(page_number)
    return {
        "query": query,
        "kind_label": sources()[kind].label if kind else "",
        "page_obj": page,
        "more_results": len(hits) > MAX_RESULTS,
        "results": results_for(page.object_list, query),
        "suggestions": [] if hits else similar_titles(query, kinds),
    }


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
                lambda: search_results(query, kind, request.GET.get("page"))
            )
        except SearchTookTooLong:
            # Not the words themselves: residents may search for anything, names included.
            logger.warning("A search was stopped after %s ms.", SEARCH_TIME_LIMIT_MS)
            form.add_error("q", TOO_SLOW_MESSAGE)
    return render(request, "portal/search.html", context)
