"""What the editors' lists in the admin read: each row's channel or topic in the same query."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import make_article, make_question
from tests.staff import sign_in_with_two_factors

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("changelist", "make_row"),
    [
        ("admin:news_article_changelist", make_article),
        ("admin:faq_question_changelist", make_question),
    ],
    ids=["articles", "questions"],
)
def test_twenty_more_rows_add_no_query(
    client, editor, django_assert_num_queries, changelist, make_row
):
    make_row()  # each row in a channel or topic of its own
    sign_in_with_two_factors(client, editor)
    url = reverse(changelist)
    client.get(url)  # what the admin keeps in memory from then on
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _ in range(20):
        make_row()

    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert len(response.context["cl"].result_list) == 21
