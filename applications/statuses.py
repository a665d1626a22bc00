"""Statuses of applications and inquiries, what each means to citizens, and who may move a case.

The transition maps are the one place that says which status changes are allowed and by whom;
services.py enforces them for staff and citizens alike.
"""

from dataclasses import dataclass

from django.db import models


class Actor(models.TextChoices):
    CITIZEN = "citizen", "the citizen"
    STAFF = "staff", "a caseworker"


@dataclass(frozen=True)
class Explanation:
    meaning: str
    next_step: str


class ApplicationStatus(models.TextChoices):
    SUBMITTED = "submitted", "Submitted"
    RECEIVED = "received", "Received"
    PROCESSING = "processing", "Processing"
    ACTION_REQUIRED = "action_required", "Action required"
    APPROVED = "approved", "Approved"
    REJECTED = "rejected", "Rejected"
    WITHDRAWN = "withdrawn", "Withdrawn"


class InquiryStatus(models.TextChoices):
    RECEIVED = "received", "Received"
    PROCESSING = "processing", "Processing"
    ANSWERED = "answered", "Answered"
    CLOSED = "closed", "Closed"


APPLICATION_TRANSITIONS = {
    ApplicationStatus.SUBMITTED: {
        ApplicationStatus.RECEIVED: Actor.STAFF,
        ApplicationStatus.WITHDRAWN: Actor.CITIZEN,
    },
    ApplicationStatus.RECEIVED: {
        ApplicationStatus.PROCESSING: Actor.STAFF,
        ApplicationStatus.ACTION_REQUIRED: Actor.STAFF,
        ApplicationStatus.WITHDRAWN: Actor.CITIZEN,
    },
    ApplicationStatus.PROCESSING: {
        ApplicationStatus.ACTION_REQUIRED: Actor.STAFF,
        ApplicationStatus.APPROVED: Actor.STAFF,
        ApplicationStatus.REJECTED: Actor.STAFF,
        ApplicationStatus.WITHDRAWN: Actor.CITIZEN,
    },
    ApplicationStatus.ACTION_REQUIRED: {
        # The citizen sends what was asked for: the case goes back to the caseworkers.
        ApplicationStatus.RECEIVED: Actor.CITIZEN,
        ApplicationStatus.PROCESSING: Actor.STAFF,
        ApplicationStatus.REJECTED: Actor.STAFF,
        ApplicationStatus.WITHDRAWN: Actor.CITIZEN,
    },
    ApplicationStatus.APPROVED: {},
    ApplicationStatus.REJECTED: {},
    ApplicationStatus.WITHDRAWN: {},
}

INQUIRY_TRANSITIONS = {
    InquiryStatus.RECEIVED: {
        InquiryStatus.PROCESSING: Actor.STAFF,
        InquiryStatus.ANSWERED: Actor.STAFF,
        InquiryStatus.CLOSED: Actor.STAFF,
    },
    InquiryStatus.PROCESSING: {
        InquiryStatus.ANSWERED: Actor.STAFF,
        InquiryStatus.CLOSED: Actor.STAFF,
    },
    InquiryStatus.ANSWERED: {
        # The author's one follow-up question reopens it (services.inquiry_follow_up).
        InquiryStatus.RECEIVED: Actor.CITIZEN,
        InquiryStatus.CLOSED: Actor.STAFF,
    },
    InquiryStatus.CLOSED: {},
}

APPLICATION_EXPLANATIONS = {
    ApplicationStatus.SUBMITTED: Explanation(
        "Your application has reached us and is waiting to be checked.",
        "A caseworker will check that it is complete, usually within two working days.",
    ),
    ApplicationStatus.RECEIVED: Explanation(
        "Your application is with our caseworkers: it has what they need to start.",
        "It will be assigned to a caseworker for assessment. You do not need to do anything.",
    ),
    ApplicationStatus.PROCESSING: Explanation(
        "A caseworker is assessing your application.",
        "We will email you when a decision is made or if we need anything from you.",
    ),
    ApplicationStatus.ACTION_REQUIRED: Explanation(
        "We need something more from you before we can continue.",
        "Read the note from your caseworker below and send what it asks for on this page. "
        "Your application is paused until then.",
    ),
    ApplicationStatus.APPROVED: Explanation(
        "Your application has been approved.",
        "Follow the instructions in the note below. Nothing else is needed from you.",
    ),
    ApplicationStatus.REJECTED: Explanation(
        "Your application has not been approved.",
        "The note below explains why. You can apply again or send us an inquiry "
        "if you have questions about the decision.",
    ),
    ApplicationStatus.WITHDRAWN: Explanation(
        "The application was withdrawn before a decision was made.",
        "Nothing more will happen with it. You can apply again at any time.",
    ),
}

INQUIRY_EXPLANATIONS = {
    InquiryStatus.RECEIVED: Explanation(
        "Your inquiry has reached us.",
        "It will be passed to the team that can answer it, usually within two working days.",
    ),
    InquiryStatus.PROCESSING: Explanation(
        "The right team is preparing an answer.",
        "We will email you when the answer is ready.",
    ),
    InquiryStatus.ANSWERED: Explanation(
        "We have answered your inquiry.",
        "Read the answer below. If something in it is unclear, you can ask one follow-up "
        "question within 30 days; for anything else, send a new inquiry.",
    ),
    InquiryStatus.CLOSED: Explanation(
        "This inquiry is closed.",
        "Nothing more will happen with it. Send a new inquiry if you need more help.",
    ),
}

APPLICATION_DECIDED = {
    ApplicationStatus.APPROVED,
    ApplicationStatus.REJECTED,
    ApplicationStatus.WITHDRAWN,
}
