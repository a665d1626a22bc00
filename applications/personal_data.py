"""The user's applications and inquiries for "Download my data" (internal notes stay out), and
the files they attached, under attachments/<reference>/ in the ZIP."""

from django.db.models import Prefetch
from django.utils.text import get_valid_filename

from .models import (
    Application,
    ApplicationStatusChange,
    Attachment,
    Inquiry,
    InquiryStatusChange,
)


def archive_paths(attachments):
    """{attachment pk: its path in the ZIP}: the name it was sent with, made safe, and made
    unique within its application by the attachment's number when two share a name."""
    paths, taken = {}, set()
    for attachment in attachments:
        name = get_valid_filename(attachment.original_name.replace("\\", "/").split("/")[-1])
        path = f"attachments/{attachment.application.reference}/{name}"
        if path in taken:
            path = f"attachments/{attachment.application.reference}/{attachment.pk}-{name}"
        taken.add(path)
        paths[attachment.pk] = path
    return paths


def my_attachments(user):
    return list(
        Attachment.objects.filter(application__applicant=user)
        .select_related("application")
        .order_by("application__reference", "pk")
    )


def history_rows(changes, labels):
    return [
        {
            "from": labels.get(change.from_status, ""),
            "to": labels[change.to_status],
            "note_to_citizen": change.note_to_citizen,
            "changed_at": change.changed_at.isoformat(),
        }
        for change in changes
    ]


def export(user):
    paths = archive_paths(my_attachments(user))
    application_labels = dict(Application._meta.get_field("status").choices)
    inquiry_labels = dict(Inquiry._meta.get_field("status").choices)
    applications = (
        Application.objects.for_user(user)
        .newest_first()
        .select_related("service")
        .prefetch_related(
            "attachments",
            Prefetch("history", queryset=ApplicationStatusChange.objects.order_by("changed_at")),
        )
    )
    inquiries = (
        Inquiry.objects.for_user(user)
        .newest_first()
        .prefetch_related(
            Prefetch("history", queryset=InquiryStatusChange.objects.order_by("changed_at"))
        )
    )
    return {
        "applications": [
            {
                "reference": application.reference,
                "service": application.service.name,
                "details": application.details,
                "submitted_at": application.submitted_at.isoformat(),
                "status": application.get_status_display(),
                "attachments": [
                    {
                        "name": attachment.original_name,
                        "size": attachment.size,
                        "file": paths[attachment.pk],
                    }
                    for attachment in application.attachments.all()
                ],
                "history": history_rows(application.history.all(), application_labels),
            }
            for application in applications
        ],
        "inquiries": [
            {
                "reference": inquiry.reference,
                "subject": inquiry.subject,
                "message": inquiry.message,
                "submitted_at": inquiry.submitted_at.isoformat(),
                "status": inquiry.get_status_display(),
                "answer": inquiry.answer,
                "answered_at": inquiry.answered_at.isoformat() if inquiry.answered_at else None,
                "listed_publicly": inquiry.listed_publicly,
                "publication_agreed": inquiry.publication_agreed,
                "history": history_rows(inquiry.history.all(), inquiry_labels),
            }
            for inquiry in inquiries
        ],
    }


def files(user):
    attachments = my_attachments(user)
    paths = archive_paths(attachments)
    return [(paths[attachment.pk], attachment.file) for attachment in attachments]
