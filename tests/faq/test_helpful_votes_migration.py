"""The votes "Was this answer helpful?" gathered become answers to "Is this page useful?" about
each question's page, with their dates, and become votes again when the migration is undone."""

from datetime import timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("faq", "0006_question_published_draft_help"), ("portal", "0004_page_feedback")]
AFTER = [("faq", "0008_remove_helpful_votes")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def test_votes_become_page_feedback_and_come_back_when_undone():
    graph = MigrationExecutor(connection).loader.graph
    # Every app's latest: going back in portal also undoes what other apps built on it since.
    latest = graph.leaf_nodes()
    try:
        apps = migrate(BEFORE)
        topic = apps.get_model("faq", "Topic").objects.create(name="Ferries", slug="ferries")
        Question = apps.get_model("faq", "Question")
        ferry, metro = (
            Question.objects.create(topic=topic, question=f"{slug}?", slug=slug, answer="<p>A</p>")
            for slug in ["ferry", "metro"]
        )
        HelpfulVote = apps.get_model("faq", "HelpfulVote")
        last_week = timezone.now() - timedelta(days=7)
        for question, helpful in [(ferry, True), (ferry, False), (metro, True)]:
            vote = HelpfulVote.objects.create(question=question, helpful=helpful)
            HelpfulVote.objects.filter(pk=vote.pk).update(created_at=last_week)

        apps = migrate(AFTER)

        PageFeedback = apps.get_model("portal", "PageFeedback")
        assert sorted(PageFeedback.objects.values_list("path", "kind", "created_at")) == [
            ("/faq/ferry/", "not_useful", last_week),
            ("/faq/ferry/", "useful", last_week),
            ("/faq/metro/", "useful", last_week),
        ]
        PageFeedback.objects.create(path="/news/", kind="useful")

        apps = migrate(BEFORE)

        HelpfulVote = apps.get_model("faq", "HelpfulVote")
        assert sorted(HelpfulVote.objects.values_list("question__slug", "helpful")) == [
            ("ferry", False),
            ("ferry", True),
            ("metro", True),
        ]
        PageFeedback = apps.get_model("portal", "PageFeedback")
        assert list(PageFeedback.objects.values_list("path", flat=True)) == ["/news/"]
    finally:
        migrate(latest)
