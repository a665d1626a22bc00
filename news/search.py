"""What site search finds in the news: published articles, ranked, with highlighted snippets."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.fulltext import (
    SearchResult,
    searched_titles,
    shown_headline_sql,
    shown_texts,
    tsquery_sql,
)
from portal.search import SearchSource
from portal.translation import chinese_is_active

from .models import VISIBLE_TO_THE_PUBLIC, newest_matches

KIND = "news"

# The newest matches (news.models.WINDOWS), ranked. On Chinese pages an article is ranked by its
# Chinese version where it has one, as it is found by it.
HITS_SQL = """
    SELECT article_id AS item_id, publish_at AS item_date,
           ts_rank({vector}, {query}) AS rank
    FROM ({newest}) AS newest"""
ENGLISH_COLUMNS = ("article_id", "publish_at", "search_vector")
CHINESE_COLUMNS = (*ENGLISH_COLUMNS, "title_zh_hans", "search_vector_zh_hans")
CHINESE_VECTOR = "CASE WHEN title_zh_hans = '' THEN search_vector ELSE search_vector_zh_hans END"
# The snippet comes from the summary, written to introduce the article: a few hundred
# characters, where highlighting the whole text read kilobytes per result.
RESULTS_SQL = """
    SELECT article.id, article.title, article.title_zh_hans AS chinese_title,
           article.summary_zh_hans AS chinese_text,
           article.slug, article.publish_at, channel.name AS channel_name,
           channel.name_zh_hans AS channel_name_zh_hans, channel.slug AS channel_slug,
           {headline_columns}
    FROM news_article AS article JOIN news_channel AS channel ON channel.id = article.channel_id
    WHERE article.id = ANY(%s)"""


def article_hits(query, limit):
    chinese = chinese_is_active()
    query_sql, query_params = tsquery_sql(query, chinese=chinese)
    newest_sql, newest_params = newest_matches(
        query,
        limit=limit,
        published_only=True,
        chinese=chinese,
        columns=CHINESE_COLUMNS if chinese else ENGLISH_COLUMNS,
    )
    vector = CHINESE_VECTOR if chinese else "search_vector"
    sql = HITS_SQL.format(vector=vector, query=query_sql, newest=newest_sql)
    return sql, [*query_params, *newest_params]


def article_results(ids, query):
    snippet_sql, snippet_params = shown_headline_sql(
        "article.summary", query, chinese_title="article.title_zh_hans"
    )
    return RESULTS_SQL.format(headline_columns=snippet_sql), [*snippet_params, ids]


def article_result(row, query):
    channel = row["channel_name"]
    if chinese_is_active():
        channel = row["channel_name_zh_hans"] or channel
    url = reverse(
        "news:article_detail", kwargs={"channel_slug": row["channel_slug"], "slug": row["slug"]}
    )
    return SearchResult(
        kind=KIND, url=url, date=row["publish_at"], channel=channel, **shown_texts(row, query)
    )


ARTICLE_TITLES = searched_titles(
    "news_article", title="title", translated=True, condition=VISIBLE_TO_THE_PUBLIC
)


SEARCH_SOURCE = SearchSource(
    kind=KIND,
    label=_("News"),
    hits=article_hits,
    results=article_results,
    result=article_result,
    titles=ARTICLE_TITLES,
)
