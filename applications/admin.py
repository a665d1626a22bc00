import re

from django import forms
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch, Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from portal.links import site_origin
from portal.pagination import LargeTablePaginator

from .forms import InquiryStatusChangeForm, StatusChangeForm
from .models import (
    REFERENCE_FORMAT,
    Application,
    ApplicationStatusChange,
    Attachment,
    FileKind,
    Inquiry,
    InquiryStatusChange,
    PublishedAnswer,
    Question,
    Service,
)
from .publication import AnswerPublishForm, answer_publish
from .services import (
    allowed_targets,
    application_change_status,
    inquiry_answer,
    inquiry_change_status,
)
from .statuses import Actor, InquiryStatus

PEOPLE_SEARCHED = 1000


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
            "kind",
            "required",
            "options",
            "min_length",
            "max_length",
            "min_value",
            "max_value",
            "date_limit",
            "file_kinds",
            "max_file_mb",
            "max_files",
        ]
        widgets = {
            "options": forms.Textarea(attrs={"rows": 4}),
            "hint": forms.Textarea(attrs={"rows": 2}),
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
        (None, {"fields": [("kind", "required"), "options"]}),
        (
            _("Limits"),
            {
                "classes": ["collapse"],
                "description": _(
                    "Only those for the question's kind count: length for text, lowest and "
                    "highest for numbers, dates allowed for dates, the rest for file uploads."
                ),
                "fields": [
                    ("min_length", "max_length"),
                    ("min_value", "max_value"),
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
    ]
    list_filter = ["is_open", "lists_applications_publicly"]
    search_fields = ["name", "summary"]
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
        (None, {"fields": ["processing_days", "draft_days"]}),
    ]
    inlines = [QuestionInline]


class AssignmentFilter(admin.SimpleListFilter):
    title = "assigned caseworker"
    parameter_name = "assigned"

    def lookups(self, request, model_admin):
        return [("me", "Assigned to me"), ("nobody", "Not assigned")]

    def queryset(self, request, queryset):
        if self.value() == "me":
            return queryset.filter(assigned_to=request.user)
        if self.value() == "nobody":
            return queryset.filter(assigned_to__isnull=True)
        return queryset


class QueueFilter(admin.SimpleListFilter):
    title = _("queue")
    parameter_name = "queue"
    CITIZEN_REPLIED = "citizen_replied"

    def lookups(self, request, model_admin):
        return [(self.CITIZEN_REPLIED, _("Citizen replied"))]

    def queryset(self, request, queryset):
        if self.value() == self.CITIZEN_REPLIED:
            return queryset.citizen_replied()
        return queryset


class OverdueFilter(admin.SimpleListFilter):
    title = "overdue"
    parameter_name = "overdue"

    def lookups(self, request, model_admin):
        return [("yes", "Overdue"), ("no", "On time or decided")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.overdue()
        if self.value() == "no":
            return queryset.not_overdue()
        return queryset


def matching_people(term):
    """The ids of (at most PEOPLE_SEARCHED) accounts whose email address begins with the term, or
    whose name contains it."""
    people = get_user_model().objects.matching(term).values_list("pk", flat=True)
    # A list, not a subquery: given the few ids, PostgreSQL reads their cases through the index
    # on the citizen; given a subquery, it may walk through every case looking for them.
    return list(people[:PEOPLE_SEARCHED])


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False
    template = "admin/edit_inline/read_only_tabular.html"

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


def file_links(attachments):
    if not attachments:
        return "—"
    return format_html(
        "<ul>{}</ul>",
        format_html_join(
            "",
            '<li><a href="{}">{}</a> ({})</li>',
            (
                (attachment.get_absolute_url(), attachment, attachment.get_content_type_display())
                for attachment in attachments
            ),
        ),
    )


class ApplicationHistoryInline(ReadOnlyInline):
    model = ApplicationStatusChange
    fields = [
        "changed_at",
        "from_",
        "to",
        "changed_by",
        "note_to_citizen",
        "files",
        "internal_note",
    ]
    readonly_fields = fields
    verbose_name_plural = "status history (read-only)"

    def get_queryset(self, request):
        # Each row shows its case (in its title), who made the change and the files sent with
        # it: one query for the rows, one for the files.
        case_field = self.model.case_field
        files = Attachment.objects.select_related(case_field)
        return (
            super()
            .get_queryset(request)
            .select_related(case_field, "changed_by")
            .prefetch_related(Prefetch("attachments", queryset=files))
        )

    @admin.display(description=_("files sent with it"))
    def files(self, change):
        return file_links(change.attachments.all())

    @admin.display(description="from")
    def from_(self, change):
        return change.from_label or "—"

    @admin.display(description="to")
    def to(self, change):
        return change.to_label


class InquiryHistoryInline(ApplicationHistoryInline):
    model = InquiryStatusChange


class AttachmentInline(ReadOnlyInline):
    model = Attachment
    fk_name = "application"
    fields = ["download", "sent_with", "content_type", "size", "uploaded_at"]
    readonly_fields = fields

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related(self.fk_name, "answer", "application_change", "inquiry_change")
        )

    @admin.display(description=_("sent with"))
    def sent_with(self, attachment):
        if attachment.answer_id:
            return attachment.answer.question_text
        change = attachment.application_change or attachment.inquiry_change
        if change:
            return gettext("Message of %(date)s") % {
                "date": timezone.localtime(change.changed_at).strftime("%Y-%m-%d %H:%M")
            }
        return gettext("The first message")

    @admin.display(description="file")
    def download(self, attachment):
        return format_html('<a href="{}">{}</a>', attachment.get_absolute_url(), attachment)


class CaseAdmin(admin.ModelAdmin):
    """Shared by applications and inquiries: statuses change only through the status form.

    The lists hold millions of cases, so every list is read from an index: newest first (or by
    reference), filtered by status or date, searched by exact reference or by the citizen. There is
    no date hierarchy (it reads every case to list the years and months; the date filter does the
    same job) and no filter counts ("facets", one count per choice over every case).
    """

    status_form_class = StatusChangeForm
    person_field = "applicant"  # the citizen whose case it is
    list_per_page = 50
    paginator = LargeTablePaginator
    show_full_result_count = False
    show_facets = admin.ShowFacets.NEVER
    sortable_by = ["reference", "submitted_at"]
    search_help_text = (
        "An 8-digit reference finds that case. Other words search the citizen's name and the "
        "beginning of their email address."
    )
    view_on_site = False  # the public case page is the citizen's own
    actions = ["assign_to_me"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "<int:object_id>/status/",
                self.admin_site.admin_view(self.status_view),
                name="{}_{}_status".format(*info),
            ),
            *super().get_urls(),
        ]

    @admin.action(description="Assign the selected cases to me", permissions=["change"])
    def assign_to_me(self, request, queryset):
        count = queryset.update(assigned_to=request.user)
        self.message_user(request, f"{count} case(s) assigned to you.", messages.SUCCESS)

    def get_search_results(self, request, queryset, search_term):
        term = search_term.strip()
        if not term:
            return queryset, False
        if re.fullmatch(REFERENCE_FORMAT, term):
            # One row from the unique index on reference, never a scan of every case.
            return queryset.filter(reference=term), False
        return queryset.filter(self.search_condition(term)), False

    def search_condition(self, term):
        return Q(**{f"{self.person_field}__in": matching_people(term)})

    @admin.display(description=_("citizen's name"))
    def person_name(self, case):
        return getattr(case, self.person_field).full_name or "—"

    @admin.display(description=_("preferred contact language"))
    def person_contact_language(self, case):
        return getattr(case, self.person_field).get_contact_language_display()

    def change_status(self, case, data, request):
        raise NotImplementedError

    def status_view(self, request, object_id):
        case = get_object_or_404(self.get_queryset(request), pk=object_id)
        if not self.has_change_permission(request, case):
            raise PermissionDenied
        targets = allowed_targets(case, actor=Actor.STAFF)
        form = self.status_form_class(request.POST or None, targets=targets)
        if request.method == "POST" and form.is_valid():
            try:
                self.change_status(case, form.cleaned_data, request)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                self.log_change(request, case, f"Status changed to {case.get_status_display()}.")
                self.message_user(
                    request,
                    f"{case.reference} is now “{case.get_status_display()}”. "
                    "We will email the citizen.",
                    messages.SUCCESS,
                )
                return redirect(
                    reverse(
                        f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=[case.pk]
                    )
                )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "case": case,
            "form": form,
            "targets": targets,
            "title": f"Change the status of {case.reference}",
        }
        return TemplateResponse(request, "admin/applications/status_change.html", context)


@admin.register(Application)
class ApplicationAdmin(CaseAdmin):
    list_display = [
        "reference",
        "service",
        "applicant",
        "status",
        "submitted_at",
        "due",
        "assigned_to",
    ]
    list_filter = [
        "status",
        "service",
        "submitted_at",
        AssignmentFilter,
        "assigned_to",
        OverdueFilter,
    ]
    list_select_related = ["service", "applicant", "assigned_to"]
    # What the search box looks in; get_search_results says how.
    search_fields = ["reference", "applicant__email", "applicant__full_name"]
    readonly_fields = [
        "reference",
        "applicant",
        "person_name",
        "person_contact_language",
        "service",
        "status",
        "submitted_at",
        "due_at",
        "answers",
        "listed_publicly",
    ]
    fields = [
        "reference",
        "service",
        "applicant",
        "person_name",
        "person_contact_language",
        "status",
        "submitted_at",
        "due_at",
        "answers",
        "listed_publicly",
        "assigned_to",
    ]
    inlines = [AttachmentInline, ApplicationHistoryInline]

    def get_list_filter(self, request):
        return [QueueFilter, *self.list_filter]

    def get_ordering(self, request):
        # The "Citizen replied" queue: the latest reply first.
        if request.GET.get(QueueFilter.parameter_name) == QueueFilter.CITIZEN_REPLIED:
            return ["-status_changed_at", "-pk"]
        return super().get_ordering(request)

    @admin.display(description=_("answers"))
    def answers(self, application):
        """The questions as the citizen was asked them, and their answers."""
        rows = []
        files = Attachment.objects.select_related("application")
        for answer in application.answers.prefetch_related(Prefetch("attachments", queryset=files)):
            if answer.kind == "file":
                shown = file_links(answer.attachments.all())
            elif isinstance(answer.display, list):
                shown = format_html_join(", ", "{}", ((item,) for item in answer.display))
            else:
                shown = format_html("{}", answer.display or "—")
            rows.append((answer.question_text, shown))
        if not rows:
            return "—"
        return format_html(
            '<dl class="answers">{}</dl>',
            format_html_join("", '<dt>{}</dt><dd style="white-space: pre-line">{}</dd>', rows),
        )

    @admin.display(description="decision due", ordering="due_at")
    def due(self, application):
        if application.is_overdue:
            return format_html(
                '<strong class="overdue">Overdue</strong> since {}',
                timezone.localtime(application.due_at).date(),
            )
        return timezone.localtime(application.due_at).date()

    def change_status(self, case, data, request):
        application_change_status(
            application=case,
            to_status=data["to_status"],
            by=request.user,
            note_to_citizen=data["note_to_citizen"],
            internal_note=data["internal_note"],
            base_url=site_origin(request),
        )


class InquiryAttachmentInline(AttachmentInline):
    fk_name = "inquiry"


@admin.register(Inquiry)
class InquiryAdmin(CaseAdmin):
    status_form_class = InquiryStatusChangeForm
    person_field = "author"
    list_display = ["reference", "subject", "author", "status", "submitted_at", "assigned_to"]
    list_filter = ["status", "submitted_at", AssignmentFilter, "assigned_to"]
    list_select_related = ["author", "assigned_to"]
    search_fields = ["reference", "subject", "author__email", "author__full_name"]
    search_help_text = (
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
    inlines = [InquiryAttachmentInline, InquiryHistoryInline]

    def search_condition(self, term):
        condition = super().search_condition(term)
        # The subject's trigram index needs three characters to narrow anything down.
        if len(term) >= 3:
            condition |= Q(subject__icontains=term)
        return condition

    def change_status(self, case, data, request):
        common = {
            "inquiry": case,
            "by": request.user,
            "note_to_citizen": data["note_to_citizen"],
            "internal_note": data["internal_note"],
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

    @admin.display(description="published question and answer")
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
            raise PermissionDenied
        form = AnswerPublishForm.for_inquiry(inquiry, request.POST or None)
        if request.method == "POST" and form.is_valid():
            texts = {name: form.cleaned_data[name] for name in ("title", "question", "answer")}
            try:
                published = answer_publish(inquiry=inquiry, by=request.user, **texts)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                self.log_change(request, inquiry, "Question and answer published.")
                self.message_user(
                    request,
                    _("The question and answer are published at %(url)s.")
                    % {"url": published.get_absolute_url()},
                    messages.SUCCESS,
                )
                return redirect(reverse("admin:applications_inquiry_change", args=[inquiry.pk]))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "case": inquiry,
            "form": form,
            "is_published": hasattr(inquiry, "published_answer"),
            "title": _("Publish the question and answer of %(reference)s")
            % {"reference": inquiry.reference},
        }
        return TemplateResponse(request, "admin/applications/inquiry/publish.html", context)


@admin.register(PublishedAnswer)
class PublishedAnswerAdmin(admin.ModelAdmin):
    """The public archive of answered questions. Answers are published from their inquiry;
    here caseworkers correct them, or delete them to take them down."""

    list_display = ["title", "reference", "answered_at", "published_at", "published_by"]
    list_filter = ["published_at"]
    list_select_related = ["inquiry", "published_by"]
    search_fields = ["title", "inquiry__reference"]
    fields = ["inquiry_link", "title", "question", "answer", "answered_at", "published_at"]
    readonly_fields = ["inquiry_link", "answered_at", "published_at"]

    def has_add_permission(self, request):
        return False

    @admin.display(description="reference", ordering="inquiry__reference")
    def reference(self, published):
        return published.inquiry.reference

    @admin.display(description="inquiry")
    def inquiry_link(self, published):
        url = reverse("admin:applications_inquiry_change", args=[published.inquiry_id])
        return format_html('<a href="{}">{}</a>', url, published.inquiry.reference)
