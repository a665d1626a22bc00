"""The user's applications and inquiries for "Download my data" (internal notes stay out)."""

from django.db.models import Prefetch

from .models import Application, ApplicationStatusChange, Inquiry, InquiryStatusChange


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
                    {"name": attachment.original_name, "size": attachment.size}
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
