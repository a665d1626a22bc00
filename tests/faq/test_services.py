"""The "was this helpful" vote limit holds when the votes of one address arrive at once."""

import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from faq.models import HelpfulVote, HelpfulVoteTally
from faq.services import VOTE_WINDOW_SECONDS, VOTES_PER_QUESTION, helpful_vote_record


def vote_together(question, voters):
    barrier = threading.Barrier(voters)
    accepted = []

    def vote():
        try:
            barrier.wait()
            accepted.append(
                helpful_vote_record(question=question, helpful=True, client_ip="203.0.113.9")
            )
        finally:
            connection.close()

    threads = [threading.Thread(target=vote) for _ in range(voters)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return accepted


@pytest.mark.django_db(transaction=True)
def test_votes_sent_at_once_from_one_address_never_pass_the_limit(make_question):
    question = make_question()

    accepted = vote_together(question, voters=12)

    assert len(accepted) == 12
    assert accepted.count(True) == VOTES_PER_QUESTION
    assert HelpfulVote.objects.filter(question=question).count() == VOTES_PER_QUESTION


@pytest.mark.django_db
def test_an_address_may_vote_again_once_its_hour_has_passed(make_question):
    question = make_question()
    for _ in range(VOTES_PER_QUESTION):
        assert helpful_vote_record(question=question, helpful=True, client_ip="203.0.113.9")
    assert not helpful_vote_record(question=question, helpful=True, client_ip="203.0.113.9")

    HelpfulVoteTally.objects.update(
        window_started_at=timezone.now() - timedelta(seconds=VOTE_WINDOW_SECONDS + 1)
    )

    assert helpful_vote_record(question=question, helpful=True, client_ip="203.0.113.9")


@pytest.mark.django_db
def test_the_tally_keeps_no_address_and_forgets_old_windows(make_question):
    question = make_question()
    helpful_vote_record(question=question, helpful=True, client_ip="203.0.113.9")
    HelpfulVoteTally.objects.update(
        window_started_at=timezone.now() - timedelta(seconds=VOTE_WINDOW_SECONDS + 1)
    )

    helpful_vote_record(question=question, helpful=False, client_ip="198.51.100.7")

    [tally] = HelpfulVoteTally.objects.all()
    assert "198.51.100.7" not in tally.fingerprint
    assert tally.votes == 1
