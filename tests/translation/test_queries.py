"""Chinese pages run as many queries as their English twins, with or without Chinese versions."""

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

pytestmark = pytest.mark.django_db


@pytest.fixture
def content(make_article, channel, other_channel, make_question, service):
    channel.name_zh_hans = "政务要闻"
    channel.save()
    articles = [
        make_article(
            days_ago=number + 1,
            photo=number < 2,
            featured=number == 0,
            channel=other_channel if number % 3 == 2 else channel,
            title_zh_hans=f"新闻{number}" if number % 2 else "",
        )
        for number in range(12)
    ]
    questions = [
        make_question(featured=True, question_zh_hans="问题？" if number % 2 else "")
        for number in range(4)
    ]
    return {"article": articles[3], "question": questions[1]}


def queries_for(client, url):
    caches["pages"].clear()
    with translation.override("en"), CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "page",
    [
        lambda content: "/",
        lambda content: "/news/",
        lambda content: "/news/government-news/",
        lambda content: content["article"].get_absolute_url(),
        lambda content: "/news/feed/",
        lambda content: "/faq/",
        lambda content: content["question"].get_absolute_url(),
        lambda content: "/services/",
    ],
)
def test_a_chinese_page_runs_the_queries_of_its_english_twin(client, content, page):
    with translation.override("en"):
        url = page(content)

    assert queries_for(client, f"/zh-hans{url}") == queries_for(client, url)
