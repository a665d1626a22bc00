"""What site search finds in the FAQ: published questions, ranked, with highlighted snippets."""

from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from portal.fulltext import (
    SearchResult,
    every_match_ranked,
    searched_titles,
    shown_headline_sql,
    shown_texts,
)
from portal.search import SearchSource

KIND = "faq"
# Every match is ranked: there are a few thousand questions at most.
question_hits = every_match_ranked("faq_question", date="updated_at", condition="published")
# The snippet comes from the beginning of the answer: highlighting reads all of the text it is
# given, and an answer can run to kilobytes.
SNIPPET_FROM_CHARACTERS = 600
RESULTS_SQL = f"""
    SELECT id, question AS title, question_zh_hans AS chinese_title, slug, updated_at,
           {{headline_columns}},
           left(answer_text_zh_hans, {SNIPPET_FROM_CHARACTERS}) AS chinese_text
    FROM faq_question WHERE id = ANY(%s)"""


def question_results(ids, query):
    text = f"left(answer_text, {SNIPPET_FROM_CHARACTERS})"
    snippet_sql, snippet_params = shown_headline_sql(text, query, chinese_title="question_zh_hans")
    return RESULTS_SQL.format(headline_columns=snippet_sql), [*snippet_params, ids]


def question_result(row, query):
    return SearchResult(
        kind=KIND,
        url=reverse("faq:question_detail", kwargs={"slug": row["slug"]}),
        date=row["updated_at"],
        date_prefix=gettext("Updated"),
        **shown_texts(row, query),
    )


QUESTION_TITLES = searched_titles(
    "faq_question", title="question", translated=True, condition="published"
)


SEARCH_SOURCE = SearchSource(
    kind=KIND,
    label=_("FAQ"),
    hits=question_hits,
    results=question_results,
    result=question_result,
    titles=QUESTION_TITLES,
)
