import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from faq import demo
from faq.models import Question, Topic


@pytest.mark.django_db
def test_demo_content_has_topics_questions_and_six_featured():
    demo.seed(stdout=None, style=None)

    assert Topic.objects.count() >= 4
    assert Question.objects.published().count() >= 20
    assert Question.objects.featured().count() == 6
    assert all(question.answer_text for question in Question.objects.all())


@pytest.mark.django_db
def test_seeding_twice_writes_nothing_the_second_time():
    call_command("seed_demo", verbosity=0)

    with CaptureQueriesContext(connection) as queries:
        demo.seed(stdout=None, style=None)

    writes = [q["sql"] for q in queries if q["sql"].startswith(("INSERT", "UPDATE", "DELETE"))]
    assert writes == []


def test_every_demo_topic_and_question_has_the_fields_the_seed_reads_and_no_others():
    for topic in demo.topics():
        assert topic.keys() == {"slug", "name", "questions"}
        for question in topic["questions"]:
            required = {"slug", "question", "answer"}
            assert required <= question.keys() <= required | {"featured"}, question["slug"]
