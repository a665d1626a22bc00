"""The applications app's admin, one module a topic; importing this registers every class."""

from .applications import ApplicationAdmin
from .cases import CaseAdmin
from .inquiries import InquiryAdmin
from .published import PublishedAnswerAdmin
from .services import ServiceAdmin

__all__ = ["ApplicationAdmin", "CaseAdmin", "InquiryAdmin", "PublishedAnswerAdmin", "ServiceAdmin"]
