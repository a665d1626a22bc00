"""The applications app's models, one module a topic; every name is importable from here."""

from .attachments import (
    Attachment,
    FileKind,
    attachment_path,
    attachment_storage,
)
from .cases import (
    LISTED_FIELDS,
    REFERENCE_FORMAT,
    Answer,
    Application,
    ApplicationQuerySet,
    Inquiry,
    InquiryQuerySet,
    display_answer,
    next_value,
)
from .drafts import Draft, DraftQuerySet
from .history import ApplicationStatusChange, InquiryStatusChange, StatusChange
from .published import PublishedAnswer, PublishedAnswerQuerySet
from .services import Question, Service, ServiceQuerySet

__all__ = [
    "LISTED_FIELDS",
    "REFERENCE_FORMAT",
    "Answer",
    "Application",
    "ApplicationQuerySet",
    "ApplicationStatusChange",
    "Attachment",
    "Draft",
    "DraftQuerySet",
    "FileKind",
    "Inquiry",
    "InquiryQuerySet",
    "InquiryStatusChange",
    "PublishedAnswer",
    "PublishedAnswerQuerySet",
    "Question",
    "Service",
    "ServiceQuerySet",
    "StatusChange",
    "attachment_path",
    "attachment_storage",
    "display_answer",
    "next_value",
]
