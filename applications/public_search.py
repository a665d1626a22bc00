"""What site search finds in the public record of cases: the published answers to questions,
and a case reference typed into the search box, which leads to the status check."""

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.fulltext import (
    SearchResult,
    every_match_ranked,
    searched_titles,
    shown_headline_sql,
    shown_texts,
)
from portal.search import SearchShortcut, SearchSource
from portal.translation import CHINESE

from .status_check import typed_reference

KIND = "answers"
# Every match is ranked: answers are published one by one, by hand. Chinese pages search an
# answer written in Chinese by its character pairs, one in English by its words.
answer_hits = every_match_ranked("applications_publishedanswer", date="published_at")
# An answer written in Chinese is, to shown_texts, one with a Chinese version.
CHINESE_TITLE = f"(CASE answer.language WHEN '{CHINESE}' THEN answer.title ELSE '' END)"
SNIPPET_FROM_CHARACTERS = 600
TEXT = f"left(answer.question || ' ' || answer.answer, {SNIPPET_FROM_CHARACTERS})"
RESULTS_SQL = f"""
    SELECT answer.id, answer.title, answer.language, answer.answered_at, inquiry.reference,
           {CHINESE_TITLE} AS chinese_title, {{headline_columns}},
           CASE WHEN {CHINESE_TITLE} <> '' THEN {TEXT} END AS chinese_text
    FROM applications_publishedanswer AS answer
    JOIN applications_inquiry AS inquiry ON inquiry.id = answer.inquiry_id
    WHERE answer.id = ANY(%s)"""


def answer_results(ids, query):
    snippet_sql, snippet_params = shown_headline_sql(TEXT, query, chinese_title=CHINESE_TITLE)
    return RESULTS_SQL.format(headline_columns=snippet_sql), [*snippet_params, ids]


def answer_result(row, query):
    texts = shown_texts(row, query)
    texts["lang"] = row["language"]  # marked where the page is in the other language
    return SearchResult(
        kind=KIND,
        url=reverse("public:answer_detail", kwargs={"reference": row["reference"]}),
        date=row["answered_at"].replace(microsecond=0),
        date_prefix=_("Answered"),
        **texts,
    )


ANSWER_TITLES = searched_titles("applications_publishedanswer", title="title", condition="true")


ANSWER_SEARCH_SOURCE = SearchSource(
    kind=KIND,
    label=gettext_lazy("Answered questions"),
    hits=answer_hits,
    results=answer_results,
    result=answer_result,
    titles=ANSWER_TITLES,
)


def reference_shortcut(query):
    """An application or inquiry reference (8 digits, as typed in the status check) leads to its
    status check."""
    reference = typed_reference(query)
    if reference is None:
        return None
    url = f"{reverse('public:status_check')}?{urlencode({'reference': reference})}"
    return SearchShortcut(
        text=_("Check the status of %(reference)s") % {"reference": reference}, url=url
    )
