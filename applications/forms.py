from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from portal.formats import grouped
from portal.forms import LongTextField

from .models import FileKind, Inquiry
from .statuses import ApplicationStatus, InquiryStatus
from .uploads import accept_attribute, check_upload, kind_names

NOTE_MAX_LENGTH = 2000
REPLY_MAX_LENGTH = 4000


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class AttachmentsField(forms.FileField):
    """Files sent with a case, each checked by what it contains (applications.uploads): the
    cleaned value is a list of CheckedUploads."""

    widget = MultipleFileInput

    def __init__(self, *, max_files=None, kinds=tuple(FileKind), max_bytes=None, **kwargs):
        self.max_files = max_files or settings.APPLICATIONS_MAX_ATTACHMENTS
        self.kinds = kinds
        self.max_bytes = max_bytes
        # The browser offers to pick several files only where several are taken.
        widget = MultipleFileInput if self.max_files > 1 else forms.FileInput
        kwargs.setdefault("widget", widget(attrs={"accept": accept_attribute(kinds)}))
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data] if data else []
        if not files:
            if self.required:
                raise ValidationError(self.error_messages["required"], code="required")
            return []
        if len(files) > self.max_files:
            raise ValidationError(
                ngettext(
                    "You chose %(count)d files. Attach only one.",
                    "You chose %(count)d files. Attach at most %(most)d.",
                    self.max_files,
                )
                % {"count": len(files), "most": self.max_files},
                code="too_many",
            )
        checked, errors = [], []
        for file in files:
            try:
                checked.append(check_upload(file, kinds=self.kinds, max_bytes=self.max_bytes))
            except ValidationError as error:
                errors.append(error)
        if errors:
            raise ValidationError(errors)
        return checked


def attachments_hint(*, max_files=None, kinds=tuple(FileKind), max_bytes=None):
    max_files = max_files or settings.APPLICATIONS_MAX_ATTACHMENTS
    size = filesizeformat(
        min(
            max_bytes or settings.APPLICATIONS_MAX_ATTACHMENT_BYTES,
            settings.APPLICATIONS_MAX_ATTACHMENT_BYTES,
        )
    )
    return (
        ngettext(
            "A %(kinds)s file of up to %(size)s.",
            "%(kinds)s files, up to %(count)d files of %(size)s each.",
            max_files,
        )
        % {"kinds": kind_names(kinds), "count": max_files, "size": size}
        + " "
        + str(_("We remove location and camera details from photos."))
    )


# The hint of a form declared at import time, written when the form is shown: in the language of
# the page.
attachments_hint_lazy = lazy(attachments_hint, str)


def message_lazy(message, **values):
    """A message with named placeholders, filled in when it is shown (in the page's language),
    its numbers grouped ("5,000")."""
    return lazy(lambda: message % {name: grouped(value) for name, value in values.items()}, str)()


class InquiryForm(forms.Form):
    subject = forms.CharField(
        label=_("Subject"),
        max_length=Inquiry.SUBJECT_MAX_LENGTH,
        help_text=message_lazy(
            _("A few words about your question. Up to %(count)s characters."),
            count=Inquiry.SUBJECT_MAX_LENGTH,
        ),
        error_messages={
            "required": _("Enter a subject for your question."),
            "max_length": message_lazy(
                _("The subject must be %(count)s characters or fewer."),
                count=Inquiry.SUBJECT_MAX_LENGTH,
            ),
        },
    )
    message = LongTextField(
        rows=10,
        label=_("Your question"),
        max_length=Inquiry.MESSAGE_MAX_LENGTH,
        help_text=_(
            "Include anything that helps us answer. Do not include passwords or bank details."
        ),
        error_messages={
            "required": _("Enter your question."),
            "max_length": message_lazy(
                _("Your question must be %(count)s characters or fewer."),
                count=Inquiry.MESSAGE_MAX_LENGTH,
            ),
        },
    )
    public_listing = forms.MultipleChoiceField(
        label=_("Listing your question publicly (optional)"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=[
            ("list", _("You may list this question's reference and status publicly")),
            (
                "publish",
                _(
                    "You may also publish my question and your answer, without my name, "
                    "if they could help others"
                ),
            ),
        ],
        help_text=_(
            "We never show your name or email address. Before publishing a question, a "
            "caseworker leaves out anything that could identify you."
        ),
    )

    def clean_public_listing(self):
        chosen = self.cleaned_data["public_listing"]
        if "publish" in chosen and "list" not in chosen:
            raise ValidationError(
                _("To let us publish your question, also let us list its reference and status"),
                code="publish_without_list",
            )
        return {"listed_publicly": "list" in chosen, "publication_agreed": "publish" in chosen}

    attachments = AttachmentsField(
        label=_("Documents or photos (optional)"), required=False, help_text=attachments_hint_lazy()
    )


class ReplyForm(forms.Form):
    """What a citizen sends when a caseworker has asked for something ("Action required")."""

    message = LongTextField(
        rows=6,
        label=_("Your message"),
        required=False,
        max_length=REPLY_MAX_LENGTH,
        help_text=_("Answer the caseworker's note, or say what the files are."),
    )
    attachments = AttachmentsField(
        label=_("Files (optional)"), required=False, help_text=attachments_hint_lazy()
    )

    def clean(self):
        cleaned = super().clean()
        if (
            not self.errors
            and not cleaned.get("message", "").strip()
            and not cleaned.get("attachments")
        ):
            self.add_error("message", _("Write a message or choose a file to send"))
        return cleaned


class FollowUpForm(forms.Form):
    question = LongTextField(
        rows=6,
        label=_("Your follow-up question"),
        max_length=Inquiry.MESSAGE_MAX_LENGTH,
        help_text=_("About our answer above. For something new, send a new inquiry."),
        error_messages={"required": _("Write your follow-up question")},
    )
    attachments = AttachmentsField(
        label=_("Documents or photos (optional)"), required=False, help_text=attachments_hint_lazy()
    )


class WithdrawForm(forms.Form):
    reason = LongTextField(
        rows=4,
        label=_("Why are you withdrawing? (optional)"),
        required=False,
        max_length=NOTE_MAX_LENGTH,
        help_text=_("This helps us improve the service."),
    )


class ApplicationFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Show"),
        required=False,
        choices=[("", _("All statuses")), *ApplicationStatus.choices],
    )


class StatusChangeForm(forms.Form):
    """For caseworkers in the admin; `targets` are the statuses the map allows from here.
    `notes_needed`: the statuses whose explanation to the citizen points to the caseworker's
    note, each with what that note must tell them."""

    notes_needed = {
        ApplicationStatus.ACTION_REQUIRED: _(
            "Write in the note to the citizen what they need to send us."
        ),
        ApplicationStatus.APPROVED: _("Write in the note to the citizen what they should do now."),
        ApplicationStatus.REJECTED: _(
            "Write in the note to the citizen why the application was not approved."
        ),
    }

    to_status = forms.ChoiceField(
        label=_("New status"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose the new status."),
            # A status that was offered but is no longer: someone changed the case meanwhile.
            "invalid_choice": _(
                "Choose one of the statuses offered: the case may have changed since this page "
                "was opened."
            ),
        },
    )
    note_to_citizen = LongTextField(
        rows=4,
        label=_("Note to the citizen"),
        required=False,
        max_length=NOTE_MAX_LENGTH,
        help_text=_(
            "Shown on the case page and in the email. Plain words: what happened, what next."
        ),
    )
    attachments = AttachmentsField(
        label=_("Files for the citizen (optional)"),
        required=False,
        help_text=format_lazy(
            "{} {}",
            _(
                "For example, a decision letter or a permit. The citizen downloads it from the "
                "case page."
            ),
            attachments_hint_lazy(),
        ),
    )
    internal_note = LongTextField(
        rows=3,
        label=_("Internal note"),
        required=False,
        max_length=NOTE_MAX_LENGTH,
        help_text=_("Only staff see this."),
    )

    def __init__(self, *args, targets, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_status"].choices = [(status.value, status.label) for status in targets]

    def clean(self):
        cleaned = super().clean()
        note_needed = self.notes_needed.get(cleaned.get("to_status"))
        if note_needed:
            self.require("note_to_citizen", note_needed)
        return cleaned

    def require(self, name, message):
        """A field that must be filled for the chosen status; one with an error already (too
        long, say) keeps that error alone."""
        if name not in self.errors and not self.cleaned_data.get(name):
            self.add_error(name, message)


class InquiryStatusChangeForm(StatusChangeForm):
    answer = LongTextField(
        rows=10,
        label=_("Answer"),
        required=False,
        max_length=Inquiry.MESSAGE_MAX_LENGTH,
        help_text=_(
            "Required for “Answered”: the citizen sees it on the inquiry page and in the email."
        ),
    )
    field_order = ["to_status", "answer", "note_to_citizen", "attachments", "internal_note"]

    def __init__(self, *args, targets, **kwargs):
        super().__init__(*args, targets=targets, **kwargs)
        if InquiryStatus.ANSWERED not in targets:
            del self.fields["answer"]  # answered already

    @property
    def unanswered(self):
        return "answer" in self.fields

    def clean(self):
        cleaned = super().clean()
        to_status = cleaned.get("to_status")
        if to_status == InquiryStatus.ANSWERED:
            self.require("answer", _("Write the answer to move the inquiry to “Answered”."))
        elif to_status == InquiryStatus.CLOSED and self.unanswered:
            self.close_unanswered(cleaned)
        return cleaned

    def close_unanswered(self, cleaned):
        if cleaned.get("answer"):
            self.add_error(
                "answer",
                _("To send this answer, choose “Answered”; “Closed” sends no answer."),
            )
        self.require(
            "note_to_citizen",
            _("Write in the note to the citizen why the inquiry is closed without an answer."),
        )
