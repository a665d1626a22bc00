from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from .models import Inquiry
from .statuses import ApplicationStatus, InquiryStatus
from .uploads import check_upload

DETAILS_MAX_LENGTH = 5000
NOTE_MAX_LENGTH = 2000


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data] if data else []
        return [super(MultipleFileField, self).clean(file, initial) for file in files]


class ApplicationForm(forms.Form):
    details = forms.CharField(
        label="Your application",
        max_length=DETAILS_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=f"What you are asking for and why. Up to {DETAILS_MAX_LENGTH:,} characters.",
    )
    attachments = MultipleFileField(
        label="Supporting documents (optional)",
        required=False,
        widget=MultipleFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
        help_text=(
            f"PDF, JPEG or PNG files, up to {settings.APPLICATIONS_MAX_ATTACHMENTS} files of "
            f"{filesizeformat(settings.APPLICATIONS_MAX_ATTACHMENT_BYTES)} each. "
            "We remove location and camera details from photos."
        ),
    )

    def clean_attachments(self):
        files = self.cleaned_data["attachments"]
        if len(files) > settings.APPLICATIONS_MAX_ATTACHMENTS:
            raise ValidationError(
                f"You chose {len(files)} files. Attach at most "
                f"{settings.APPLICATIONS_MAX_ATTACHMENTS}.",
                code="too_many",
            )
        checked, errors = [], []
        for file in files:
            try:
                checked.append(check_upload(file))
            except ValidationError as error:
                errors.append(error)
        if errors:
            raise ValidationError(errors)
        return checked


class InquiryForm(forms.Form):
    subject = forms.CharField(
        max_length=Inquiry.SUBJECT_MAX_LENGTH,
        help_text=(
            f"A few words about your question. Up to {Inquiry.SUBJECT_MAX_LENGTH} characters."
        ),
    )
    message = forms.CharField(
        label="Your question",
        max_length=Inquiry.MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=(
            f"Include anything that helps us answer. Up to {Inquiry.MESSAGE_MAX_LENGTH:,} "
            "characters. Do not include passwords or bank details."
        ),
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


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label="Why are you withdrawing? (optional)",
        required=False,
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="This helps us improve the service.",
    )


class ApplicationFilterForm(forms.Form):
    status = forms.ChoiceField(
        label="Show", required=False, choices=[("", "All statuses"), *ApplicationStatus.choices]
    )


class StatusChangeForm(forms.Form):
    """For caseworkers in the admin; `targets` are the statuses the map allows from here."""

    to_status = forms.ChoiceField(label="New status", widget=forms.RadioSelect)
    note_to_citizen = forms.CharField(
        label="Note to the citizen",
        required=False,
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Shown on the case page and in the email. Plain words: what happened, what next.",
    )
    internal_note = forms.CharField(
        required=False,
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Only staff see this.",
    )

    def __init__(self, *args, targets, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_status"].choices = [(status.value, status.label) for status in targets]


class InquiryStatusChangeForm(StatusChangeForm):
    answer = forms.CharField(
        required=False,
        max_length=Inquiry.MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=(
            "Required for “Answered”: the citizen sees it on the inquiry page and in the email."
        ),
    )
    field_order = ["to_status", "answer", "note_to_citizen", "internal_note"]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("to_status") == InquiryStatus.ANSWERED and not cleaned.get("answer"):
            self.add_error("answer", "Write the answer to move the inquiry to “Answered”.")
        return cleaned
