"""Every write that changes a case: submitting, status changes, answers and their notifications."""

from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from .models import (
    Application,
    ApplicationStatusChange,
    Attachment,
    Inquiry,
    InquiryStatusChange,
    Service,
    attachment_storage,
)
from .notifications import case_update_email_send
from .statuses import (
    APPLICATION_TRANSITIONS,
    INQUIRY_TRANSITIONS,
    Actor,
    ApplicationStatus,
    InquiryStatus,
)
from .uploads import attachment_store


class CaseKind(NamedTuple):
    transitions: dict
    history_model: type


CASE_KINDS = {
    Application: CaseKind(APPLICATION_TRANSITIONS, ApplicationStatusChange),
    Inquiry: CaseKind(INQUIRY_TRANSITIONS, InquiryStatusChange),
}


class TransitionRefused(ValidationError):
    pass


def allowed_targets(case, *, actor):
    transitions = CASE_KINDS[type(case)].transitions
    return [status for status, who in transitions[case.status].items() if who == actor]


def _record_change(case, *, from_status, by, note_to_citizen, internal_note, base_url):
    kind = CASE_KINDS[type(case)]
    change = kind.history_model.objects.create(
        **{kind.history_model.case_field: case},
        from_status=from_status,
        to_status=case.status,
        note_to_citizen=note_to_citizen,
        internal_note=internal_note,
        changed_by=by,
        changed_at=case.status_changed_at,
    )
    case_update_email_send(case=case, change=change, base_url=base_url)
    return change


@transaction.atomic
def case_change_status(
    case, *, to_status, by, actor, note_to_citizen="", internal_note="", base_url="", **fields
):
    """The one way a case changes status: lock, check the map, write history, save, notify."""
    locked = type(case).objects.select_for_update().get(pk=case.pk)
    allowed = CASE_KINDS[type(case)].transitions[locked.status]
    if allowed.get(to_status) != actor:
        labels = dict(type(case)._meta.get_field("status").choices)
        raise TransitionRefused(
            f"{type(case)._meta.verbose_name.capitalize()} {locked.reference} cannot move from "
            f"“{locked.get_status_display()}” to “{labels.get(to_status, to_status)}” "
            f"by {actor.label}.",
            code="transition_refused",
        )
    from_status = locked.status
    locked.status = to_status
    locked.status_changed_at = timezone.now()
    for name, value in fields.items():
        setattr(locked, name, value)
    locked.save(update_fields=["status", "status_changed_at", *fields])
    _record_change(
        locked,
        from_status=from_status,
        by=by,
        note_to_citizen=note_to_citizen.strip(),
        internal_note=internal_note.strip(),
        base_url=base_url,
    )
    # The caller's object follows, so that it shows what was saved.
    case.status = locked.status
    case.status_changed_at = locked.status_changed_at
    for name, value in fields.items():
        setattr(case, name, value)
    return locked


def application_submit(*, applicant, service, details, attachments=(), base_url=""):
    """Save an application with its checked attachments (applications.uploads.CheckedUpload)."""
    incoming = []
    try:
        with transaction.atomic():
            service = Service.objects.get(pk=service.pk)
            if not service.is_open:
                raise ValidationError("This service is not taking applications at the moment.")
            now = timezone.now()
            application = Application.objects.create(
                applicant=applicant,
                service=service,
                details=details.strip(),
                submitted_at=now,
                status_changed_at=now,
                due_at=Application.due_date_for(service, now),
                listed_publicly=service.lists_applications_publicly,
            )
            for upload in attachments:
                attachment = Attachment(
                    application=application,
                    original_name=upload.original_name,
                    content_type=upload.content_type,
                    size=len(upload.content),
                )
                incoming.append(attachment_store(upload, attachment=attachment))
                attachment.save()
            _record_change(
                application,
                from_status="",
                by=applicant,
                note_to_citizen="",
                internal_note="",
                base_url=base_url,
            )
    except BaseException:
        # Files are written outside the transaction: remove them when it rolls back.
        for name in incoming:
            attachment_storage().delete(name)
        raise
    return application


def application_change_status(
    *, application, to_status, by, note_to_citizen="", internal_note="", base_url=""
):
    return case_change_status(
        application,
        to_status=to_status,
        by=by,
        actor=Actor.STAFF,
        note_to_citizen=note_to_citizen,
        internal_note=internal_note,
        base_url=base_url,
    )


def application_withdraw(*, application, by, reason="", base_url=""):
    if application.applicant_id != by.pk:
        raise TransitionRefused("Only the applicant can withdraw an application.")
    return case_change_status(
        application,
        to_status=ApplicationStatus.WITHDRAWN,
        by=by,
        actor=Actor.CITIZEN,
        note_to_citizen=reason,
        base_url=base_url,
    )


@transaction.atomic
def inquiry_submit(
    *, author, subject, message, listed_publicly=False, publication_agreed=False, base_url=""
):
    if publication_agreed and not listed_publicly:
        raise ValidationError("A published question is listed too: both need the author's yes.")
    now = timezone.now()
    inquiry = Inquiry.objects.create(
        author=author,
        subject=subject.strip(),
        message=message.strip(),
        submitted_at=now,
        status_changed_at=now,
        listed_publicly=listed_publicly,
        publication_agreed=publication_agreed,
    )
    _record_change(
        inquiry, from_status="", by=author, note_to_citizen="", internal_note="", base_url=base_url
    )
    return inquiry


def inquiry_change_status(
    *, inquiry, to_status, by, note_to_citizen="", internal_note="", base_url=""
):
    if to_status == InquiryStatus.ANSWERED:
        raise TransitionRefused("Use inquiry_answer to answer an inquiry: it needs the answer.")
    return case_change_status(
        inquiry,
        to_status=to_status,
        by=by,
        actor=Actor.STAFF,
        note_to_citizen=note_to_citizen,
        internal_note=internal_note,
        base_url=base_url,
    )


def inquiry_answer(*, inquiry, answer, by, note_to_citizen="", internal_note="", base_url=""):
    answer = answer.strip()
    if not answer:
        raise ValidationError("An answer needs some text.")
    return case_change_status(
        inquiry,
        to_status=InquiryStatus.ANSWERED,
        by=by,
        actor=Actor.STAFF,
        note_to_citizen=note_to_citizen,
        internal_note=internal_note,
        base_url=base_url,
        answer=answer,
        answered_by=by,
        answered_at=timezone.now(),
    )
