from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from portal.admin_editor import RichTextEditorAdminMixin
from portal.admin_site import PublicPagesAdmin
from portal.services import page_feedback_move
from portal.translation import (
    ChineseVersionFilter,
    chinese_fieldset,
    chinese_version,
    preview_links,
    render_preview,
)

from .models import Question, Topic


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position", "question_count", chinese_version]
    list_editable = ["position"]
    list_filter = [ChineseVersionFilter]
    search_fields = ["name", "name_zh_hans"]
    prepopulated_fields = {"slug": ["name"]}
    fieldsets = [
        (None, {"fields": ["name", "slug", "position"]}),
        chinese_fieldset(["name"]),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(question_count=Count("questions"))

    @admin.display(description=_("Questions"), ordering="question_count")
    def question_count(self, topic):
        return topic.question_count


class QuestionListForm(forms.ModelForm):
    """The inputs in the list, each named for its row: a column header does not label them, and
    the fields' help, shown on the question's own page, is not repeated on every row."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.help_text = ""
            field.widget.attrs["aria-label"] = f"{field.label}: {self.instance}"


@admin.register(Question)
class QuestionAdmin(PublicPagesAdmin, RichTextEditorAdminMixin, admin.ModelAdmin):
    """Drafts and preview as for news articles: an unpublished question is a draft, seen only by
    staff through the preview; it is published from its own page, after the preview."""

    list_display = [
        "question",
        "topic",
        "position",
        "featured",
        "visibility",
        "useful_yes",
        "useful_no",
        "updated_at",
        chinese_version,
    ]
    list_editable = ["position", "featured"]
    list_filter = ["published", "featured", "topic", ChineseVersionFilter]
    search_fields = ["question", "answer_text", "question_zh_hans"]
    ordering = ["topic__position", "topic__name", "position", "question"]
    prepopulated_fields = {"slug": ["question"]}
    readonly_fields = [
        "preview_link",
        "useful_yes",
        "useful_no",
        "feedback_link",
        "created_at",
        "updated_at",
    ]
    fieldsets = [
        (None, {"fields": ["topic", "question", "slug", "answer", "position"]}),
        chinese_fieldset(["question", "answer"]),
        (_("Publishing"), {"fields": ["published", "featured", "preview_link"]}),
        (_("Is this page useful?"), {"fields": ["useful_yes", "useful_no", "feedback_link"]}),
        (_("History"), {"fields": ["created_at", "updated_at"]}),
    ]

    def get_changelist_form(self, request, **kwargs):
        return super().get_changelist_form(request, form=QuestionListForm, **kwargs)

    @admin.display(description=_("visible to the public"), ordering="published")
    def visibility(self, question):
        return _("Yes") if question.published else _("No (draft)")

    @admin.display(description=_("preview"))
    def preview_link(self, question):
        if not question.pk:
            return _("Save the question first, then preview it here.")
        return preview_links(self.preview_url(question), _("Preview this answer as it will look"))

    def preview_url(self, question):
        return reverse("admin:faq_question_preview", args=[question.pk])

    def view_on_site(self, question):
        return question.get_absolute_url() if question.published else self.preview_url(question)

    def get_urls(self):
        preview = self.admin_site.admin_view(self.preview_view)
        preview_url = path("<int:pk>/preview/", preview, name="faq_question_preview")
        return [preview_url, *super().get_urls()]

    def preview_view(self, request, pk):
        question = get_object_or_404(Question.objects.select_related("topic"), pk=pk)
        if not self.has_view_or_change_permission(request, question):
            raise PermissionDenied
        context = {"question": question, "preview": True}
        return render_preview(request, "faq/question_detail.html", context)

    def get_queryset(self, request):
        return super().get_queryset(request).with_usefulness()

    def save_page(self, request, question, form, change):
        moved_from = None
        if change and "slug" in form.changed_data:
            moved_from = Question(slug=form.initial["slug"]).get_absolute_url()
        super().save_page(request, question, form, change)
        # The answer's page moved: what people said about it goes along.
        if moved_from:
            page_feedback_move(old_path=moved_from, new_path=question.get_absolute_url())

    def is_public(self, question):
        return question.published

    @admin.display(description=_("Useful"), ordering="useful_count")
    def useful_yes(self, question):
        return question.useful_count

    @admin.display(description=_("Not useful"), ordering="not_useful_count")
    def useful_no(self, question):
        return question.not_useful_count

    @admin.display(description=_("what people said"))
    def feedback_link(self, question):
        if not question.pk:
            return "-"
        changelist = reverse("admin:portal_pagefeedback_changelist")
        return format_html(
            '<a href="{}?{}">{}</a>',
            changelist,
            urlencode({"q": question.get_absolute_url()}),
            _("Read what people said about this page"),
        )
