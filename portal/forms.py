from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .feedback import page_for_feedback
from .formats import grouped

FEEDBACK_MAX_LENGTH = 1000


class PageField(forms.CharField):
    """The address of the page the feedback is about: only a page that asks for feedback."""

    widget = forms.HiddenInput

    def clean(self, value):
        path = page_for_feedback(super().clean(value))
        if path is None:
            raise ValidationError(_("This is not a page of the portal."), code="invalid")
        return path


class GroupedLimits:
    """A field whose messages give its limits as people read numbers: "Enter 5,000 characters or
    fewer (you entered 5,230)", "Enter a number of 100,000 or less". One message a field, the
    first limit broken: a number far too large broke its largest value and its digits too."""

    def run_validators(self, value):
        try:
            super().run_validators(value)
        except ValidationError as refused:
            first = refused.error_list[0]
            first.params = {
                name: grouped(number) if isinstance(number, int | Decimal) else number
                for name, number in (first.params or {}).items()
            }
            raise first from None


class CountedText:
    """Text whose length the form limits, counted as the people who write it see it.

    Its box has no maxlength: a browser would cut pasted text short without a word. The form
    says how much is too much instead, and keeps what was written. A line break counts as one
    character, as it does on the page (browsers send it as two, CR LF)."""

    def to_python(self, value):
        if isinstance(value, str):
            value = value.replace("\r\n", "\n")
        return super().to_python(value)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.pop("maxlength", None)
        return attrs


class CountedTextarea(forms.Textarea):
    """A box of several lines that says how many characters it takes ("You can enter up to
    4,000 characters"); with scripts on, static/js/character-count.js says how many are left as
    people type."""

    template_name = "portal/widgets/counted_textarea.html"

    def __init__(self, *, limit, rows):
        super().__init__(attrs={"rows": rows})
        self.limit = limit

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        widget = context["widget"]
        box_id = widget["attrs"].get("id")
        if box_id:  # a form without ids (auto_id=False) shows the box alone
            widget["limit"] = self.limit
            widget["count_id"] = f"{box_id}_count"
            described_by = widget["attrs"].get("aria-describedby", "")
            widget["attrs"]["aria-describedby"] = f"{described_by} {widget['count_id']}".lstrip()
        return context


class LongTextField(GroupedLimits, CountedText, forms.CharField):
    """Text written in a box of several lines."""

    def __init__(self, *, rows, max_length, error_messages=None, **kwargs):
        error_messages = {
            "max_length": _("Write at most %(limit_value)s characters: this has %(show_value)s"),
            **(error_messages or {}),
        }
        super().__init__(
            widget=CountedTextarea(limit=max_length, rows=rows),
            max_length=max_length,
            error_messages=error_messages,
            **kwargs,
        )


class FeedbackTextField(LongTextField):
    def __init__(self, **kwargs):
        super().__init__(rows=5, max_length=FEEDBACK_MAX_LENGTH, **kwargs)


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
