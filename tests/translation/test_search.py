"""Site search in Chinese: /zh-hans/search/ finds Chinese text by character pairs, ranked, with the
matches marked, through the search indexes; /search/ searches the English."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone, translation
from hypothesis import given
from hypothesis import strategies as st

from applications.models import Service
from applications.search import service_hits
from faq.models import Question
from faq.search import question_hits
from news.models import Article
from news.search import article_hits
from portal.fulltext import chinese_snippet, han_terms
from tests.html import find, links, main, select, text, text_of
from tests.portal.test_search import TIME_LIMIT_QUERIES

pytestmark = pytest.mark.django_db


def search(client, query, *, chinese=True):
    with translation.override("en"):
        return client.get("/zh-hans/search/" if chinese else "/search/", {"q": query})


def titles(response):
    return [result.title for result in response.context["results"]]


def suggestion(response):
    link = select(response, ".search-suggestion a")
    return link[0].get_text() if link else None


@pytest.fixture
def metro_news(make_article):
    return {
        "title": make_article(
            title="Metro line 20 opens",
            title_zh_hans="地铁20号线开通",
            summary="The new line links the east and the airport.",
            summary_zh_hans="新线路连接东部城区与机场，乘坐地铁更方便。",
            body_zh_hans="<p>列车每五分钟一班。</p>",
            days_ago=3,
        ),
        "body": make_article(
            title="Bus routes change",
            title_zh_hans="公交线路调整",
            summary="Three routes are shortened.",
            summary_zh_hans="三条公交线路缩短。",
            body_zh_hans="<p>与地铁平行的线路将缩短。</p>",
            days_ago=1,
        ),
        "english": make_article(
            title="Library opening hours", summary="The library opens later.", days_ago=2
        ),
    }


def test_chinese_words_are_found_ranked_and_marked(client, metro_news):
    response = search(client, "地铁")

    assert titles(response) == ["地铁20号线开通", "公交线路调整"]
    first = select(response, ".search-result")[0]
    assert [mark.get_text() for mark in first.select("mark")] == ["地铁"]
    assert text(first.select_one(".search-result__snippet")).startswith("新线路连接东部城区与机场")


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("地铁 or 公交", ["公交线路调整", "地铁20号线开通"]),
        ("开通 OR 缩短", ["公交线路调整", "地铁20号线开通"]),
        ("地铁 -公交", ["地铁20号线开通"]),
        ("地铁 -线路调整", ["地铁20号线开通"]),
        ('"公交线路" or library', ["公交线路调整", "Library opening hours"]),
    ],
)
def test_chinese_searches_take_or_and_minus_as_the_page_explains(client, metro_news, query, found):
    response = search(client, query)

    assert sorted(titles(response)) == sorted(found)


def test_neither_or_nor_a_word_left_out_is_marked_in_a_snippet():
    snippet = chinese_snippet("地铁的开通 for 公交", "地铁 or 公交 -开通")

    assert snippet == "<mark>地铁</mark>的开通 for <mark>公交</mark>"


def test_chinese_words_searched_on_an_english_page_lead_to_the_chinese_search(client, metro_news):
    english = search(client, "地铁", chinese=False)
    found = search(client, "metro", chinese=False)

    assert titles(english) == []
    link = links(main(english))["search the Chinese pages for “地铁”"]
    assert link == "/zh-hans/search/?q=%E5%9C%B0%E9%93%81"
    assert titles(client.get(link)) == ["地铁20号线开通", "公交线路调整"]
    assert "search the Chinese pages" not in text(main(found))


def test_a_three_character_word_is_found_by_its_pairs(client, make_question, service):
    make_question(
        question="How do I renew my residence permit?",
        question_zh_hans="如何续办居住证？",
        answer_zh_hans="<p>请在居住证到期前三十天内申请。</p>",
    )
    make_question(question="Where is the library?", question_zh_hans="图书馆在哪里？")
    service.name_zh_hans = "居住证续办"
    service.summary_zh_hans = "在网上续办居住证。"
    service.save()

    response = search(client, "居住证")

    assert set(titles(response)) == {"如何续办居住证？", "居住证续办"}
    assert "<mark>居住证</mark>" in str(select(response, ".search-result")[0])


def test_one_character_finds_words_that_contain_it(client, metro_news):
    assert titles(search(client, "铁")) == ["地铁20号线开通", "公交线路调整"]
    assert titles(search(client, "通")) == ["地铁20号线开通"]


def test_chinese_pages_search_the_english_of_items_without_a_chinese_version(client, metro_news):
    response = search(client, "library")

    assert titles(response) == ["Library opening hours"]
    assert select(response, ".search-result__title a")[0]["lang"] == "en"
    snippet = select(response, ".search-result__snippet")[0]
    assert snippet["lang"] == "en"
    assert [mark.get_text() for mark in snippet.select("mark")] == ["library"]
    # The English of an item that has a Chinese version is not searched on Chinese pages.
    assert titles(search(client, "airport")) == []


def test_english_pages_search_the_english_only(client, metro_news):
    assert titles(search(client, "地铁", chinese=False)) == []
    assert titles(search(client, "metro", chinese=False)) == ["Metro line 20 opens"]


def test_a_chinese_search_runs_as_many_queries_as_an_english_one(
    client, metro_news, make_question, django_assert_num_queries
):
    make_question(question="Metro?", question_zh_hans="地铁几点运营？")
    client.get("/")  # the site profile is kept in memory from then on
    search(client, "地铁！")  # its queries are prepared from then on (portal.prepared)
    with django_assert_num_queries(3 + TIME_LIMIT_QUERIES):
        search(client, "地铁")
    with django_assert_num_queries(3 + TIME_LIMIT_QUERIES):
        search(client, "地铁。")  # another address: not answered from the kept copy


def test_the_admin_finds_articles_by_their_chinese(metro_news):
    found = Article.objects.newest_matches("公交")

    assert [article.title for article in found] == ["Bus routes change"]


def test_the_pairs_of_a_query():
    assert han_terms("居住证") == ["'居住'", "'住证'"]
    assert han_terms("铁") == ["'铁':*"]
    assert han_terms("地铁 parking 地铁") == ["'地铁'"]
    assert han_terms("parking") == []


@given(st.text(max_size=60), st.text(max_size=20))
def test_a_chinese_snippet_is_always_escaped(text_value, query):
    shown = chinese_snippet(text_value, query)

    without_marks = shown.replace("<mark>", "").replace("</mark>", "")
    assert "<" not in without_marks
    assert ">" not in without_marks


# What PostgreSQL does with a Chinese query, with many more rows than a search reads.


def plan(sql, params):
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
        [[found]] = cursor.fetchone()
    nodes, pending = [], [found["Plan"]]
    while pending:
        node = pending.pop()
        nodes.append(node)
        pending += node.get("Plans", [])
    return nodes


def analyse(*tables):
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"ANALYZE {table}")
        cursor.execute("SET LOCAL enable_seqscan = off")  # as site search plans it


def test_a_chinese_news_search_goes_through_the_chinese_index(channel):
    now = timezone.now()
    Article.objects.bulk_create(
        Article(
            title=f"Notice {number}",
            title_zh_hans=f"通知{number}" if number % 2 else "",
            slug=f"notice-{number}",
            channel=channel,
            summary="Road works.",
            summary_zh_hans="道路施工，请乘坐地铁。" if number % 5 == 0 else "道路施工。",
            body="<p>Take the bus.</p>",
            status=Article.Status.PUBLISHED,
            publish_at=now - timedelta(hours=number),
        )
        for number in range(600)
    )
    analyse("news_article", "news_articlesearchentry")

    with translation.override("zh-hans"):
        nodes = plan(*article_hits("地铁", limit=10))

    entries = [node for node in nodes if node.get("Relation Name") == "news_articlesearchentry"]
    assert all(node["Node Type"] != "Seq Scan" for node in entries)
    assert any(node.get("Index Name") == "news_search_entry_zh_hans_idx" for node in nodes)
    # Each index answers its own condition: no row found is checked again, search vectors and all.
    assert not [node for node in entries if "@@" in node.get("Filter", "")]


@pytest.mark.parametrize(
    ("hits", "index"),
    [(question_hits, "faq_question_zh_hans_idx"), (service_hits, "service_search_zh_hans_idx")],
)
def test_chinese_faq_and_service_searches_go_through_their_chinese_index(topic, hits, index):
    Question.objects.bulk_create(
        Question(
            topic=topic,
            question=f"Question {number}?",
            question_zh_hans=f"问题{number}：居住证" if number == 42 else f"问题{number}",
            slug=f"question-{number}",
            published=True,
        )
        for number in range(2000)
    )
    Service.objects.bulk_create(
        Service(name=f"Service {number}", name_zh_hans=f"服务{number}", slug=f"s-{number}",
                summary="", description="", processing_days=5)
        for number in range(2000)
    )  # fmt: skip
    analyse("faq_question", "applications_service")

    with translation.override("zh-hans"):
        nodes = plan(*hits("居住证", limit=10))

    assert all(node["Node Type"] != "Seq Scan" for node in nodes)
    assert any(node.get("Index Name") == index for node in nodes)


def test_chinese_pages_suggest_only_words_they_would_find(client, metro_news, make_article):
    call_command("refresh_search_words", verbosity=0)

    assert suggestion(search(client, "mettro line", chinese=False)) == "metro line"
    # The line 20 article has a Chinese version: Chinese pages search that, not its English.
    assert suggestion(search(client, "mettro line")) is None

    make_article(title="Metro card prices")  # English only: Chinese pages search its English
    call_command("refresh_search_words", verbosity=0)
    response = search(client, "mettro card")

    link = find(response, ".search-suggestion a")
    assert (link.get_text(), link["lang"]) == ("metro card", "en")
    assert titles(search(client, "metro card")) == ["Metro card prices"]


def test_chinese_pages_suggest_the_english_words_of_chinese_titles(client, make_article):
    make_article(title="Free wireless internet in city parks", title_zh_hans="城市公园免费WiFi")
    call_command("refresh_search_words", verbosity=0)

    assert suggestion(search(client, "wiifi")) == "wifi"
    assert titles(search(client, "wifi")) == ["城市公园免费WiFi"]
    # English pages search the English title, which has no such word.
    assert suggestion(search(client, "wiifi", chinese=False)) is None


def test_chinese_words_of_a_query_stay_as_they_are(client, make_article):
    make_article(title="Metro monthly tickets", title_zh_hans="Metro月票价格调整")
    call_command("refresh_search_words", verbosity=0)

    response = search(client, "mettro 月票")

    link = find(response, ".search-suggestion a")
    assert link.get_text() == "metro 月票"
    assert not link.has_attr("lang")  # the page's language and English together
    assert text_of(response, ".search-suggestion") == "您是不是要找：metro 月票？"


def test_the_page_number_of_a_chinese_search_takes_no_space_before_its_bracket(
    client, make_article
):
    for number in range(11):
        make_article(title=f"Metro {number}", title_zh_hans=f"地铁新闻{number}")

    summary = text_of(search(client, "地铁"), "#search-results-heading")

    assert summary == "找到“地铁”的结果11条（第1页，共2页）"
