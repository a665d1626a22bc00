import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.html import parse_html
from django.urls import reverse
from django.utils import timezone

import faq.search
import news.search
from faq.models import Question, Topic
from news.models import Article, Channel
from portal import search as site_search
from portal.search import MAX_QUERY_LENGTH, RESULTS_PER_PAGE

pytestmark = pytest.mark.django_db


@pytest.fixture
def channel():
    return Channel.objects.create(name="Government News", slug="government-news", position=1)


@pytest.fixture
def topic():
    return Topic.objects.create(name="Getting around", slug="getting-around", position=1)


@pytest.fixture
def make_article(channel):
    counter = iter(range(1, 100_000))

    def make(**fields):
        number = next(counter)
        fields = {
            "title": f"Notice {number}",
            "slug": f"notice-{number}",
            "channel": channel,
            "summary": f"Summary of notice {number}.",
            "body": f"<p>Body of notice {number}.</p>",
            "status": Article.Status.PUBLISHED,
            "publish_at": timezone.now() - timedelta(days=number),
            **fields,
        }
        article = Article(**fields)
        article.save()
        return article

    return make


@pytest.fixture
def make_question(topic):
    counter = iter(range(1, 100_000))

    def make(**fields):
        number = next(counter)
        fields = {
            "topic": topic,
            "question": f"Question {number}?",
            "slug": f"question-{number}",
            "answer": f"<p>Answer {number}.</p>",
            "published": True,
            **fields,
        }
        return Question.objects.create(**fields)

    return make


def search(client, **params):
    return client.get(reverse("search"), params)


def result_titles(response):
    return [result.title for result in response.context["results"]]


def test_empty_query_shows_guidance_without_results(client):
    response = search(client)
    page = response.content.decode()

    assert response.status_code == 200
    assert len(re.findall(r"<h1[\s>]", page)) == 1
    assert "How to search" in page
    assert "results" not in response.context


def test_finds_published_articles_and_faqs_together(client, make_article, make_question):
    article = make_article(title="New ferry line opens", body="<p>The ferry crosses the river.</p>")
    question = make_question(question="Is the ferry free?", answer="<p>No, it costs 2 yuan.</p>")
    make_article(title="Ferry draft", status=Article.Status.DRAFT)
    make_article(title="Ferry next week", publish_at=timezone.now() + timedelta(days=7))
    make_question(question="Unpublished ferry question", published=False)

    response = search(client, q="ferry")
    page = response.content.decode()

    assert sorted(result_titles(response)) == ["Is the ferry free?", "New ferry line opens"]
    assert "2 results for “ferry”" in page
    assert f'<a href="{article.get_absolute_url()}">New ferry line opens</a>' in page
    assert f'<a href="{question.get_absolute_url()}">Is the ferry free?</a>' in page
    assert '<span class="tag">News</span>' in page
    assert "<span>Government News</span>" in page
    assert '<span class="tag">FAQ</span>' in page
    assert article.publish_at.astimezone().strftime("%-d %B %Y") in page


def test_a_title_match_outranks_a_body_match(client, make_article, make_question):
    make_article(title="Road works", body="<p>Detours around the stadium this weekend.</p>")
    make_question(question="Parking", answer="<p>There is no parking at the stadium.</p>")
    make_article(title="Stadium reopens after repairs")

    response = search(client, q="stadium")

    assert result_titles(response)[0] == "Stadium reopens after repairs"


def test_quoted_phrases_or_and_negation(client, make_article):
    make_article(title="Residence permit renewal", body="<p>Renew your permit online.</p>")
    make_article(title="Permit for residence parking", body="<p>Cars only.</p>")
    make_article(title="Student visa", body="<p>For students.</p>")

    assert result_titles(search(client, q='"residence permit"')) == ["Residence permit renewal"]
    assert result_titles(search(client, q="permit -parking")) == ["Residence permit renewal"]
    assert sorted(result_titles(search(client, q="student or parking"))) == [
        "Permit for residence parking",
        "Student visa",
    ]


def test_news_snippets_highlight_matches_in_the_summary(client, make_article):
    make_article(
        title="Metro news",
        summary="Trains on Line 2 run every 4 minutes & later at night.",
        body="<h2>Timetable</h2><p>Trains run every <strong>4 minutes</strong>.</p>",
    )

    response = search(client, q="minutes")
    snippet = str(response.context["results"][0].snippet)

    assert "<mark>minutes</mark>" in snippet
    assert "Line 2" in snippet
    assert "&amp; later" in snippet  # escaped once for HTML
    assert "strong" not in snippet


def test_an_article_found_by_its_text_alone_shows_its_summary(client, make_article):
    make_article(
        title="Metro news",
        summary="Changes on the metro from May.",
        body="<p>Trains on Line 2 run every 4 minutes.</p>",
    )

    response = search(client, q="minutes")

    assert str(response.context["results"][0].snippet) == "Changes on the metro from May."


def test_html_in_content_is_shown_as_text_never_as_markup(client, make_question):
    make_question(
        question="Which tags are allowed?",
        answer="<p>Offices are open daily. If 1 &lt; 2 &amp; 3, type "
        "&lt;script&gt;alert(1)&lt;/script&gt; to test the filter. More text follows.</p>",
    )

    response = search(client, q="filter")
    snippet = str(response.context["results"][0].snippet)

    # PostgreSQL leaves tag-like words out of headlines; everything else is escaped.
    assert "<script" not in response.content.decode()
    assert "If 1 &lt; 2 &amp; 3, type  alert(1)  to test the <mark>filter</mark>." in snippet


def test_a_query_holding_html_is_escaped(client, make_question):
    make_question(question="Script writing classes", answer="<p>Learn to write a script.</p>")

    response = search(client, q='<script>alert("x")</script> script')
    page = response.content.decode()

    assert response.status_code == 200
    assert '<script>alert("x")</script>' not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page


def test_pagination_keeps_the_query_and_the_type(client, make_question):
    for _ in range(RESULTS_PER_PAGE + 3):
        make_question(answer="<p>Bring your passport.</p>")

    first = search(client, q="passport", type="faq")
    second = search(client, q="passport", type="faq", page=2)

    assert 'href="?q=passport&amp;type=faq&amp;page=2"' in first.content.decode()
    assert len(first.context["results"]) == RESULTS_PER_PAGE
    assert len(second.context["results"]) == 3
    assert "(page 2 of 2)" in second.content.decode()


def test_type_filter_narrows_to_news_or_faq(client, make_article, make_question):
    make_article(title="Ferry timetable changes")
    make_question(question="Is the ferry free?")

    assert result_titles(search(client, q="ferry", type="news")) == ["Ferry timetable changes"]
    assert result_titles(search(client, q="ferry", type="faq")) == ["Is the ferry free?"]
    assert len(result_titles(search(client, q="ferry"))) == 2


def test_no_results_suggest_similar_titles(client, make_article, make_question):
    make_question(question="How do I renew my passport?")
    make_article(title="Passport office moves to Pudong")
    make_article(title="Road closures and public transport")

    response = search(client, q="pasport")
    page = response.content.decode()

    assert "No results for “pasport”" in page
    assert "Did you mean" in page
    assert set(response.context["suggestions"]) == {
        "How do I renew my passport?",
        "Passport office moves to Pudong",
    }
    assert "Check the spelling" in page


def test_a_query_of_only_common_words_suggests_no_titles(client, make_question):
    make_question(question="How do I renew my passport?")

    response = search(client, q="how the")

    assert "No results for “how the”" in response.content.decode()
    assert response.context["suggestions"] == []
    assert "Very common words" in response.content.decode()


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("x" * (MAX_QUERY_LENGTH + 1), "at most 200 characters"),
        ("ferry\x00", "Null characters are not allowed."),
        ("?!... -- ''", "Enter at least one word or number"),
    ],
)
def test_bad_queries_get_a_message_not_an_error(client, query, message):
    response = search(client, q=query)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert 'class="error-summary"' in response.content.decode()


@pytest.mark.parametrize(
    "params",
    [
        {"q": "ferry", "type": "weather"},
        {"q": "ferry", "page": "last\x00"},
        {"q": "ferry", "page": "99999"},
        {"q": "the and of"},  # only stop words: no lexemes to search for
        {"q": "ferry:* & !(bus"},  # tsquery operators are words in web search syntax
    ],
)
def test_odd_parameters_never_break_the_page(client, make_question, params):
    make_question(question="Is the ferry free?")

    assert search(client, **params).status_code == 200


# The time limit: SET LOCAL statement_timeout, in a savepoint here (a transaction in production).
TIME_LIMIT_QUERIES = 3


def test_query_count_does_not_grow_with_results(
    client, make_article, make_question, django_assert_num_queries
):
    make_article(title="Ferry news")
    make_question(question="Ferry question")
    client.get("/")  # the site profile is kept in memory from then on
    # The ranked hits (no count of every match), and one snippet query for each kind.
    with django_assert_num_queries(3 + TIME_LIMIT_QUERIES):
        search(client, q="ferry")

    for _ in range(25):
        make_article(body="<p>Take the ferry.</p>")
        make_question(answer="<p>Take the ferry.</p>")
    with django_assert_num_queries(3 + TIME_LIMIT_QUERIES) as context:
        # Another address than the first search's, so that it runs again instead of being
        # answered from the kept copy.
        response = search(client, q="Ferry")
    assert not [query for query in context.captured_queries if "COUNT(" in query["sql"]]
    results = response.context["results"]
    assert len(results) == RESULTS_PER_PAGE
    assert {result.kind for result in results} == {"news", "faq"}


def test_query_count_without_results_includes_the_suggestions(client, django_assert_num_queries):
    # The site profile, the hits and the similar titles.
    with django_assert_num_queries(3 + TIME_LIMIT_QUERIES):
        search(client, q="nothing")


def explain_search(queryset):
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {queryset.model._meta.db_table}")
    return queryset.explain()


def test_faq_search_uses_the_gin_index_with_thousands_of_questions(topic):
    Question.objects.bulk_create(
        Question(
            topic=topic,
            question=f"Question about opening hours {number}?",
            slug=f"hours-{number}",
            answer_text="Offices open at nine and close at five.",
            published=True,
        )
        for number in range(3000)
    )
    Question.objects.filter(slug="hours-42").update(
        question="Where can I buy a typhoon shelter kit?"
    )

    plan = explain_search(Question.objects.published().search("typhoon"))

    assert "faq_question_search_idx" in plan


def test_a_long_list_of_results_is_cut_and_says_so(client, make_question, monkeypatch):
    monkeypatch.setattr(site_search, "MAX_RESULTS", 12)
    for _ in range(13):
        make_question(answer="<p>Bring your passport.</p>")

    response = search(client, q="passport")
    page = response.content.decode()

    assert "More than 12 results for “passport”" in page
    assert "(page 1 of 2)" in page
    assert "put a phrase in quotes" in page
    assert len(search(client, q="passport", page=2).context["results"]) == 2


def test_a_long_list_of_news_is_cut_and_says_so(client, make_article, monkeypatch):
    # The news ranks only its newest matches: one more than the list shows tells that there are
    # more.
    monkeypatch.setattr(site_search, "MAX_RESULTS", 12)
    for _ in range(13):
        make_article(body="<p>Bring your passport.</p>")

    page = search(client, q="passport").content.decode()

    assert "More than 12 results for “passport”" in page


def test_a_short_list_of_results_is_counted_exactly(client, make_question, monkeypatch):
    monkeypatch.setattr(site_search, "MAX_RESULTS", 12)
    for _ in range(12):
        make_question(answer="<p>Bring your passport.</p>")

    page = search(client, q="passport").content.decode()

    assert "12 results for “passport”" in page and "More than" not in page


@pytest.mark.parametrize(
    ("titles", "model", "field", "index"),
    [
        (news.search.article_titles, Article, "title", "news_article_title_trgm"),
        (faq.search.question_titles, Question, "question", "faq_question_trgm_idx"),
    ],
)
def test_similar_titles_are_found_through_a_trigram_index(titles, model, field, index):
    with connection.cursor() as cursor:
        # On a tiny table the planner may read another index in order and filter every row; with
        # plain scans off, only an index that answers the condition itself is left.
        for setting in ["enable_seqscan", "enable_indexscan"]:
            cursor.execute(f"SET LOCAL {setting} = off")

    # The condition is the indexable operator, not a similarity computed for every title...
    assert f'."{field}" %>> ' in str(titles("pasport").query)
    # ...and an index answers that operator.
    plan = model.objects.filter(**{f"{field}__trigram_strict_word_similar": "pasport"}).explain()
    assert index in plan


def test_a_search_that_runs_too_long_is_stopped_with_a_clear_message(
    client, articles_locked, monkeypatch, caplog
):
    with connection.cursor() as cursor:
        # Without a time limit of its own, a search fails here rather than wait for ever.
        cursor.execute("SET LOCAL lock_timeout = '5s'")
    monkeypatch.setattr(site_search, "SEARCH_TIME_LIMIT_MS", 200)

    response = client.get(reverse("search"), {"q": '"ferry timetable"'})

    assert response.status_code == 200
    page = response.content.decode()
    assert "This search took too long." in page
    assert "<title>Error: Search" in page
    assert "A search was stopped" in caplog.text
    assert "ferry" not in caplog.text
    # The connection is usable again, without the time limit.
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        assert cursor.fetchone()[0] == "0"


def test_the_form_keeps_the_search_and_the_choice(client):
    page = parse_html(search(client, q="ferry timetable", type="faq").content.decode())

    search_box = '<input type="search" name="q" value="ferry timetable" maxlength="200" id="id_q">'
    assert page.count(parse_html(search_box)) == 1
    chosen = '<input type="radio" name="type" value="faq" id="id_type_2" checked>'
    assert page.count(parse_html(chosen)) == 1
    everything = '<input type="radio" name="type" value="" id="id_type_0">'
    assert page.count(parse_html(everything)) == 1


def test_a_field_in_error_points_to_its_message(client):
    response = search(client, q="x" * (MAX_QUERY_LENGTH + 1), type="weather")
    page = parse_html(response.content.decode())

    search_box = (
        f'<input type="search" name="q" value="{"x" * (MAX_QUERY_LENGTH + 1)}" maxlength="200"'
        ' aria-invalid="true" aria-describedby="id_q_error" id="id_q">'
    )
    assert page.count(parse_html(search_box)) == 1
    message = (
        '<ul class="errorlist" id="id_q_error">'
        "<li>Enter a shorter search: at most 200 characters.</li></ul>"
    )
    assert page.count(parse_html(message)) == 1
    choice = '<input type="radio" name="type" value="news" aria-invalid="true" id="id_type_1">'
    assert page.count(parse_html(choice)) == 1
    assert 'id="id_type_error"' in str(page)
