"""What site search finds in the public record of cases: the published answers to questions,
and a case reference typed into the search box, which leads to the status check."""

import re

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.fulltext import (
    SearchResult,
    headline_sql,
    highlight,
    similar_titles_sql,
    tsquery_sql,
)
from portal.search import SearchShortcut, SearchSource

from .models import REFERENCE_FORMAT

KIND = "answers"
# Every match is ranked: answers are published one by one, by hand. Each is searched as English,
# whatever language it is written in.
HITS_SQL = """
    SELECT id AS item_id, published_at AS item_date,
           ts_rank(search_vector, {query}) AS rank
    FROM applications_publishedanswer WHERE search_vector @@ {query}"""
RESULTS_SQL = """
    SELECT answer.id, answer.title, answer.language, answer.answered_at, inquiry.reference,
           {headline} AS headline
    FROM applications_publishedanswer AS answer
    JOIN applications_inquiry AS inquiry ON inquiry.id = answer.inquiry_id
    WHERE answer.id = ANY(%s)"""


def answer_hits(query, limit):
    query_sql, query_params = tsquery_sql(query)
    return HITS_SQL.format(query=query_sql), [*query_params, *query_params]


def answer_results(ids, query):
    snippet_sql, snippet_params = headline_sql("answer.question || ' ' || answer.answer", query)
    return RESULTS_SQL.format(headline=snippet_sql), [*snippet_params, ids]


def answer_result(row, query):
    return SearchResult(
        kind=KIND,
        title=row["title"],
        url=reverse("public:answer_detail", kwargs={"reference": row["reference"]}),
        date=row["answered_at"].replace(microsecond=0),
        snippet=highlight(row["headline"]),
        date_prefix=_("Answered"),
        lang=row["language"],
    )


def answer_titles(query):
    return similar_titles_sql(
        "applications_publishedanswer", title="title", condition="true", query=query
    )


ANSWER_SEARCH_SOURCE = SearchSource(
    kind=KIND,
    label=gettext_lazy("Answered questions"),
    hits=answer_hits,
    results=answer_results,
    result=answer_result,
    titles=answer_titles,
)


def reference_shortcut(query):
    """An application or inquiry reference (8 digits, spaces allowed) leads to its status check."""
    reference = re.sub(r"\s", "", query)
    if not re.fullmatch(REFERENCE_FORMAT, reference):
        return None
    url = f"{reverse('public:status_check')}?{urlencode({'reference': reference})}"
    return SearchShortcut(
        text=_("Check the status of %(reference)s") % {"reference": reference}, url=url
    )
