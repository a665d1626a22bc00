"""What site search finds in this app (portal.search): the services open for applications,
ranked by a weighted vector (the name first), linking to their start pages; the answered
questions caseworkers published (applications.public_search); and a typed reference leads to
the status check."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.fulltext import (
    SearchResult,
    every_match_ranked,
    searched_titles,
    shown_headline_sql,
    shown_texts,
)
from portal.search import SearchSource

from .public_search import ANSWER_SEARCH_SOURCE, reference_shortcut

KIND = "services"
# Services are what most people come to do, and there are few of them: a service whose name
# matches ranks above news and answers that merely mention it.
SERVICE_BOOST = 2
# Every match is ranked: a city has a few hundred services at most.
service_hits = every_match_ranked(
    "applications_service", date="updated_at", condition="is_open", boost=SERVICE_BOOST
)
RESULTS_SQL = """
    SELECT id, name AS title, name_zh_hans AS chinese_title, slug, {headline_columns},
           summary_zh_hans || ' ' || description_zh_hans AS chinese_text
    FROM applications_service WHERE id = ANY(%s)"""


def service_results(ids, query):
    snippet_sql, snippet_params = shown_headline_sql(
        "summary || ' ' || description", query, chinese_title="name_zh_hans"
    )
    return RESULTS_SQL.format(headline_columns=snippet_sql), [*snippet_params, ids]


def service_result(row, query):
    return SearchResult(
        kind=KIND,
        url=reverse("applications:service_detail", kwargs={"slug": row["slug"]}),
        date=None,
        **shown_texts(row, query),
    )


SERVICE_TITLES = searched_titles(
    "applications_service", title="name", translated=True, condition="is_open"
)


SERVICE_SEARCH_SOURCE = SearchSource(
    kind=KIND,
    label=_("Services"),
    hits=service_hits,
    results=service_results,
    result=service_result,
    titles=SERVICE_TITLES,
)
SEARCH_SOURCES = [SERVICE_SEARCH_SOURCE, ANSWER_SEARCH_SOURCE]
SEARCH_SHORTCUT = reference_shortcut
