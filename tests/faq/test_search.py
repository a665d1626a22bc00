"""What site search finds in the FAQ (faq.search)."""

import pytest
from django.db import connection

from faq.search import question_hits

pytestmark = pytest.mark.django_db


def search(query):
    """The ids of the published questions that match, best first."""
    sql, params = question_hits(query, limit=10)
    with connection.cursor() as cursor:
        cursor.execute(f"{sql} ORDER BY rank DESC, item_id", params)
        return [item_id for item_id, *_ in cursor.fetchall()]


def test_search_ranks_a_match_in_the_question_above_a_match_in_the_answer(make_question):
    in_answer = make_question(question="Opening hours", answer="<p>Ask about the ferry.</p>")
    in_question = make_question(question="Does the ferry run at night?")

    assert search("ferry") == [in_question.pk, in_answer.pk]


def test_search_never_finds_unpublished_questions(make_question):
    make_question(question="Ferry timetable", published=False)

    assert search("ferry") == []
