"""A service's application form, built from the questions staff write in the admin: one page
per page number, each page a form whose fields follow the questions' kinds and limits, and the
answers as a draft keeps them (see Draft.answers and Answer.value)."""

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.formats import grouped
from portal.forms import CountedText, CountedTextarea, GroupedLimits
from portal.translation import chinese_is_active

from .forms import AttachmentsField, attachments_hint
from .models import Question

Kind = Question.Kind
FIELD_TEMPLATE = "applications/includes/question_field.html"


def default_questions():
    """What a service without questions of its own asks: what the form asked before services
    had questions. They are not saved: their answers name them by key."""
    details = Question(
        page=1,
        position=1,
        page_heading=_("Your application"),
        label=_("What are you asking for, and why?"),
        kind=Kind.LONG_TEXT,
        required=True,
    )
    documents = Question(
        page=1,
        position=2,
        label=_("Supporting documents (optional)"),
        kind=Kind.FILE,
        required=False,
        max_files=settings.APPLICATIONS_MAX_ATTACHMENTS,
    )
    details.default_key, documents.default_key = "details", "documents"
    return [details, documents]


def shown(question, name):
    """A question's text as the applicant reads it, in the page's language. The default
    questions are not saved: theirs are interface strings, translated as such."""
    return getattr(question.localised, name) if question.pk else getattr(question, name)


def shown_options(question):
    return question.option_labels if question.pk else [(o, o) for o in question.option_list]


@dataclass
class Page:
    number: int  # 1, 2, 3 ... whatever page numbers staff gave
    questions: list
    heading: str
    # A page of one question asks it in its heading (GOV.UK "question pages").
    question_is_heading: bool


def question_pages(service, questions=None):
    """The service's pages of questions, in order. `questions` (in order) when already read."""
    if questions is None:
        questions = list(service.questions.all())
    questions = questions or default_questions()
    groups = {}
    for question in questions:
        groups.setdefault(question.page, []).append(question)
    pages = []
    for number, group in enumerate(groups.values(), start=1):
        heading = next((shown(q, "page_heading") for q in group if q.page_heading), "")
        single = len(group) == 1 and not heading
        pages.append(
            Page(
                number=number,
                questions=group,
                heading=heading
                or (shown(group[0], "label") if len(group) == 1 else service.localised.name),
                question_is_heading=single,
            )
        )
    return pages


def is_answered(value):
    return value not in (None, "", [])


def unanswered_required(pages, answers):
    """The required questions a draft has no answer to (a question may be added after the
    draft was started), in order."""
    return [
        question
        for page in pages
        for question in page.questions
        if question.required and not is_answered(answers.get(question.key))
    ]


def next_page_to_fill(pages, answers):
    """The first page the person has not been through, or None when all are done."""
    for page in pages:
        if any(question.key not in answers for question in page.questions):
            return page
    return None


def field_name(question):
    return f"q{question.key}"


# --- fields -----------------------------------------------------------------------------------

MISSING_DATE_PARTS = {
    ("day",): _("The date must include a day"),
    ("month",): _("The date must include a month"),
    ("year",): _("The date must include a year"),
    ("day", "month"): _("The date must include a day and month"),
    ("day", "year"): _("The date must include a day and year"),
    ("month", "year"): _("The date must include a month and year"),
}


class DatePartsWidget(forms.MultiWidget):
    """The GOV.UK date input: day, month and year, each in its own labelled box."""

    template_name = "applications/widgets/date_parts.html"
    part_labels = (_("Day"), _("Month"), _("Year"))

    def __init__(self, attrs=None):
        def part(css_class, length):
            return forms.TextInput(
                attrs={"class": css_class, "inputmode": "numeric", "maxlength": length}
            )

        super().__init__(
            [part("date-input__day", 2), part("date-input__month", 2), part("date-input__year", 4)],
            attrs,
        )

    def decompress(self, value):
        if isinstance(value, str) and value:
            try:
                value = date.fromisoformat(value)
            except ValueError:
                value = None
        if isinstance(value, date):
            return [value.day, value.month, value.year]
        return [None, None, None]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        parts = context["widget"]["subwidgets"]
        for subwidget, label in zip(parts, self.part_labels, strict=True):
            subwidget["label"] = label
        if chinese_is_active():  # Chinese writes a date year first: 2027年5月1日
            parts.reverse()
        return context

    @property
    def first_shown(self):
        """Which part's box comes first, where an error's link leads."""
        return 2 if chinese_is_active() else 0


class DatePartsField(forms.Field):
    widget = DatePartsWidget
    default_error_messages = {
        "required": _("Enter a date"),
        "invalid": _("Enter a real date"),
        "year": _("The year must have 4 numbers"),
        "far": _("Enter a year between %(earliest)s and %(latest)s"),
        "past": _("The date must be today or in the past"),
        "future": _("The date must be today or in the future"),
    }

    def __init__(self, *, date_limit="", **kwargs):
        self.date_limit = date_limit
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, date):
            return value
        parts = [str(part or "").strip() for part in (value or [])][:3]
        parts += [""] * (3 - len(parts))
        if not any(parts):
            return None
        missing = tuple(
            name for name, part in zip(("day", "month", "year"), parts, strict=True) if not part
        )
        if missing:
            raise ValidationError(MISSING_DATE_PARTS[missing], code="incomplete")
        if not all(part.isdigit() for part in parts):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        day, month, year = parts
        if len(year) != 4:
            raise ValidationError(self.error_messages["year"], code="year")
        try:
            return date(int(year), int(month), int(day))
        except ValueError as error:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from error

    def validate(self, value):
        super().validate(value)
        today = timezone.localdate()
        # Nobody living was born before the earliest, and nothing is planned past the latest:
        # "9999" is a slip of the keyboard.
        earliest, latest = 1900, today.year + 100
        if value and not earliest <= value.year <= latest:
            params = {"earliest": earliest, "latest": latest}
            raise ValidationError(self.error_messages["far"], code="far", params=params)
        if value and self.date_limit == Question.DateLimit.PAST and value > today:
            raise ValidationError(self.error_messages["past"], code="past")
        if value and self.date_limit == Question.DateLimit.FUTURE and value < today:
            raise ValidationError(self.error_messages["future"], code="future")


PHONE_NUMBER = re.compile(r"^\+?[0-9 ()\-]{6,30}$")


def as_plain_number(value):
    """1.5000 as 1.5 and 100 as 100 (not 1E+2)."""
    return Decimal(format(value.normalize(), "f")) if value is not None else None


# A number as answers keep it: "1500", "-2.5".
PLAIN_NUMBER = re.compile(r"^-?\d+(?:\.\d+)?$")
# Thousands grouped by commas or by spaces, the same all through: "1,500", "1 250 000.5".
GROUPED_DIGITS = re.compile(r"^[+-]?\d{1,3}([, ])\d{3}(?:\1\d{3})*(?:\.\d+)?$")


class TextAnswerField(GroupedLimits, CountedText, forms.CharField):
    pass


class NumberField(GroupedLimits, forms.DecimalField):
    """A number as people write it: with its thousands grouped, or in the full-width digits a
    Chinese input method types. With `whole`, a number with a fraction is refused."""

    def __init__(self, *, whole=False, **kwargs):
        super().__init__(**kwargs)
        self.whole = whole

    def to_python(self, value):
        if isinstance(value, str):
            value = unicodedata.normalize("NFKC", value).strip()
            if GROUPED_DIGITS.match(value):
                value = value.replace(",", "").replace(" ", "")
        return super().to_python(value)

    def validate(self, value):
        super().validate(value)
        if self.whole and value is not None and value != value.to_integral_value():
            raise ValidationError(self.error_messages["whole"], code="whole")

    def bound_data(self, data, initial):
        return Typed(data) if isinstance(data, str) else data

    def prepare_value(self, value):
        # A kept answer ("1500") is shown as it is read, "1,500"; what was typed stays as typed.
        if isinstance(value, str) and not isinstance(value, Typed) and PLAIN_NUMBER.match(value):
            return grouped(Decimal(value))
        return value


class Typed(str):
    """What the person typed into a field, shown back to them as they typed it."""


def number_field(question, common):
    """The field of a number question."""
    whole = question.whole_numbers
    example = _("Enter a whole number, like 12") if whole else _("Enter a number, like 12 or 3.5")
    return NumberField(
        whole=whole,
        min_value=as_plain_number(question.min_value),
        max_value=as_plain_number(question.max_value),
        max_digits=15,
        decimal_places=4,
        # GOV.UK: a text box, as browsers' number boxes change a number when scrolled.
        widget=forms.TextInput(
            attrs={"inputmode": "numeric" if whole else "decimal", "spellcheck": "false"}
        ),
        error_messages={
            "required": _("Enter a number"),
            "invalid": example,
            "whole": example,
            "min_value": _("Enter a number of %(limit_value)s or more"),
            "max_value": _("Enter a number of %(limit_value)s or less"),
            "max_digits": _("Enter a number with at most 15 digits"),
            "max_decimal_places": _("Enter a number with at most 4 decimal places"),
            "max_whole_digits": _("Enter a number with at most 11 digits before the point"),
        },
        **common,
    )


class SeveralChoicesWidget(forms.CheckboxSelectMultiple):
    """Checkboxes; the one that stands alone comes last, after an "or" (GOV.UK's "None")."""

    template_name = "applications/includes/several_choices.html"

    def __init__(self, *, alone=None):
        super().__init__(attrs={"class": "choices"})
        self.alone = alone

    def get_context(self, name, value, attrs):
        return {**super().get_context(name, value, attrs), "alone": self.alone}


class SeveralChoicesField(forms.MultipleChoiceField):
    """Several choices, of which the last may stand alone: `alone` is its (value, shown text)."""

    def __init__(self, *, alone=None, **kwargs):
        super().__init__(widget=SeveralChoicesWidget(alone=alone), **kwargs)
        self.alone = alone

    def validate(self, value):
        super().validate(value)
        if self.alone and self.alone[0] in value and len(value) > 1:
            raise ValidationError(
                _("Select “%(option)s” on its own, or select only the other options"),
                code="alone",
                params={"option": self.alone[1]},
            )


def question_field(question, *, files_given=()):
    """The form field that asks one question. `files_given`: names of the files a draft holds
    for a file question already (then new files replace them, and none are needed)."""
    common = {
        "label": shown(question, "label"),
        "help_text": shown(question, "hint"),
        "required": question.required,
    }
    kind = question.kind
    if kind in Question.TEXT_KINDS:
        longest = Question.LONGEST[kind]
        max_length = min(question.max_length or longest, longest)
        field = TextAnswerField(
            max_length=max_length,
            min_length=question.min_length,
            widget=CountedTextarea(limit=max_length, rows=6) if kind == Kind.LONG_TEXT else None,
            error_messages={
                "required": _("Enter an answer"),
                "max_length": _(
                    "Enter %(limit_value)s characters or fewer (you entered %(show_value)s)"
                ),
                "min_length": _(
                    "Enter at least %(limit_value)s characters (you entered %(show_value)s)"
                ),
            },
            **common,
        )
    elif kind == Kind.NUMBER:
        field = number_field(question, common)
    elif kind == Kind.DATE:
        field = DatePartsField(date_limit=question.date_limit, **common)
    elif kind == Kind.EMAIL:
        field = forms.EmailField(
            max_length=254,
            error_messages={
                "required": _("Enter an email address"),
                "invalid": _("Enter an email address in the correct format, like name@example.com"),
                "max_length": _("Enter an email address of 254 characters or fewer"),
            },
            **common,
        )
    elif kind == Kind.PHONE:
        field = forms.CharField(
            max_length=30,
            widget=forms.TextInput(attrs={"type": "tel"}),
            validators=[
                RegexValidator(
                    PHONE_NUMBER,
                    _("Enter a phone number, like 021 6321 0000 or +86 138 0013 8000"),
                    code="phone",
                )
            ],
            error_messages={
                "required": _("Enter a phone number"),
                "max_length": _("Enter a phone number of 30 characters or fewer"),
            },
            **common,
        )
    elif kind in (Kind.CHOICE, Kind.YES_NO):
        options = (
            [("yes", _("Yes")), ("no", _("No"))] if kind == Kind.YES_NO else shown_options(question)
        )
        field = forms.ChoiceField(
            choices=options,
            widget=forms.RadioSelect(
                attrs={"class": "choices choices--inline" if kind == Kind.YES_NO else "choices"}
            ),
            error_messages={
                "required": _("Select an answer"),
                "invalid_choice": _("Select one of the options"),
            },
            **common,
        )
    elif kind == Kind.CHOICES:
        options = shown_options(question)
        field = SeveralChoicesField(
            choices=options,
            alone=options[-1] if question.last_option_alone and options else None,
            error_messages={
                "required": _("Select at least one answer"),
                "invalid_choice": _("Select only the options shown"),
            },
            **common,
        )
    elif kind == Kind.FILE:
        kinds = tuple(question.allowed_file_kinds)
        limits = {
            "max_files": question.max_files,
            "kinds": kinds,
            "max_bytes": question.max_file_bytes,
        }
        own_hint = str(shown(question, "hint"))
        hint = " ".join(part for part in (own_hint, attachments_hint(**limits)) if part)
        field = AttachmentsField(
            **limits,
            label=shown(question, "label"),
            help_text=hint,
            # A file given before is kept unless new ones replace it.
            required=question.required and not files_given,
            error_messages={"required": _("Choose a file to upload")},
        )
        field.files_given = list(files_given)
    else:  # pragma: no cover - every kind is handled above
        raise ValueError(f"No field for questions of kind {kind!r}.")
    field.template_name = FIELD_TEMPLATE
    return field


def stored_value(question, value):
    """A cleaned answer as a draft keeps it (JSON) and an Answer holds it (text)."""
    if value in (None, "", []):
        return [] if question.kind == Kind.CHOICES else ""
    if question.kind == Kind.NUMBER:
        return format(as_plain_number(value), "f")
    if question.kind == Kind.DATE:
        return value.isoformat()
    if question.kind == Kind.CHOICES:
        # In the order the options are shown, whatever order the browser sent them in.
        return [option for option in question.option_list if option in value]
    if isinstance(value, str):
        return value.strip()
    return value


class QuestionPageForm(forms.Form):
    """One page of a service's questions. `answers` are the draft's (the fields start from
    them); `file_names` the names of the files the draft holds, by question key."""

    def __init__(self, *args, page, answers=None, file_names=None, **kwargs):
        answers, file_names = answers or {}, file_names or {}
        super().__init__(*args, **kwargs)
        self.page = page
        for question in page.questions:
            name = field_name(question)
            field = question_field(question, files_given=file_names.get(question.key, ()))
            field.as_heading = page.question_is_heading
            self.fields[name] = field
            if question.kind != Kind.FILE and question.key in answers:
                self.initial[name] = answers[question.key]

    def answers(self):
        """{question key: answer as a draft keeps it}, files left out."""
        return {
            question.key: stored_value(question, self.cleaned_data[field_name(question)])
            for question in self.page.questions
            if question.kind != Kind.FILE
        }

    def uploads(self):
        """{question key: the new files (CheckedUploads), perhaps none} of the file questions."""
        return {
            question.key: self.cleaned_data[field_name(question)]
            for question in self.page.questions
            if question.kind == Kind.FILE
        }
