"""Services and the questions of their application forms, which staff write here."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from portal.translation import ChineseVersionFilter, chinese_fieldset, chinese_version

from ..models import FileKind, Question, Service


class QuestionForm(forms.ModelForm):
    file_kinds = forms.MultipleChoiceField(
        label=_("file kinds allowed"),
        choices=FileKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None chosen: PDF, JPEG and PNG."),
    )

    class Meta:
        model = Question
        fields = [
            "page",
            "position",
            "page_heading",
            "label",
            "hint",
            "page_heading_zh_hans",
            "label_zh_hans",
            "hint_zh_hans",
            "kind",
            "required",
            "options",
            "options_zh_hans",
            "last_option_alone",
            "min_length",
            "max_length",
            "min_value",
            "max_value",
            "whole_numbers",
            "date_limit",
            "file_kinds",
            "max_file_mb",
            "max_files",
        ]
        widgets = {
            "options": forms.Textarea(attrs={"rows": 4}),
            "hint": forms.Textarea(attrs={"rows": 2}),
            "options_zh_hans": forms.Textarea(attrs={"rows": 4}),
            "hint_zh_hans": forms.Textarea(attrs={"rows": 2}),
        }


class QuestionFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        pages = {}
        for form in self.forms:
            data = getattr(form, "cleaned_data", None)
            if not data or data.get("DELETE") or not data.get("label"):
                continue
            pages.setdefault(data.get("page"), []).append(data)
        for number, questions in pages.items():
            if len(questions) > 1 and not any(q.get("page_heading") for q in questions):
                raise ValidationError(
                    gettext("Page %(page)s has several questions: give one of them a page heading.")
                    % {"page": number}
                )


class QuestionInline(admin.StackedInline):
    """A service's questions: what the citizen's form asks, page by page."""

    model = Question
    form = QuestionForm
    formset = QuestionFormSet
    extra = 0
    fieldsets = [
        (None, {"fields": [("page", "position"), "page_heading", "label", "hint"]}),
        chinese_fieldset(["page_heading", "label", "hint"]),
        (
            None,
            {
                "fields": [
                    ("kind", "required"),
                    ("options", "options_zh_hans"),
                    "last_option_alone",
                ]
            },
        ),
        (
            _("Limits"),
            {
                "classes": ["collapse"],
                "description": _(
                    "Only those for the question's kind count: length for text, lowest, highest "
                    "and whole numbers only for numbers, dates allowed for dates, the rest for "
                    "file uploads."
                ),
                "fields": [
                    ("min_length", "max_length"),
                    ("min_value", "max_value"),
                    "whole_numbers",
                    "date_limit",
                    "file_kinds",
                    ("max_file_mb", "max_files"),
                ],
            },
        ),
    ]


@admin.register(Service)
class ServiceAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "slug",
        "processing_days",
        "is_open",
        "lists_applications_publicly",
        "updated_at",
        chinese_version,
    ]
    list_filter = ["is_open", "lists_applications_publicly", ChineseVersionFilter]
    search_fields = ["name", "summary", "name_zh_hans"]
    prepopulated_fields = {"slug": ["name"]}
    fieldsets = [
        (None, {"fields": ["name", "slug", "summary", "is_open"]}),
        (
            _("Start page"),
            {
                "description": _(
                    "What the start page says before the “Start now” button. Empty sections "
                    "are left out; “Fees” says there is no fee."
                ),
                "fields": ["description", "who_can_apply", "what_to_provide", "fees"],
            },
        ),
        chinese_fieldset(
            ["name", "summary", "description", "who_can_apply", "what_to_provide", "fees"]
        ),
        (None, {"fields": ["processing_days", "draft_days"]}),
    ]
    inlines = [QuestionInline]
