from datetime import timedelta

import pytest
from django.db import connection
from django.urls import reverse

from portal import search as site_search
from portal.prepared import execute_prepared, numbered, sql_type
from tests.html import errors

pytestmark = pytest.mark.django_db


def test_placeholders_are_numbered_and_percent_signs_kept():
    assert numbered("SELECT %s, word %% %s, '100%%'") == "SELECT $1, word % $2, '100%'"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("ferry", "text"),
        (101, "bigint"),
        (2.5, "double precision"),
        (timedelta(days=30), "interval"),
        ([1, 2], "bigint[]"),
        ([], None),
        (None, None),
        (True, None),
    ],
)
def test_a_parameter_has_the_sql_type_of_its_value(value, expected):
    assert sql_type(value) == expected


def prepared_statements():
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        return [row[0] for row in cursor.fetchall()]


def run(sql, params):
    with connection.cursor() as cursor:
        execute_prepared(cursor, sql, params)
        return cursor.fetchall()


def test_a_query_is_prepared_once_and_run_with_other_parameters():
    sql = "SELECT %s::text || '%%', %s + 1, now() - %s > now() - interval '1 year'"

    assert run(sql, ["ferry", 1, timedelta(days=1)]) == [("ferry%", 2, True)]
    assert run(sql, ["metro", 41, timedelta(days=400)]) == [("metro%", 42, False)]

    assert len([statement for statement in prepared_statements() if "now() - $3" in statement]) == 1


@pytest.mark.django_db(transaction=True)
def test_a_new_connection_prepares_again():
    sql = "SELECT %s + 2"
    assert run(sql, [1]) == [(3,)]

    connection.close()

    assert run(sql, [1]) == [(3,)]


def test_named_parameters_and_empty_lists_are_sent_as_they_are():
    assert run("SELECT %(word)s", {"word": "ferry"}) == [("ferry",)]
    assert run("SELECT cardinality(%s::int[]) + %s", [[], 1]) == [(1,)]
    assert not [statement for statement in prepared_statements() if "cardinality" in statement]


def test_a_search_prepares_its_queries_once(client, make_article, django_assert_num_queries):
    make_article(title="Ferry timetable")
    make_article(title="Metro timetable")
    client.get("/")  # the site profile is kept in memory from then on
    client.get(reverse("search"), {"q": "ferry"})

    # The ranked hits and the news results, each a prepared statement run again (and, inside the
    # test's transaction, a savepoint and its release around them).
    with django_assert_num_queries(4) as context:
        response = client.get(reverse("search"), {"q": "metro"})

    assert [result.title for result in response.context["results"]] == ["Metro timetable"]
    searched = [
        query["sql"] for query in context.captured_queries if "SAVEPOINT" not in query["sql"]
    ]
    assert len(searched) == 2
    assert all("EXECUTE prepared_" in sql for sql in searched)


@pytest.mark.django_db(transaction=True)
def test_preparing_waits_for_a_locked_table_no_longer_than_the_search_may_run(
    client, search_entries_locked, monkeypatch
):
    monkeypatch.setattr(site_search, "SEARCH_TIME_LIMIT_MS", 200)
    connection.close()  # a new connection, which has prepared nothing yet

    response = client.get(reverse("search"), {"q": "ferry"})

    assert "This search took too long." in " ".join(errors(response).summary)
    assert not [statement for statement in prepared_statements() if "news_" in statement]
