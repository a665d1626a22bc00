"""Statuses of applications and inquiries, what each means to citizens, and who may move a case.

The transition maps are the one place that says which status changes are allowed and by whom;
services.py enforces them for staff and citizens alike.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class Actor(models.TextChoices):
    CITIZEN = "citizen", _("the citizen")
    STAFF = "staff", _("a caseworker")


@dataclass(frozen=True)
class Explanation:
    meaning: str
    next_step: str


class ApplicationStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    RECEIVED = "received", _("Received")
    PROCESSING = "processing", _("Processing")
    ACTION_REQUIRED = "action_required", _("Action required")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class InquiryStatus(models.TextChoices):
    RECEIVED = "received", _("Received")
    PROCESSING = "processing", _("Processing")
    ANSWERED = "answered", _("Answered")
    CLOSED = "closed", _("Closed")


# Who may make each move: one actor, or either.
BY_STAFF = (Actor.STAFF,)
BY_CITIZEN = (Actor.CITIZEN,)
BY_EITHER = (Actor.STAFF, Actor.CITIZEN)

APPLICATION_TRANSITIONS = {
    ApplicationStatus.SUBMITTED: {
        ApplicationStatus.RECEIVED: BY_STAFF,
        ApplicationStatus.WITHDRAWN: BY_CITIZEN,
    },
    ApplicationStatus.RECEIVED: {
        ApplicationStatus.PROCESSING: BY_STAFF,
        ApplicationStatus.ACTION_REQUIRED: BY_STAFF,
        # A case plain enough to decide at once, without a "Processing" email a moment before.
        ApplicationStatus.APPROVED: BY_STAFF,
        ApplicationStatus.REJECTED: BY_STAFF,
        ApplicationStatus.WITHDRAWN: BY_CITIZEN,
    },
    ApplicationStatus.PROCESSING: {
        ApplicationStatus.ACTION_REQUIRED: BY_STAFF,
        ApplicationStatus.APPROVED: BY_STAFF,
        ApplicationStatus.REJECTED: BY_STAFF,
        ApplicationStatus.WITHDRAWN: BY_CITIZEN,
    },
    ApplicationStatus.ACTION_REQUIRED: {
        # The citizen sends what was asked for: the case goes back to the caseworkers.
        ApplicationStatus.RECEIVED: BY_CITIZEN,
        ApplicationStatus.PROCESSING: BY_STAFF,
        ApplicationStatus.REJECTED: BY_STAFF,
        ApplicationStatus.WITHDRAWN: BY_CITIZEN,
    },
    ApplicationStatus.APPROVED: {},
    ApplicationStatus.REJECTED: {},
    ApplicationStatus.WITHDRAWN: {},
}

INQUIRY_TRANSITIONS = {
    InquiryStatus.RECEIVED: {
        InquiryStatus.PROCESSING: BY_STAFF,
        InquiryStatus.ANSWERED: BY_STAFF,
        # A caseworker closes one that needs no answer; its author withdraws one they no
        # longer need answered.
        InquiryStatus.CLOSED: BY_EITHER,
    },
    InquiryStatus.PROCESSING: {
        InquiryStatus.ANSWERED: BY_STAFF,
        InquiryStatus.CLOSED: BY_EITHER,
    },
    InquiryStatus.ANSWERED: {
        # The author's one follow-up question reopens it (services.inquiry_follow_up).
        InquiryStatus.RECEIVED: BY_CITIZEN,
        InquiryStatus.CLOSED: BY_STAFF,
    },
    InquiryStatus.CLOSED: {},
}

APPLICATION_EXPLANATIONS = {
    ApplicationStatus.SUBMITTED: Explanation(
        _("Your application has reached us and is waiting to be checked."),
        _("A caseworker will check that it is complete, usually within two working days."),
    ),
    ApplicationStatus.RECEIVED: Explanation(
        _("Your application is with our caseworkers: it has what they need to start."),
        _("It will be assigned to a caseworker for assessment. You do not need to do anything."),
    ),
    ApplicationStatus.PROCESSING: Explanation(
        _("A caseworker is assessing your application."),
        _("We will email you when a decision is made or if we need anything from you."),
    ),
    ApplicationStatus.ACTION_REQUIRED: Explanation(
        _("We need something more from you before we can continue."),
        _(
            "Read the note from your caseworker below and send what it asks for from your "
            "application's page. Your application is paused until then."
        ),
    ),
    ApplicationStatus.APPROVED: Explanation(
        _("Your application has been approved."),
        _("Follow the instructions in the note below. Nothing else is needed from you."),
    ),
    ApplicationStatus.REJECTED: Explanation(
        _("Your application has not been approved."),
        _(
            "The note below explains why. You can apply again or send us an inquiry "
            "if you have questions about the decision."
        ),
    ),
    ApplicationStatus.WITHDRAWN: Explanation(
        _("The application was withdrawn before a decision was made."),
        _("Nothing more will happen with it. You can apply again at any time."),
    ),
}

INQUIRY_EXPLANATIONS = {
    InquiryStatus.RECEIVED: Explanation(
        _("Your inquiry has reached us."),
        _("It will be passed to the team that can answer it, usually within two working days."),
    ),
    InquiryStatus.PROCESSING: Explanation(
        _("The right team is preparing an answer."),
        _("We will email you when the answer is ready."),
    ),
    InquiryStatus.ANSWERED: Explanation(
        _("We have answered your inquiry."),
        _(
            "Read the answer below. If something in it is unclear, you can ask one follow-up "
            "question within 30 days; for anything else, send a new inquiry."
        ),
    ),
    InquiryStatus.CLOSED: Explanation(
        _("This inquiry is closed."),
        _("Nothing more will happen with it. Send a new inquiry if you need more help."),
    ),
}

# An answered inquiry whose one follow-up question is answered too takes no other.
FOLLOW_UP_ANSWERED = Explanation(
    _("We have answered your follow-up question."),
    _("Read the answer below. If you have another question, send a new inquiry."),
)

# Tuples, not sets: in one order, a query on them is always written the same way (and the
# conditions of the indexes for cases still open are matched by the queries' own).
APPLICATION_DECIDED = (
    ApplicationStatus.APPROVED,
    ApplicationStatus.REJECTED,
    ApplicationStatus.WITHDRAWN,
)

# An inquiry in these is off the caseworkers' hands (a follow-up question reopens an answered one).
INQUIRY_DONE = (InquiryStatus.ANSWERED, InquiryStatus.CLOSED)
