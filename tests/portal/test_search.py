import random
import string
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone
from hypothesis import example, given
from hypothesis import strategies as st

import faq.search
from faq.models import Question
from news.models import Article
from portal import search as site_search
from portal.fulltext import tsquery_sql
from portal.models import SearchWord
from portal.search import MAX_QUERY_LENGTH, RESULTS_PER_PAGE
from portal.spelling import CORRECTIONS_SQL
from tests.html import (
    errors,
    field_by_label,
    find,
    h1,
    headings,
    hint,
    links,
    select,
    text,
    text_of,
    texts_of,
    title,
)
from tests.strategies import database_examples, search_queries, text_without_nul

pytestmark = pytest.mark.django_db


def search(client, **params):
    return client.get(reverse("search"), params)


def result_titles(response):
    return [result.title for result in response.context["results"]]


def results_summary(response):
    return text_of(response, "#search-results-heading")


def test_empty_query_shows_guidance_without_results(client):
    response = search(client)

    assert response.status_code == 200
    assert h1(response) == "Search the portal"
    assert "How to search" in headings(response, 2)
    assert "results" not in response.context


def test_finds_published_articles_and_faqs_together(client, make_article, make_question):
    article = make_article(title="New ferry line opens", body="<p>The ferry crosses the river.</p>")
    question = make_question(question="Is the ferry free?", answer="<p>No, it costs 2 yuan.</p>")
    make_article(title="Ferry draft", status=Article.Status.DRAFT)
    make_article(title="Ferry next week", publish_at=timezone.now() + timedelta(days=7))
    make_question(question="Unpublished ferry question", published=False)

    response = search(client, q="ferry")

    assert sorted(result_titles(response)) == ["Is the ferry free?", "New ferry line opens"]
    assert results_summary(response) == "2 results for “ferry”"
    found = links(find(response, ".search-results__list"))
    assert found["New ferry line opens"] == article.get_absolute_url()
    assert found["Is the ferry free?"] == question.get_absolute_url()
    meta = {
        text_of(result, "h3"): text_of(result, ".search-result__meta")
        for result in select(response, ".search-result")
    }
    date = article.publish_at.astimezone().strftime("%-d %B %Y")
    assert meta["New ferry line opens"] == f"News Government News {date}"
    assert meta["Is the ferry free?"].startswith("FAQ Updated")


def test_letters_typed_in_full_width_find_what_the_same_letters_find(client, make_article):
    make_article(title="New ferry line opens")
    full_width = "".join(chr(ord(letter) + 0xFEE0) for letter in "ferry")

    response = search(client, q=full_width)

    assert result_titles(response) == ["New ferry line opens"]
    assert results_summary(response) == "1 result for “ferry”"


def test_a_query_that_grows_when_read_in_full_width_is_still_held_to_the_limit(client):
    # U+FDFA, one character typed, is 18 letters once read.
    response = search(client, q="\ufdfa" * 20)

    assert errors(response).fields["q"] == [
        f"Enter a shorter search: at most {MAX_QUERY_LENGTH} characters."
    ]


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
    snippet = find(response, ".search-result__snippet")

    assert texts_of(snippet, "mark") == ["minutes"]
    assert not select(snippet, "strong")
    assert "strong" not in text(snippet)
    # The entity decoded, then escaped once for HTML: a reader sees "&", not "&amp;".
    assert "Trains on Line 2 run every 4 minutes & later at night" in text(snippet)


def test_an_article_found_by_its_text_alone_shows_its_summary(client, make_article):
    make_article(
        title="Metro news",
        summary="Changes on the metro from May.",
        body="<p>Trains on Line 2 run every 4 minutes.</p>",
    )

    response = search(client, q="minutes")

    assert text(find(response, ".search-result__snippet")) == "Changes on the metro from May."


def test_a_snippet_from_the_middle_of_a_text_says_so_with_ellipses(client, make_article):
    words = " ".join(f"word{n}" for n in range(1, 40))
    make_article(title="Detours", summary=f"{words} marathon {words}.")

    response = search(client, q="marathon")
    snippet = text(find(response, ".search-result__snippet"))

    assert snippet.startswith("… word")
    assert snippet.endswith(" …")
    assert "marathon" in snippet


def test_a_snippet_ending_where_its_text_does_has_no_trailing_ellipsis(client, make_article):
    words = " ".join(f"word{n}" for n in range(1, 40))
    make_article(title="Detours", summary=f"{words} and the marathon route is signposted.")

    snippet = text(find(search(client, q="marathon"), ".search-result__snippet"))

    assert snippet.startswith("… word")
    assert snippet.endswith("route is signposted.")


def test_a_whole_faq_answer_in_its_snippet_has_no_ellipsis(client, make_question):
    make_question(question="Bins", answer="<p>Recycling bins are emptied on Tuesdays.</p>")

    snippet = text(find(search(client, q="recycling"), ".search-result__snippet"))

    assert snippet == "Recycling bins are emptied on Tuesdays."


def test_html_in_content_is_shown_as_text_never_as_markup(client, make_question):
    make_question(
        question="Which tags are allowed?",
        answer="<p>Offices are open daily. If 1 &lt; 2 &amp; 3, type "
        "&lt;script&gt;alert(1)&lt;/script&gt; to test the filter. More text follows.</p>",
    )

    response = search(client, q="filter")
    snippet = find(response, ".search-result__snippet")

    # PostgreSQL leaves tag-like words out of headlines; everything else is escaped.
    assert not [script for script in select(response, "script") if "alert" in script.text]
    assert "If 1 < 2 & 3, type alert(1) to test the filter." in text(snippet)
    assert texts_of(snippet, "mark") == ["filter"]


def test_a_query_holding_html_is_escaped(client, make_question):
    make_question(question="Script writing classes", answer="<p>Learn to write a script.</p>")

    query = '<script>alert("x")</script> script'
    response = search(client, q=query)

    assert response.status_code == 200
    assert not [script for script in select(response, "script") if "alert" in script.text]
    assert results_summary(response) == f"No results for “{query}”"
    assert field_by_label(response, "Search for")["value"] == query


def test_pagination_keeps_the_query_and_the_type(client, make_question):
    for _ in range(RESULTS_PER_PAGE + 3):
        make_question(answer="<p>Bring your passport.</p>")

    first = search(client, q="passport", type="faq")
    second = search(client, q="passport", type="faq", page=2)

    assert links(first)["Next page »"] == "?q=passport&type=faq&page=2"
    assert len(first.context["results"]) == RESULTS_PER_PAGE
    assert len(second.context["results"]) == 3
    assert results_summary(second).endswith("(page 2 of 2)")


def test_type_filter_narrows_to_news_or_faq(client, make_article, make_question):
    make_article(title="Ferry timetable changes")
    make_question(question="Is the ferry free?")

    assert result_titles(search(client, q="ferry", type="news")) == ["Ferry timetable changes"]
    assert result_titles(search(client, q="ferry", type="faq")) == ["Is the ferry free?"]
    assert len(result_titles(search(client, q="ferry"))) == 2


def words_refreshed():
    """The titles' words read afresh, as the hourly refresh does."""
    call_command("refresh_search_words", verbosity=0)


def suggestion(response):
    link = select(response, ".search-suggestion a")
    return link[0].get_text() if link else None


def test_a_misspelt_word_is_corrected_to_a_word_of_the_titles(client, make_article, make_question):
    make_question(question="How do I renew my passport?")
    make_article(title="Passport office moves to Pudong")
    words_refreshed()

    response = search(client, q="Pasport office")

    assert results_summary(response) == "No results for “Pasport office”"
    assert text_of(response, ".search-suggestion") == "Did you mean passport office?"
    link = find(response, ".search-suggestion a")
    assert link["href"] == "?q=passport+office"
    assert "Check the spelling of your words." in texts_of(response, ".search-results li")
    assert result_titles(search(client, q="passport office")) == ["Passport office moves to Pudong"]


def test_words_the_titles_hold_in_another_form_are_kept(client, make_article):
    make_article(title="The fountain in the park is repaired")
    words_refreshed()

    # "parks" is "park" to the search: only the misspelt word is changed.
    response = search(client, q="parks fountian")

    assert suggestion(response) == "parks fountain"


def test_a_word_the_titles_hold_in_any_form_is_not_corrected(client, make_article):
    make_article(title="A new pocket park")
    make_article(title="Marking fines for late tax returns")
    words_refreshed()

    # "marking" is nearer to "parking" than "park" is, and "marking fines" finds something; but
    # "parking" is "park" to the search, which the titles hold.
    response = search(client, q="parking fines")

    assert results_summary(response) == "No results for “parking fines”"
    assert suggestion(response) is None


def test_a_misspelling_the_stemmer_takes_for_another_word_is_corrected(client, make_article):
    make_article(title="Online business registration")
    make_article(title="Bus routes change")
    words_refreshed()

    # The stemmer takes "busness" for "bus", which a title holds; "business" is far nearer.
    assert suggestion(search(client, q="busness registration")) == "business registration"


@pytest.fixture
def passport_and_ferry_news(make_article):
    make_article(title="Passport office moves")
    make_article(title="Ferry timetable changes")
    words_refreshed()


def test_a_correction_that_finds_nothing_is_not_offered(client, passport_and_ferry_news):
    assert suggestion(search(client, q="pasport office")) == "passport office"
    # Each word is in a title, but no item holds both.
    assert suggestion(search(client, q="pasport ferry")) is None


def test_a_correction_keeps_the_rest_of_the_query(client, passport_and_ferry_news):
    response = search(client, q='"Pasport offce" -ferry')

    assert suggestion(response) == '"passport office" -ferry'
    assert find(response, ".search-suggestion a")["href"] == "?q=%22passport+office%22+-ferry"


def test_a_query_of_only_common_words_suggests_nothing(client, make_question):
    make_question(question="How do I renew my passport?")
    make_question(question="Where are theatre tickets sold?")  # "theatre" is near "the"
    words_refreshed()

    response = search(client, q="how the")

    assert results_summary(response) == "No results for “how the”"
    assert response.context["suggestion"] == ""
    assert not select(response, ".search-suggestion")
    assert "Very common words such as “the” and “how” are left out" in text(response)


def test_words_are_suggested_from_what_is_searched(client, make_article, make_question):
    make_article(title="Library hours")
    make_article(title="Tunnel closures", status=Article.Status.DRAFT)
    make_question(question="Where is the central library?")
    words_refreshed()

    assert suggestion(search(client, q="librry")) == "library"
    # The draft's words are not suggested: a search would not find it.
    assert suggestion(search(client, q="tunnell")) is None
    # A search of the FAQ alone suggests from questions only.
    make_question(question="Where are the swimming pools?")
    make_article(title="Skating rinks open")
    words_refreshed()
    assert suggestion(search(client, q="skatting", type="faq")) is None
    assert suggestion(search(client, q="swiming", type="faq")) == "swimming"


def test_words_are_read_afresh_by_the_refresh(client, make_article):
    make_article(title="Library hours")
    call_command("refresh_search_words", verbosity=0)
    article = make_article(title="Typhoon warning")

    assert suggestion(search(client, q="tyhpoon")) is None
    out = StringIO()
    call_command("refresh_search_words", stdout=out)
    assert suggestion(search(client, q="typhon")) == "typhoon"
    assert out.getvalue().strip() == "8 search word(s) in all languages."

    article.delete()
    words_refreshed()
    assert suggestion(search(client, q="typhooon")) is None


def test_a_refresh_writes_only_the_words_that_changed(make_article):
    english_words = SearchWord.objects.filter(language="en")
    make_article(title="Library hours")
    make_article(title="Library closed on Monday")
    words_refreshed()
    before = dict(english_words.values_list("word", "pk"))

    make_article(title="New library cards")
    words_refreshed()

    # Every word known before keeps its row; the new ones are added.
    after = dict(english_words.values_list("word", "pk"))
    assert after == {**before, "new": after["new"], "cards": after["cards"]}
    assert english_words.get(word="library").documents == 3
    # The rows of the words that did not change were not written, nor even locked.
    with connection.cursor() as cursor:
        cursor.execute("SELECT word FROM portal_searchword WHERE language = 'en' AND xmax <> 0")
        assert {word for (word,) in cursor.fetchall()} <= {"library"}


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
    problems = errors(response)
    assert [item for item in problems.summary if message in item]
    assert [item for item in problems.fields["q"] if message in item]


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


# In a test's transaction the time limit takes a savepoint: SAVEPOINT and RELEASE. In production
# it takes no query of its own (test_the_time_limit_adds_no_query_outside_a_transaction).
TIME_LIMIT_QUERIES = 2


def test_query_count_does_not_grow_with_results(
    client, make_article, make_question, django_assert_num_queries
):
    make_article(title="Ferry news")
    make_question(question="Ferry question")
    client.get("/")  # the site profile is kept in memory from then on
    search(client, q="FERRY")  # its queries are prepared from then on (portal.prepared)
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


@pytest.mark.django_db(transaction=True)
def test_the_time_limit_adds_no_query_outside_a_transaction(
    client, make_article, make_question, django_assert_num_queries
):
    make_article(title="Ferry news")
    make_question(question="Ferry question")
    client.get("/")  # the site profile is kept in memory from then on
    search(client, q="FERRY")  # its queries are prepared from then on (portal.prepared)

    # As in production: the hits, then one query for each kind's results; no BEGIN, no COMMIT.
    with django_assert_num_queries(3) as context:
        response = search(client, q="ferry")

    assert len(response.context["results"]) == 2
    assert all("set_config('statement_timeout'" in query["sql"] for query in context)
    # The settings ended with each query.
    assert setting("statement_timeout") == "0"
    assert setting("enable_seqscan") == "on"


@pytest.mark.django_db(transaction=True)
def test_a_search_outside_a_transaction_that_runs_too_long_is_stopped(
    client, search_entries_locked, monkeypatch
):
    monkeypatch.setattr(site_search, "SEARCH_TIME_LIMIT_MS", 200)

    response = client.get(reverse("search"), {"q": "ferry"})

    assert "This search took too long." in " ".join(errors(response).summary)
    assert setting("statement_timeout") == "0"


def setting(name):
    with connection.cursor() as cursor:
        cursor.execute(f"SHOW {name}")
        return cursor.fetchone()[0]


def test_query_count_without_results_includes_the_correction(
    client, make_article, django_assert_num_queries
):
    make_article(title="Passport office moves")
    words_refreshed()
    client.get("/")  # the site profile is kept in memory from then on
    search(client, q="Nothing")  # its queries are prepared from then on (portal.prepared)
    # The hits and the misspelt words' nearest known words...
    with django_assert_num_queries(2 + TIME_LIMIT_QUERIES):
        search(client, q="nothing")
    # ...and where there is a correction, its hits.
    with django_assert_num_queries(3 + TIME_LIMIT_QUERIES):
        search(client, q="pasport")


def explain(sql, params):
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN {sql}", params)
        return "\n".join(line for (line,) in cursor.fetchall())


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

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE faq_question")

    plan = explain(*faq.search.question_hits("typhoon", limit=10))

    assert "faq_question_search_idx" in plan


def test_a_long_list_of_results_is_cut_and_says_so(client, make_question, monkeypatch):
    monkeypatch.setattr(site_search, "MAX_RESULTS", 12)
    for _ in range(13):
        make_question(answer="<p>Bring your passport.</p>")

    response = search(client, q="passport")

    assert results_summary(response) == "More than 12 results for “passport” (page 1 of 2)"
    assert "put a phrase in quotes" in text_of(response, ".search-results")
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

    summary = results_summary(search(client, q="passport"))

    assert summary == "12 results for “passport” (page 1 of 2)"


def test_misspelt_words_are_looked_up_through_the_trigram_index():
    # A city's words: 5,000 of seven letters, each in the news and the FAQ, in both languages.
    letters = random.Random(2026)
    words = {"".join(letters.choices(string.ascii_lowercase, k=7)) for _ in range(5000)}
    SearchWord.objects.bulk_create(
        SearchWord(language=language, kind=kind, word=word, stem=word, documents=1)
        for word in words
        for language in ["en", "zh-hans"]
        for kind in ["news", "faq"]
    )
    misspelt = sorted(words)[1234][1:]
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE portal_searchword")
        cursor.execute("SET LOCAL enable_seqscan = off")  # as every search's queries run
        cursor.execute(
            f"EXPLAIN {CORRECTIONS_SQL}",
            {"words": [misspelt], "language": "en", "kinds": ["news", "faq"], "own_stem": 0.1},
        )
        plan = "\n".join(line for (line,) in cursor.fetchall())

    # The near words through the trigram index; no word read in turn to be compared.
    assert "Bitmap Index Scan on search_word_trgm_idx" in plan
    assert "Index Cond: (word % typed.word)" in plan
    assert "Seq Scan" not in plan


def test_a_search_that_runs_too_long_is_stopped_with_a_clear_message(
    client, search_entries_locked, monkeypatch, caplog
):
    with connection.cursor() as cursor:
        # Without a time limit of its own, a search fails here rather than wait for ever.
        cursor.execute("SET LOCAL lock_timeout = '5s'")
    monkeypatch.setattr(site_search, "SEARCH_TIME_LIMIT_MS", 200)

    response = client.get(reverse("search"), {"q": '"ferry timetable"'})

    assert response.status_code == 200
    assert "This search took too long." in " ".join(errors(response).summary)
    assert title(response).startswith("Error: Search")
    assert "A search was stopped" in caplog.text
    assert "ferry" not in caplog.text
    # The connection is usable again, without the time limit.
    assert setting("statement_timeout") == "0"


@pytest.fixture
def ferry_content(make_article, make_question):
    make_article(title="Ferry timetable changes", body="<p>The ferry runs later.</p>")
    make_question(question="Is the ferry free?", answer="<p>No, it costs 2 yuan.</p>")
    words_refreshed()  # a query may be corrected too


@database_examples
@given(query=search_queries, kind=st.sampled_from([None, "news", "faq", "weather"]))
def test_anything_typed_into_search_gets_results_or_a_clear_message(
    client, ferry_content, query, kind
):
    params = {"q": query} | ({"type": kind} if kind else {})

    response = search(client, **params)  # a server error would raise here

    assert response.status_code == 200
    assert h1(response) == "Search the portal"
    problems = errors(response)
    if problems:
        assert problems.summary, problems
        assert all(problems.summary), problems
    elif query.strip():
        assert results_summary(response)


@database_examples
@given(query=st.one_of(search_queries, text_without_nul).filter(lambda query: "\x00" not in query))
@example(query="-。 or --")  # operators around no word at all
def test_the_web_search_syntax_compiles_for_any_text(query):
    # PostgreSQL refuses NUL in any string; the search form turns it away first.
    for chinese in [False, True]:
        sql, params = tsquery_sql(query, chinese=chinese)
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"SELECT to_tsvector('english', 'ferry') @@ {sql}", params)


def test_the_form_keeps_the_search_and_the_choice(client):
    response = search(client, q="ferry timetable", type="faq")

    assert field_by_label(response, "Search for")["value"] == "ferry timetable"
    assert [choice["value"] for choice in select(response, "input[name=type][checked]")] == ["faq"]


def test_a_field_in_error_points_to_its_message(client):
    response = search(client, q="x" * (MAX_QUERY_LENGTH + 1), type="weather")

    problems = errors(response)
    assert problems.fields["q"] == ["Enter a shorter search: at most 200 characters."]
    assert problems.fields["type"]
    assert hint(response, "Search for") == "Enter a shorter search: at most 200 characters."
    assert field_by_label(response, "Search for")["aria-invalid"] == "true"
    choices = select(response, "input[name=type]")
    assert all(choice["aria-invalid"] == "true" for choice in choices)
    assert select(response, "fieldset[aria-describedby=id_type_error]")
