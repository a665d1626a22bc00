from django.core.cache import cache
from django.utils.crypto import salted_hmac

from .models import HelpfulVote

VOTES_PER_QUESTION = 5
VOTE_WINDOW_SECONDS = 60 * 60


def helpful_vote_record(*, question, helpful, client_ip):
    """Store one anonymous vote; False (and nothing stored) when this address voted too often."""
    # The cache key holds a keyed hash, not the address: votes stay anonymous in the cache too.
    fingerprint = salted_hmac(
        "faq.helpful_vote", f"{client_ip}|{question.pk}", algorithm="sha256"
    ).hexdigest()
    key = f"faq:helpful-vote:{fingerprint}"
    cache.add(key, 0, timeout=VOTE_WINDOW_SECONDS)
    try:
        count = cache.incr(key)
    except ValueError:  # the entry expired between add() and incr()
        cache.set(key, 1, timeout=VOTE_WINDOW_SECONDS)
        count = 1
    if count > VOTES_PER_QUESTION:
        return False
    HelpfulVote.objects.create(question=question, helpful=helpful)
    return True
