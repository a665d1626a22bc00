"""The user's applications (with their answers), drafts and inquiries for "Download my data"
(internal notes stay out), and the files of their cases (those they attached and those the city
sent them), under attachments/<reference>/ in the ZIP."""

from pathlib import PurePath

from django.db.models import Prefetch, Q

from .models import (
    Application,
    ApplicationStatusChange,
    Attachment,
    Draft,
    Inquiry,
    InquiryStatusChange,
    Question,
    display_answer,
)
from .questions import question_pages
from .uploads import NOT_IN_FILE_NAMES, safe_file_name


def case_of(attachment):
    return attachment.application or attachment.inquiry


def my_attachments(user):
    """The files of the person's applications and inquiries, theirs and the city's (not
    drafts')."""
    return list(
        Attachment.objects.filter(Q(application__applicant=user) | Q(inquiry__author=user))
        .select_related("application", "inquiry")
        .order_by("pk")
    )


def archive_paths(attachments):
    """{attachment pk: its path in the ZIP}: attachments/<reference>/<the name it was sent
    with, made safe>, with the attachment's number before the name when two share one."""
    paths, taken = {}, set()
    for attachment in attachments:
        name = archive_name(attachment.original_name)
        folder = f"attachments/{case_of(attachment).reference}"
        path = f"{folder}/{name}"
        if path in taken:
            path = f"{folder}/{attachment.pk}-{name}"
        taken.add(path)
        paths[attachment.pk] = path
    return paths


def archive_name(original_name):
    """A file's name as the pages show it (uploads.safe_file_name), and never a way out of its
    folder, whenever it was sent."""
    suffix = NOT_IN_FILE_NAMES.sub("", PurePath(original_name.replace("\\", "/")).suffix)
    return safe_file_name(original_name) + suffix


def history_rows(changes):
    return [
        {
            "from": str(change.from_label),
            "to": str(change.to_label),
            "note_to_citizen": change.note_to_citizen,
            "changed_at": change.changed_at.isoformat(),
            "files": [file_row(attachment) for attachment in change.attachments.all()],
        }
        for change in changes
    ]


def file_row(attachment, paths=None):
    row = {"name": attachment.original_name, "size": attachment.size}
    if paths and attachment.pk in paths:
        row["file"] = paths[attachment.pk]
    return row


def answer_row(answer):
    if answer.kind == Question.Kind.FILE:
        shown = [file_row(attachment) for attachment in answer.attachments.all()]
    else:
        shown = display_answer(answer.kind, answer.value)
    return {"question": answer.question_text, "answer": shown}


def draft_answer_rows(draft):
    files = {attachment.pk: attachment for attachment in draft.attachments.all()}
    rows = []
    for page in question_pages(draft.service, list(draft.service.questions.all())):
        for question in page.questions:
            if question.key not in draft.answers:
                continue
            value = draft.answers[question.key]
            if question.kind == Question.Kind.FILE:
                shown = [file_row(files[pk]) for pk in value if pk in files]
            else:
                shown = display_answer(question.kind, value)
            rows.append({"question": str(question.label), "answer": shown})
    return rows


def export(user):
    paths = archive_paths(my_attachments(user))
    applications = (
        Application.objects.for_user(user)
        .newest_first()
        .select_related("service")
        .prefetch_related(
            "attachments",
            "answers__attachments",
            Prefetch(
                "history",
                queryset=ApplicationStatusChange.objects.order_by("changed_at").prefetch_related(
                    "attachments"
                ),
            ),
        )
    )
    inquiries = (
        Inquiry.objects.for_user(user)
        .newest_first()
        .prefetch_related(
            "attachments",
            Prefetch(
                "history",
                queryset=InquiryStatusChange.objects.order_by("changed_at").prefetch_related(
                    "attachments"
                ),
            ),
        )
    )
    drafts = (
        Draft.objects.for_user(user)
        .select_related("service")
        .prefetch_related("attachments", "service__questions")
    )
    return {
        "applications": [
            {
                "reference": application.reference,
                "service": application.service.name,
                "submitted_at": application.submitted_at.isoformat(),
                "status": str(application.get_status_display()),
                "files": [
                    file_row(attachment, paths) for attachment in application.attachments.all()
                ],
                "answers": [answer_row(answer) for answer in application.answers.all()],
                "history": history_rows(application.history.all()),
            }
            for application in applications
        ],
        "drafts": [
            {
                "service": draft.service.name,
                "updated_at": draft.updated_at.isoformat(),
                "deleted_after": draft.expires_at.isoformat(),
                "answers": draft_answer_rows(draft),
            }
            for draft in drafts
        ],
        "inquiries": [
            {
                "reference": inquiry.reference,
                "subject": inquiry.subject,
                "message": inquiry.message,
                "submitted_at": inquiry.submitted_at.isoformat(),
                "status": str(inquiry.get_status_display()),
                "files": [
                    file_row(attachment, paths)
                    for attachment in inquiry.attachments.all()
                    if attachment.inquiry_change_id is None
                ],
                "answer": inquiry.answer,
                "answered_at": inquiry.answered_at.isoformat() if inquiry.answered_at else None,
                "listed_publicly": inquiry.listed_publicly,
                "publication_agreed": inquiry.publication_agreed,
                "follow_up": inquiry.follow_up,
                "follow_up_answer": inquiry.follow_up_answer,
                "history": history_rows(inquiry.history.all()),
            }
            for inquiry in inquiries
        ],
    }


def files(user):
    attachments = my_attachments(user)
    paths = archive_paths(attachments)
    return [(paths[attachment.pk], attachment.file) for attachment in attachments]
