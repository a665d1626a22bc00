"""One answer per visitor and page holds when the same visitor's answers arrive at once."""

import threading

import pytest
from django.db import connection

from portal.models import PageFeedback
from portal.services import page_feedback_vote

VISITOR = "203.0.113.9|Mozilla/5.0"


def vote_together(voters):
    barrier = threading.Barrier(voters)
    stored = []

    def vote():
        try:
            barrier.wait()
            stored.append(page_feedback_vote(path="/faq/", useful=True, visitor=VISITOR))
        finally:
            connection.close()

    threads = [threading.Thread(target=vote) for _ in range(voters)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return stored


@pytest.mark.django_db(transaction=True)
def test_answers_sent_at_once_by_one_visitor_count_once():
    stored = vote_together(voters=8)

    assert len(stored) == 8
    assert len([feedback for feedback in stored if feedback is not None]) == 1
    assert PageFeedback.objects.count() == 1
