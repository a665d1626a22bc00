"""Every write that changes a case: drafts and submitting, status changes, replies, answers and
their notifications. Files are written as the case is saved (applications.uploads) and removed
again if the transaction fails."""

from contextlib import contextmanager
from functools import partial
from typing import NamedTuple

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from .models import (
    Answer,
    Application,
    ApplicationStatusChange,
    Attachment,
    Draft,
    Inquiry,
    InquiryStatusChange,
    Question,
    Service,
    attachment_storage,
)
from .notifications import case_update_email_send, draft_reminder_email_send
from .questions import question_pages, unanswered_required
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
    change_field: str  # the Attachment field naming a file's history entry


CASE_KINDS = {
    Application: CaseKind(APPLICATION_TRANSITIONS, ApplicationStatusChange, "application_change"),
    Inquiry: CaseKind(INQUIRY_TRANSITIONS, InquiryStatusChange, "inquiry_change"),
}


class TransitionRefused(ValidationError):
    pass


class SentAlready(Exception):
    """The same inquiry was sent a moment ago (`case`): Back, then Send again, or a second tab."""

    def __init__(self, case):
        super().__init__(case)
        self.case = case


class DraftIncomplete(ValidationError):
    """A draft lacks answers to required questions (`questions`)."""

    def __init__(self, questions):
        super().__init__(_("Answer every question before you send your application."))
        self.questions = questions


def allowed_targets(case, *, actor):
    transitions = CASE_KINDS[type(case)].transitions
    return [status for status, who in transitions[case.status].items() if actor in who]


@contextmanager
def files_removed_on_failure():
    """Collects the names attachment_store writes; they are removed when the block fails.
    (Files are written outside the transaction, so its rollback cannot undo them.)"""
    written = []
    try:
        yield written
    except BaseException:
        for name in written:
            attachment_storage().delete(name)
        raise


def _attach(upload, written, **owner):
    attachment = Attachment(
        original_name=upload.original_name,
        content_type=upload.content_type,
        size=len(upload.content),
        **owner,
    )
    written.append(attachment_store(upload, attachment=attachment))
    attachment.save()
    return attachment


def _delete_attachments(attachments):
    storage = attachment_storage()
    for attachment in attachments:
        transaction.on_commit(partial(storage.delete, attachment.file.name))
        attachment.delete()


def _record_change(
    case,
    *,
    from_status,
    by,
    note_to_citizen,
    internal_note,
    base_url,
    uploads=(),
    written=None,
    sent_with_case=(),
):
    """Write the history entry, attach the files sent with the change and email the citizen,
    listing those files and any sent with a new case (sent_with_case)."""
    kind = CASE_KINDS[type(case)]
    case_field = kind.history_model.case_field
    change = kind.history_model.objects.create(
        **{case_field: case},
        from_status=from_status,
        to_status=case.status,
        note_to_citizen=note_to_citizen,
        internal_note=internal_note,
        changed_by=by,
        changed_at=case.status_changed_at,
    )
    files = [
        _attach(upload, written, **{case_field: case, kind.change_field: change})
        for upload in uploads
    ]
    case_update_email_send(
        case=case, change=change, files=[*sent_with_case, *files], base_url=base_url
    )
    return change


def case_change_status(
    case,
    *,
    to_status,
    by,
    actor,
    note_to_citizen="",
    internal_note="",
    base_url="",
    uploads=(),
    **fields,
):
    """The one way a case changes status: lock, check the map, write history (with the files
    sent with the change, if any), save, notify."""
    with files_removed_on_failure() as written, transaction.atomic():
        locked = type(case).objects.select_for_update().get(pk=case.pk)
        allowed = CASE_KINDS[type(case)].transitions[locked.status]
        if actor not in allowed.get(to_status, ()):
            labels = dict(type(case)._meta.get_field("status").choices)
            raise TransitionRefused(
                _("%(case)s %(reference)s cannot move from “%(from)s” to “%(to)s” by %(actor)s.")
                % {
                    "case": capfirst(type(case)._meta.verbose_name),
                    "reference": locked.reference,
                    "from": locked.get_status_display(),
                    "to": labels.get(to_status, to_status),
                    "actor": actor.label,
                },
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
            uploads=uploads,
            written=written,
        )
    # The caller's object follows, so that it shows what was saved.
    case.status = locked.status
    case.status_changed_at = locked.status_changed_at
    for name, value in fields.items():
        setattr(case, name, value)
    return locked


# --- applications: drafts, sending, replies ---------------------------------------------------


def _draft_save(*, applicant, service, answers, uploads, written):
    draft, _created = Draft.objects.select_for_update().get_or_create(
        applicant=applicant, service=service, defaults={"expires_at": timezone.now()}
    )
    draft.service = service  # the same row: read once
    draft.answers = {**draft.answers, **answers}
    for key, files in uploads.items():
        if files:
            # New files replace those given before for the same question.
            _delete_attachments(draft.attachments.filter(pk__in=draft.answers.get(key) or []))
            draft.answers[key] = [_attach(upload, written, draft=draft).pk for upload in files]
        else:
            draft.answers.setdefault(key, [])
    draft.touch()
    draft.save()
    return draft


def draft_save_page(*, applicant, service, answers, uploads):
    """Keep one page's answers in the person's draft of the service, starting the draft with
    its first page. `answers` as QuestionPageForm.answers(), `uploads` as .uploads()."""
    with files_removed_on_failure() as written, transaction.atomic():
        return _draft_save(
            applicant=applicant, service=service, answers=answers, uploads=uploads, written=written
        )


def _application_create(*, applicant, service):
    now = timezone.now()
    return Application.objects.create(
        applicant=applicant,
        service=service,
        submitted_at=now,
        status_changed_at=now,
        due_at=Application.due_date_for(service, now),
        # What the applicant was told when applying (services.lists_applications_publicly).
        listed_publicly=service.lists_applications_publicly,
    )


def _draft_send(*, draft, base_url):
    draft = Draft.objects.select_for_update().get(pk=draft.pk)
    service = Service.objects.get(pk=draft.service_id)
    if not service.is_open:
        raise ValidationError(_("This service is not taking applications at the moment."))
    questions = list(service.questions.all())
    pages = question_pages(service, questions)
    missing = unanswered_required(pages, draft.answers)
    if missing:
        raise DraftIncomplete(missing)
    application = _application_create(applicant=draft.applicant, service=service)
    asked = [question for page in pages for question in page.questions]
    answers = Answer.objects.bulk_create(
        Answer(
            application=application,
            question=question if question.pk else None,
            position=position,
            question_text=question_as_asked(question),
            kind=question.kind,
            value=answer_text(question, draft.answers.get(question.key)),
        )
        for position, question in enumerate(asked, start=1)
    )
    for answer, question in zip(answers, asked, strict=True):
        if question.kind == Question.Kind.FILE and draft.answers.get(question.key):
            draft.attachments.filter(pk__in=draft.answers[question.key]).update(
                application=application, draft=None, answer=answer
            )
    _record_change(
        application,
        from_status="",
        by=draft.applicant,
        note_to_citizen="",
        internal_note="",
        base_url=base_url,
        sent_with_case=application.attachments.order_by("answer__position", "pk"),
    )
    # What is left was uploaded for a question removed since: it goes with the draft.
    _delete_attachments(draft.attachments.all())
    draft.delete()
    return application


def question_as_asked(question):
    # A question every service asks is an interface string: kept in English, the words it has
    # in the catalogue, and shown in each reader's language (Answer.question_shown).
    if question.pk:
        return str(question.label)
    with translation.override(settings.LANGUAGE_CODE):
        return str(question.label)


def answer_text(question, value):
    if value in (None, "", []) or question.kind == Question.Kind.FILE:
        return ""
    if isinstance(value, list):
        return "\n".join(value)
    return str(value)


@transaction.atomic
def draft_send(*, draft, base_url=""):
    """Send a draft as an application: in one transaction it gets its reference, its answers
    (with the questions as asked), its files, its first history entry and the email, and the
    draft is gone. Raises DraftIncomplete or ValidationError, and Draft.DoesNotExist when it
    was sent meanwhile."""
    return _draft_send(draft=draft, base_url=base_url)


def application_submit(*, applicant, service, answers, uploads=None, base_url=""):
    """Fill in a service's questions and send them at once, as a person would page by page.
    `answers` and `uploads` by question key, as QuestionPageForm gives them."""
    with files_removed_on_failure() as written, transaction.atomic():
        draft = _draft_save(
            applicant=applicant,
            service=service,
            answers=answers,
            uploads=uploads or {},
            written=written,
        )
        return _draft_send(draft=draft, base_url=base_url)


def draft_delete(*, draft):
    with transaction.atomic():
        _delete_attachments(draft.attachments.all())
        draft.delete()


def drafts_delete_expired(*, dry_run=False):
    """Delete the drafts whose service's keeping time has passed since their last change, with
    their files. Returns the drafts (unsaved copies when they are deleted)."""
    with transaction.atomic():
        drafts = list(
            Draft.objects.expired()
            .select_for_update(skip_locked=True, of=("self",))
            .select_related("service", "applicant")
            .prefetch_related("attachments")
        )
        if not dry_run:
            for draft in drafts:
                draft_delete(draft=draft)
    return drafts


def drafts_remind_expiring(*, dry_run=False):
    """Email the owner of each draft to be deleted within a week, once: what it is, when it
    goes, and the link to continue it. Returns the drafts."""
    with transaction.atomic():
        drafts = list(
            Draft.objects.to_remind()
            .select_for_update(skip_locked=True, of=("self",))
            .select_related("service", "applicant")
        )
        if not dry_run:
            for draft in drafts:
                draft_reminder_email_send(draft)
            Draft.objects.filter(pk__in=[draft.pk for draft in drafts]).update(
                reminded_at=timezone.now()
            )
    return drafts


def application_change_status(
    *, application, to_status, by, note_to_citizen="", internal_note="", uploads=(), base_url=""
):
    return case_change_status(
        application,
        to_status=to_status,
        by=by,
        actor=Actor.STAFF,
        note_to_citizen=note_to_citizen,
        internal_note=internal_note,
        uploads=uploads,
        base_url=base_url,
    )


def application_withdraw(*, application, by, reason="", base_url=""):
    if application.applicant_id != by.pk:
        raise TransitionRefused(_("Only the applicant can withdraw an application."))
    return case_change_status(
        application,
        to_status=ApplicationStatus.WITHDRAWN,
        by=by,
        actor=Actor.CITIZEN,
        note_to_citizen=reason,
        base_url=base_url,
    )


def application_reply(*, application, by, message, uploads=(), base_url=""):
    """The citizen sends what a caseworker asked for: their message and files become a history
    entry, and the case goes back to the caseworkers ("Citizen replied" in the admin)."""
    if application.applicant_id != by.pk:
        raise TransitionRefused(_("Only the applicant can reply about an application."))
    return case_change_status(
        application,
        to_status=ApplicationStatus.RECEIVED,
        by=by,
        actor=Actor.CITIZEN,
        note_to_citizen=message,
        uploads=uploads,
        base_url=base_url,
    )


# --- inquiries --------------------------------------------------------------------------------


@transaction.atomic
def inquiry_submit_once(*, author, subject, message, **more):
    """inquiry_submit(), unless the author sent the same inquiry a moment ago (SentAlready). One
    of the author's inquiries at a time, so that the same one sent twice at once is found by the
    second."""
    get_user_model().objects.select_for_update().only("pk").get(pk=author.pk)
    same = {"subject": subject.strip(), "message": message.strip()}
    sent = Inquiry.objects.for_user(author).sent_again(**same)
    if sent:
        raise SentAlready(sent)
    return inquiry_submit(author=author, subject=subject, message=message, **more)


def inquiry_submit(
    *,
    author,
    subject,
    message,
    attachments=(),
    listed_publicly=False,
    publication_agreed=False,
    base_url="",
):
    if publication_agreed and not listed_publicly:
        raise ValidationError(_("A published question is listed too: both need the author's yes."))
    with files_removed_on_failure() as written, transaction.atomic():
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
        files = [_attach(upload, written, inquiry=inquiry) for upload in attachments]
        _record_change(
            inquiry,
            from_status="",
            by=author,
            note_to_citizen="",
            internal_note="",
            base_url=base_url,
            sent_with_case=files,
        )
    return inquiry


def can_follow_up(inquiry, user, *, now=None):
    """An answered inquiry takes one follow-up question from its author, within
    Inquiry.FOLLOW_UP_DAYS of the answer."""
    now = now or timezone.now()
    return (
        inquiry.author_id == user.pk
        and inquiry.status == InquiryStatus.ANSWERED
        and inquiry.follow_up_at is None
        and inquiry.answered_at is not None
        and now <= inquiry.follow_up_until
        and InquiryStatus.RECEIVED in allowed_targets(inquiry, actor=Actor.CITIZEN)
    )


@transaction.atomic
def inquiry_follow_up(*, inquiry, by, question, uploads=(), base_url=""):
    """The author's one follow-up question reopens an answered inquiry."""
    locked = Inquiry.objects.select_for_update().get(pk=inquiry.pk)
    now = timezone.now()
    if not can_follow_up(locked, by, now=now):
        raise TransitionRefused(
            _("This inquiry cannot take a follow-up question. Send a new inquiry instead.")
        )
    question = question.strip()
    return case_change_status(
        inquiry,
        to_status=InquiryStatus.RECEIVED,
        by=by,
        actor=Actor.CITIZEN,
        note_to_citizen=question,
        uploads=uploads,
        base_url=base_url,
        follow_up=question,
        follow_up_at=now,
    )


def can_withdraw_inquiry(inquiry, user):
    """Its author may withdraw an inquiry that is not answered yet: they no longer need it."""
    return (
        inquiry.author_id == user.pk
        and inquiry.answered_at is None
        and InquiryStatus.CLOSED in allowed_targets(inquiry, actor=Actor.CITIZEN)
    )


@transaction.atomic
def inquiry_withdraw(*, inquiry, by, reason="", base_url=""):
    locked = Inquiry.objects.select_for_update().get(pk=inquiry.pk)
    if not can_withdraw_inquiry(locked, by):
        raise TransitionRefused(_("This inquiry can no longer be withdrawn."))
    return case_change_status(
        inquiry,
        to_status=InquiryStatus.CLOSED,
        by=by,
        actor=Actor.CITIZEN,
        note_to_citizen=reason,
        base_url=base_url,
    )


def inquiry_change_status(
    *, inquiry, to_status, by, note_to_citizen="", internal_note="", uploads=(), base_url=""
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
        uploads=uploads,
        base_url=base_url,
    )


def inquiry_answer(
    *, inquiry, answer, by, note_to_citizen="", internal_note="", uploads=(), base_url=""
):
    """Answer an inquiry, or its follow-up question: the first answer is kept as it was."""
    answer = answer.strip()
    if not answer:
        raise ValidationError(_("An answer needs some text."))
    if inquiry.follow_up_at:
        fields = {"follow_up_answer": answer, "follow_up_answered_at": timezone.now()}
    else:
        fields = {"answer": answer, "answered_by": by, "answered_at": timezone.now()}
    return case_change_status(
        inquiry,
        to_status=InquiryStatus.ANSWERED,
        by=by,
        actor=Actor.STAFF,
        note_to_citizen=note_to_citizen,
        internal_note=internal_note,
        uploads=uploads,
        base_url=base_url,
        **fields,
    )
