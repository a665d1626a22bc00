"""The email outbox: messages are written with the change they report and sent after commit.

A message that cannot be sent stays pending and is retried with a growing delay by
`python manage.py send_notifications`.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from portal.models import SiteProfile

from .models import Application, Notification
from .statuses import InquiryStatus

logger = logging.getLogger(__name__)

TEMPLATE = "applications/email/case_update"


def absolute_url(path, base_url=""):
    base = settings.PORTAL_BASE_URL or base_url.rstrip("/") or "http://127.0.0.1:8000"
    return base + path


def notification_enqueue(*, case, change, base_url=""):
    is_application = isinstance(case, Application)  # otherwise an Inquiry
    citizen = case.applicant if is_application else case.author
    context = {
        "site_name": SiteProfile.load().name,
        "case": case,
        "kind": "application" if is_application else "inquiry",
        "title": case.service.name if is_application else case.subject,
        "is_new": not change.from_status,
        "status_label": case.get_status_display(),
        "explanation": case.explanation,
        "note_to_citizen": change.note_to_citizen,
        "note_label": "Your note" if change.changed_by_id == citizen.pk else "Note from the city",
        "answer": case.answer if change.to_status == InquiryStatus.ANSWERED else "",
        "case_url": absolute_url(case.get_absolute_url(), base_url),
    }
    subject = render_to_string(f"{TEMPLATE}_subject.txt", context)
    return Notification.objects.create(
        recipient=citizen.email,
        reference=case.reference,
        subject=" ".join(subject.split())[:200],
        body_text=render_to_string(f"{TEMPLATE}_message.txt", context),
        body_html=render_to_string(f"{TEMPLATE}_message.html", context),
    )


def retry_delay(attempts):
    seconds = settings.APPLICATIONS_NOTIFICATION_RETRY_SECONDS * 2 ** (attempts - 1)
    return timedelta(seconds=min(seconds, settings.APPLICATIONS_NOTIFICATION_MAX_RETRY_SECONDS))


def notification_send(*, notification_id):
    """Send one pending message; return True when it went out. Safe to call from several workers."""
    with transaction.atomic():
        notification = (
            Notification.objects.select_for_update(skip_locked=True)
            .filter(pk=notification_id, status=Notification.Status.PENDING)
            .first()
        )
        if notification is None:
            return False
        message = EmailMultiAlternatives(
            subject=notification.subject,
            body=notification.body_text,
            to=[notification.recipient],
        )
        message.attach_alternative(notification.body_html, "text/html")
        notification.attempts += 1
        try:
            message.send()
        except Exception as error:  # noqa: BLE001 - any failure of the mail server means "later"
            logger.warning("Notification %s not sent: %s", notification.pk, error)
            notification.last_error = f"{type(error).__name__}: {error}"[:1000]
            if notification.attempts >= settings.APPLICATIONS_NOTIFICATION_MAX_ATTEMPTS:
                notification.status = Notification.Status.FAILED
                logger.error(
                    "Notification %s gave up after %s attempts; staff can send it again.",
                    notification.pk,
                    notification.attempts,
                )
            notification.next_attempt_at = timezone.now() + retry_delay(notification.attempts)
        else:
            notification.status = Notification.Status.SENT
            notification.sent_at = timezone.now()
            notification.last_error = ""
        notification.save()
        return notification.status == Notification.Status.SENT
