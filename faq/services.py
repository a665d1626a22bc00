from django.utils.crypto import salted_hmac

from .models import HelpfulVote, HelpfulVoteTally

VOTES_PER_QUESTION = 5
VOTE_WINDOW_SECONDS = 60 * 60


def helpful_vote_record(*, question, helpful, client_ip):
    """Store one anonymous vote; False (and nothing stored) when this address voted too often."""
    # A keyed hash, not the address: votes stay anonymous in the tally too.
    fingerprint = salted_hmac(
        "faq.helpful_vote", f"{client_ip}|{question.pk}", algorithm="sha256"
    ).hexdigest()
    count = HelpfulVoteTally.objects.count_one(fingerprint, window_seconds=VOTE_WINDOW_SECONDS)
    if count > VOTES_PER_QUESTION:
        return False
    HelpfulVote.objects.create(question=question, helpful=helpful)
    return True
