"""One way out for every email: the outbox.

MAILERS["default"] is OutboxBackend, so every email the portal sends (case updates, and
allauth's sign-up, reset and security emails) is written to the outbox table in the same
transaction as the change it reports, and a request never waits on the mail server. The mail
worker (`manage.py send_queued_mail --loop`) sends each through MAILERS["delivery"] and retries
a failure after 1, 2, 4 ... minutes, at most MAIL_MAX_RETRY_SECONDS apart, MAIL_MAX_ATTEMPTS
times. A PostgreSQL NOTIFY, delivered when the transaction commits, wakes the worker at once.

The outbox is also the one place that puts the portal's name on every email, as its sender and
at the end of its subject, in the language the email is written in.

An email is locked while it is being sent: a worker killed mid-send loses nothing (another one
sends it), and several workers never send one email twice.
"""

import logging
import select
from datetime import timedelta
from email.headerregistry import Address
from email.utils import parseaddr

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, mailers
from django.core.mail.backends.base import BaseEmailBackend
from django.db import connection, transaction
from django.utils import timezone

from .models import OutgoingEmail, SiteProfile

logger = logging.getLogger(__name__)

CHANNEL = "portal_outgoing_email"


class OutboxBackend(BaseEmailBackend):
    """Writes each message to the outbox. Set `message.case_reference` on a message that holds
    no secret link, so that staff may read it in the administration."""

    def send_messages(self, email_messages):
        emails = [outgoing_email(message) for message in email_messages]
        OutgoingEmail.objects.bulk_create(emails)
        with connection.cursor() as cursor:
            cursor.execute(f"NOTIFY {CHANNEL}")
        return len(emails)


def outgoing_email(message):
    if message.attachments:
        raise ValueError("The outbox does not take attachments.")
    html = next(
        (content for content, mimetype in message.alternatives if mimetype == "text/html"), ""
    )
    reference = getattr(message, "case_reference", "")
    # In the language the email is written in (the active one).
    portal_name = SiteProfile.load().localised.name
    return OutgoingEmail(
        from_email=with_portal_name(message.from_email, portal_name),
        to=list(message.to),
        subject=f"{message.subject} | {portal_name}",
        body_text=message.body,
        body_html=html,
        envelope={
            "cc": list(message.cc),
            "bcc": list(message.bcc),
            "reply_to": list(message.reply_to),
            "headers": dict(message.extra_headers),
        },
        reference=reference,
        is_private=not reference,
    )


def with_portal_name(address, portal_name):
    """The sender as people see it: an address without a name is sent in the portal's name."""
    name, email_address = parseaddr(address)
    if name:
        return address
    return str(Address(display_name=portal_name, addr_spec=email_address))


def message_of(email):
    message = EmailMultiAlternatives(
        subject=email.subject,
        body=email.body_text,
        from_email=email.from_email,
        to=email.to,
        cc=email.envelope.get("cc"),
        bcc=email.envelope.get("bcc"),
        reply_to=email.envelope.get("reply_to"),
        headers=email.envelope.get("headers"),
    )
    if email.body_html:
        message.attach_alternative(email.body_html, "text/html")
    return message


def retry_delay(attempts):
    seconds = settings.MAIL_RETRY_SECONDS * 2 ** (attempts - 1)
    return timedelta(seconds=min(seconds, settings.MAIL_MAX_RETRY_SECONDS))


def deliver(email_id):
    """Send one pending email; True when it went out. Safe to call from several workers."""
    with transaction.atomic():
        email = (
            OutgoingEmail.objects.select_for_update(skip_locked=True)
            .filter(pk=email_id, status=OutgoingEmail.Status.PENDING)
            .first()
        )
        if email is None:
            return False
        email.attempts += 1
        try:
            mailers[settings.MAIL_DELIVERY_MAILER].send_messages([message_of(email)])
        except Exception as error:  # noqa: BLE001 - any failure of the mail server means "later"
            record_failure(email, error)
        else:
            record_success(email)
        email.save()
        return email.status == OutgoingEmail.Status.SENT


def record_failure(email, error):
    logger.warning("Email %s not sent: %s", email.pk, error)
    email.last_error = f"{type(error).__name__}: {error}"[:1000]
    email.next_attempt_at = timezone.now() + retry_delay(email.attempts)
    if email.attempts >= settings.MAIL_MAX_ATTEMPTS:
        email.status = OutgoingEmail.Status.FAILED
        logger.error(
            "Email %s gave up after %s attempts; staff can send it again.",
            email.pk,
            email.attempts,
        )


def record_success(email):
    email.status = OutgoingEmail.Status.SENT
    email.sent_at = timezone.now()
    email.last_error = ""
    if email.is_private:
        # The link or code in it is the recipient's alone; the record keeps who and when.
        email.body_text = email.body_html = ""


def deliver_due(limit=500):
    """Send what is due; (sent, not sent) counts."""
    due = list(OutgoingEmail.objects.due().values_list("pk", flat=True)[:limit])
    sent = sum(deliver(email_id) for email_id in due)
    return sent, len(due) - sent


def wait_for_email(timeout):
    """Block until an email is queued (the NOTIFY of its commit) or timeout seconds pass."""
    with connection.cursor() as cursor:
        cursor.execute(f"LISTEN {CHANNEL}")
    raw = connection.connection
    if select.select([raw], [], [], timeout)[0]:
        raw.poll()
        raw.notifies.clear()
