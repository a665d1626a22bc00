from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from .feedback import page_for_feedback

FEEDBACK_MAX_LENGTH = 1000


class PageField(forms.CharField):
    """The address of the page the feedback is about: only a page that asks for feedback."""

    widget = forms.HiddenInput

    def clean(self, value):
        path = page_for_feedback(super().clean(value))
        if path is None:
            raise ValidationError(_("This is not a page of the portal."), code="invalid")
        return path


class FeedbackTextField(forms.CharField):
    def __init__(self, *, error_messages, **kwargs):
        error_messages.setdefault(
            "max_length",
            _("Write at most %(limit_value)s characters: this has %(show_value)s"),
        )
        super().__init__(
            max_length=FEEDBACK_MAX_LENGTH,
            widget=forms.Textarea(attrs={"rows": 5}),
            help_text=format_lazy(_("Up to {count} characters."), count=f"{FEEDBACK_MAX_LENGTH:,}"),
            error_messages=error_messages,
            **kwargs,
        )

    def widget_attrs(self, widget):
        # No maxlength: a browser would cut pasted text short without saying so. The form
        # says how much is too much instead.
        attrs = super().widget_attrs(widget)
        attrs.pop("maxlength", None)
        return attrs


class UsefulForm(forms.Form):
    page = PageField(max_length=500)
    useful = forms.TypedChoiceField(
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda value: value == "yes",
        error_messages={
            "required": _("Choose Yes or No."),
            "invalid_choice": _("Choose Yes or No."),
        },
    )


class MissingForm(forms.Form):
    what_missing = FeedbackTextField(
        label=_("What was missing?"),
        error_messages={"required": _("Enter what was missing from the page")},
    )


class ProblemReportForm(forms.Form):
    page = PageField(max_length=500)
    what_doing = FeedbackTextField(
        label=_("What were you doing? (optional)"), required=False, error_messages={}
    )
    what_wrong = FeedbackTextField(
        label=_("What went wrong?"),
        error_messages={"required": _("Enter what went wrong")},
    )
