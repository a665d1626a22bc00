from django.core import signing
from django.db import transaction
from django.utils.crypto import salted_hmac

from .languages import without_language
from .models import PageFeedback, PageFeedbackTally

# One answer to "Is this page useful?" per visitor and page a day: a repeat within the day is
# thanked for and not counted again.
VOTE_WINDOW_SECONDS = 24 * 60 * 60
# How long after "No" the visitor may still say what was missing.
MISSING_WITHIN_SECONDS = 24 * 60 * 60
MISSING_SALT = "portal.page_feedback.missing"


@transaction.atomic
def page_feedback_vote(*, path, useful, visitor):
    """Store one Yes or No about a page; None, and nothing stored, when this visitor already
    answered about the page within the window."""
    # A keyed hash, not the address: the tally keeps nothing about who answered either.
    fingerprint = salted_hmac(
        "portal.page_feedback", f"{visitor}|{without_language(path)}", algorithm="sha256"
    ).hexdigest()
    if PageFeedbackTally.objects.count_one(fingerprint, window_seconds=VOTE_WINDOW_SECONDS) > 1:
        return None
    kind = PageFeedback.Kind.USEFUL if useful else PageFeedback.Kind.NOT_USEFUL
    return PageFeedback.objects.create(path=without_language(path), kind=kind)


def missing_token(feedback):
    """What lets the visitor who said "No" add what was missing to that answer, and no other."""
    return signing.dumps(feedback.pk, salt=MISSING_SALT)


def not_useful_feedback(token):
    """The "No" answer a token from `missing_token` names, while it may still be added to; None
    for a token that is forged or too old."""
    try:
        pk = signing.loads(token, salt=MISSING_SALT, max_age=MISSING_WITHIN_SECONDS)
    except signing.BadSignature:
        return None
    return PageFeedback.objects.filter(pk=pk, kind=PageFeedback.Kind.NOT_USEFUL).first()


def page_feedback_add_missing(*, feedback, what_missing):
    """Add what was missing to a "No" answer; False when the visitor already said."""
    return bool(
        PageFeedback.objects.filter(pk=feedback.pk, what_missing="").update(
            what_missing=what_missing
        )
    )


def page_feedback_report_problem(*, path, what_doing, what_wrong):
    return PageFeedback.objects.create(
        path=without_language(path),
        kind=PageFeedback.Kind.PROBLEM,
        what_doing=what_doing,
        what_wrong=what_wrong,
    )


def page_feedback_move(*, old_path, new_path):
    """A page moved to a new address (an FAQ answer's slug changed): its feedback goes with it."""
    PageFeedback.objects.about(old_path).update(path=new_path)
