import re

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext

from portal.pagination import LargeTablePaginator

from .forms import InquiryStatusChangeForm, StatusChangeForm
from .models import (
    REFERENCE_FORMAT,
    Application,
    ApplicationStatusChange,
    Attachment,
    Inquiry,
    InquiryStatusChange,
    Service,
)
from .services import (
    allowed_targets,
    application_change_status,
    inquiry_answer,
    inquiry_change_status,
)
from .statuses import Actor, InquiryStatus

PEOPLE_SEARCHED = 1000


@admin.register(Service)
class ServiceAdmin(admin.ModelAdmin):
    list_display = ["name", "processing_days", "is_open"]
    list_filter = ["is_open"]
    search_fields = ["name", "summary"]
    prepopulated_fields = {"slug": ["name"]}


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

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class ApplicationHistoryInline(ReadOnlyInline):
    model = ApplicationStatusChange
    fields = ["changed_at", "from_", "to", "changed_by", "note_to_citizen", "internal_note"]
    readonly_fields = fields
    verbose_name_plural = "status history (read-only)"

    def get_queryset(self, request):
        # Each row shows its case (in its title) and who made the change: one query for all.
        return super().get_queryset(request).select_related(self.model.case_field, "changed_by")

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
    fields = ["download", "content_type", "size", "uploaded_at"]
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("application")

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
    # Each row costs more to render than the rest of the page: 50 rows took a caseworker's list
    # over 30 ms of the server's time.
    list_per_page = 25
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

    def action_checkbox(self, case):
        # The admin's own markup, written out: rendering a form widget for each row took a tenth
        # of the list's time.
        return format_html(
            '<input type="checkbox" name="{}" value="{}" class="action-select" aria-label="{}">',
            helpers.ACTION_CHECKBOX_NAME,
            case.pk,
            format_html(gettext("Select this object for an action - {}"), case),
        )

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
        "service",
        "status",
        "submitted_at",
        "due_at",
        "details",
    ]
    fields = [
        "reference",
        "service",
        "applicant",
        "status",
        "submitted_at",
        "due_at",
        "details",
        "assigned_to",
    ]
    inlines = [AttachmentInline, ApplicationHistoryInline]

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
            base_url=request.build_absolute_uri("/"),
        )


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
        "status",
        "submitted_at",
        "subject",
        "message",
        "answer",
        "answered_by",
        "answered_at",
    ]
    fields = [*readonly_fields, "assigned_to"]
    inlines = [InquiryHistoryInline]

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
            "base_url": request.build_absolute_uri("/"),
        }
        if data["to_status"] == InquiryStatus.ANSWERED:
            inquiry_answer(answer=data["answer"], **common)
        else:
            inquiry_change_status(to_status=data["to_status"], **common)
