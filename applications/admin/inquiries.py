"""Inquiries in the admin: answering them, and publishing an answered question."""

from django.contrib import admin, messages
from django.contrib.postgres.search import SearchQuery, SearchVectorExact
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from portal.admin_site import PermissionNeeded
from portal.fulltext import HAN_RUN, han_terms
from portal.links import site_origin

from ..forms import InquiryStatusChangeForm
from ..models import Inquiry, InquiryStatusChange
from ..models.cases import SUBJECT_HAN_PAIRS
from ..publication import AnswerPublishForm, answer_publish
from ..services import inquiry_answer, inquiry_change_status
from ..statuses import InquiryStatus
from .cases import (
    ApplicationHistoryInline,
    AssignmentFilter,
    AttachmentInline,
    CaseAdmin,
    StageFilter,
)


class InquiryHistoryInline(ApplicationHistoryInline):
    model = InquiryStatusChange


class InquiryAttachmentInline(AttachmentInline):
    fk_name = "inquiry"


@admin.register(Inquiry)
class InquiryAdmin(CaseAdmin):
    status_form_class = InquiryStatusChangeForm
    person_field = "author"
    list_display = ["reference", "subject", "author", "status", "submitted_at", "assigned_to"]
    list_filter = ["status", StageFilter, "submitted_at", AssignmentFilter]
    list_only = [
        "reference",
        "subject",
        "status",
        "submitted_at",
        "author__email",
        "assigned_to__email",
    ]
    search_fields = ["reference", "subject", "author__email", "author__full_name"]
    search_help_text = _(
        "An 8-digit reference finds that inquiry. Other words search the subject, the citizen's "
        "name and the beginning of their email address."
    )
    readonly_fields = [
        "reference",
        "author",
        "person_name",
        "person_contact_language",
        "status",
        "submitted_at",
        "subject",
        "message",
        "answer",
        "answered_by",
        "answered_at",
        "listed_publicly",
        "publication_agreed",
        "published",
        "follow_up",
        "follow_up_at",
        "follow_up_answer",
        "follow_up_answered_at",
    ]
    fields = [*readonly_fields, "assigned_to"]
    people_fields = ["author", "answered_by"]
    inlines = [InquiryAttachmentInline, InquiryHistoryInline]

    def search_condition(self, term):
        condition = super().search_condition(term)
        # The subject's trigram index needs three characters to narrow anything down; one or
        # two Chinese characters are looked up among its pairs of them.
        if len(term) >= 3:
            condition |= Q(subject__icontains=term)
        elif HAN_RUN.fullmatch(term):
            pairs = SearchQuery(" & ".join(han_terms(term)), search_type="raw", config="simple")
            condition |= Q(SearchVectorExact(SUBJECT_HAN_PAIRS, pairs))
        return condition

    def change_status(self, case, data, request):
        common = {
            "inquiry": case,
            "by": request.user,
            "note_to_citizen": data["note_to_citizen"],
            "internal_note": data["internal_note"],
            "uploads": data["attachments"],
            "base_url": site_origin(request),
        }
        if data["to_status"] == InquiryStatus.ANSWERED:
            inquiry_answer(answer=data["answer"], **common)
        else:
            inquiry_change_status(to_status=data["to_status"], **common)

    def get_urls(self):
        return [
            path(
                "<int:object_id>/publish/",
                self.admin_site.admin_view(self.publish_view),
                name="applications_inquiry_publish",
            ),
            *super().get_urls(),
        ]

    @admin.display(description=_("published question and answer"))
    def published(self, inquiry):
        published = getattr(inquiry, "published_answer", None)
        if published is None:
            return _("Not published")
        return format_html('<a href="{}">{}</a>', published.get_absolute_url(), published.title)

    def publish_view(self, request, object_id):
        """Publish an answered question whose author agreed, after a caseworker has left out
        anything that could identify them."""
        inquiry = get_object_or_404(self.get_queryset(request), pk=object_id)
        if not request.user.has_perm("applications.add_publishedanswer"):
            raise PermissionNeeded("applications.add_publishedanswer")
        form = AnswerPublishForm.for_inquiry(inquiry, request.POST or None)
        if request.method == "POST" and form.is_valid():
            texts = {name: value for name, value in form.cleaned_data.items() if name != "checked"}
            try:
                published = answer_publish(inquiry=inquiry, by=request.user, **texts)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                self.log_change(request, inquiry, "Question and answer published.")
                self.message_user(
                    request,
                    format_html(
                        gettext(
                            'The question and answer are published: <a href="{url}">read them '
                            "as the public will</a>."
                        ),
                        url=published.get_absolute_url(),
                    ),
                    messages.SUCCESS,
                )
                return redirect(reverse("admin:applications_inquiry_change", args=[inquiry.pk]))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "case": inquiry,
            "form": form,
            "published_answer": getattr(inquiry, "published_answer", None),
            "title": _("Publish the question and answer of %(reference)s")
            % {"reference": inquiry.reference},
        }
        return TemplateResponse(request, "admin/applications/inquiry/publish.html", context)
