"""The email a citizen gets for each change of their case, queued in the outbox (portal.mail)
in the same transaction as the change."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from portal.models import SiteProfile

from .models import Application
from .statuses import ApplicationStatus, InquiryStatus

TEMPLATE = "applications/email/case_update"


def absolute_url(path, base_url=""):
    base = settings.PORTAL_BASE_URL or base_url.rstrip("/") or "http://127.0.0.1:8000"
    return base + path


def receipt_kind(case, change, citizen):
    """The kind of receipt the citizen gets: for their reply to "Action required" ("reply"),
    for their follow-up question to an answer ("follow_up"), or none ("")."""
    if change.changed_by_id != citizen.pk or not change.from_status:
        return ""
    if change.from_status == ApplicationStatus.ACTION_REQUIRED and isinstance(case, Application):
        return "reply"
    if change.from_status == InquiryStatus.ANSWERED and not isinstance(case, Application):
        return "follow_up"
    return ""


def case_update_email_send(*, case, change, files=(), base_url=""):
    citizen = case.applicant if isinstance(case, Application) else case.author
    # In the person's contact language, its links to the pages in that language.
    with translation.override(citizen.contact_language):
        case_update_email(case, change, citizen, files, base_url).send()


def case_update_email(case, change, citizen, files, base_url):
    is_application = isinstance(case, Application)  # otherwise an Inquiry
    by_citizen = change.changed_by_id == citizen.pk
    is_new = not change.from_status
    context = {
        "case": case,
        "is_application": is_application,
        "title": case.service.localised.name if is_application else case.subject,
        "is_new": is_new,
        "status_label": case.get_status_display(),
        "explanation": case.explanation,
        "due_at": case.decision_expected_by if is_application else None,
        "note_to_citizen": change.note_to_citizen,
        "note_label": _("Your note") if by_citizen else _("Note from the city"),
        # The city's files are not attached to the email: the case page has them.
        "files_label": (
            _("Files you sent")
            if by_citizen
            else _("Files from the city, to download from the case page")
        ),
        # The receipt of an inquiry repeats it: the citizen's own copy of what they asked.
        "question": case.message if is_new and not is_application else "",
        "answer": case.latest_answer if change.to_status == InquiryStatus.ANSWERED else "",
        "case_url": absolute_url(case.get_absolute_url(), base_url),
        # Without signing in, with the reference filled in: the person adds their address.
        "status_check_url": absolute_url(
            f"{reverse('public:status_check')}?{urlencode({'reference': case.reference})}",
            base_url,
        ),
        "receipt": receipt_kind(case, change, citizen),
        "file_names": [file.original_name for file in files],
    }
    message = citizen_email(TEMPLATE, citizen, context, base_url)
    message.case_reference = case.reference  # no secret in it: staff may read it
    return message


def citizen_email(template, citizen, context, base_url=""):
    """An email to a citizen from `template`'s _subject.txt, _message.txt and _message.html, in
    the active language, with what the email layout shows (the portal, the person's name)."""
    context = {
        "site_profile": SiteProfile.load().in_page_language(),
        "recipient_name": citizen.full_name,
        "portal_url": absolute_url(reverse("home"), base_url),
        **context,
    }
    subject = render_to_string(f"{template}_subject.txt", context)
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split()),
        body=render_to_string(f"{template}_message.txt", context),
        to=[citizen.email],
    )
    message.attach_alternative(render_to_string(f"{template}_message.html", context), "text/html")
    return message


DRAFT_REMINDER = "applications/email/draft_reminder"


def draft_reminder_email_send(draft):
    """Tell the owner of a draft that it will be deleted soon, in their contact language."""
    with translation.override(draft.applicant.contact_language):
        context = {
            "service_name": draft.service.localised.name,
            "expires_at": draft.expires_at,
            "continue_url": absolute_url(
                reverse("applications:application_create", args=[draft.service.slug])
            ),
            "applications_url": absolute_url(reverse("applications:application_list")),
        }
        citizen_email(DRAFT_REMINDER, draft.applicant, context).send()
