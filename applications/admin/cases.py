"""What the admin pages of applications and inquiries share: the status form, search by
reference or citizen, assignment, and the read-only history and files of a case."""

import re

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.views.main import (
    ERROR_FLAG,
    IS_POPUP_VAR,
    ORDER_VAR,
    PAGE_VAR,
    SEARCH_VAR,
    TO_FIELD_VAR,
    ChangeList,
)
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch, Q
from django.shortcuts import get_object_or_404, redirect
from django.template.defaultfilters import filesizeformat
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone, translation
from django.utils.functional import cached_property
from django.utils.html import escape, format_html, format_html_join
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, ngettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from portal.pagination import LargeTablePaginator

from ..forms import StatusChangeForm
from ..models import REFERENCE_FORMAT, ApplicationStatusChange, Attachment
from ..services import allowed_targets
from ..statuses import Actor

PEOPLE_SEARCHED = 1000


class AssignmentFilter(admin.SimpleListFilter):
    """Cases assigned to me, to nobody, or to a caseworker chosen from a list: one select and a
    button, where a link for each of a city's caseworkers made a long list to scroll past and
    half a millisecond of every list page."""

    title = _("assigned caseworker")
    parameter_name = "assigned"
    template = "admin/applications/assignment_filter.html"

    def __init__(self, request, params, model, model_admin):
        super().__init__(request, params, model, model_admin)
        # The list's other filters, search and order, kept when a caseworker is chosen (as the
        # admin's search form keeps them).
        ignored = {self.parameter_name, PAGE_VAR, ERROR_FLAG}
        self.other_parameters = [(k, v) for k, v in request.GET.items() if k not in ignored]
        self.me = str(request.user.pk)
        field = model._meta.get_field("assigned_to")
        staff = field.related_model._default_manager.complex_filter(field.get_limit_choices_to())
        staff = staff.distinct()  # a superuser in several groups is one caseworker
        # Each caseworker's email address by key, as the address's parameter gives it.
        self.caseworkers = {
            str(pk): email for pk, email in staff.order_by("email").values_list("pk", "email")
        }

    def lookups(self, request, model_admin):
        return [("me", _("Assigned to me")), ("nobody", _("Not assigned"))]

    def queryset(self, request, queryset):
        value = self.value()
        if value == "me":
            return queryset.filter(assigned_to=request.user)
        if value == "nobody":
            return queryset.filter(assigned_to__isnull=True)
        if value in self.caseworkers:
            return queryset.filter(assigned_to=value)
        return queryset

    def caseworker_options(self):
        # Written here: the template language took 12 µs an option, 0.6 ms a page. Until
        # another caseworker is chosen, the list shows the person reading it.
        value = self.value()
        chosen = value if value in self.caseworkers else self.me
        return mark_safe(
            "".join(
                f'<option value="{pk}"{" selected" if pk == chosen else ""}>'
                f"{escape(email)}</option>"
                for pk, email in self.caseworkers.items()
            )
        )


class QuerySetFilter(admin.SimpleListFilter):
    """A filter whose each choice is a method of the case queryset: `methods` holds, for each
    value of the address's parameter, its label and the method's name."""

    methods = {}

    def lookups(self, request, model_admin):
        return [(value, label) for value, (label, _method) in self.methods.items()]

    def queryset(self, request, queryset):
        if self.value() in self.methods:
            _label, method = self.methods[self.value()]
            return getattr(queryset, method)()
        return queryset


class StageFilter(QuerySetFilter):
    """Cases still to be dealt with, or done with (decided, answered or closed): the first is a
    caseworker's queue."""

    title = _("stage")
    parameter_name = "stage"
    methods = {
        "open": (_("To be dealt with"), "still_open"),
        "done": (_("Done with"), "done"),
    }


class ServiceFilter(admin.RelatedFieldListFilter):
    """The admin's filter by service, whose choices are read as each service's key and name (in
    the admin's language) instead of as whole records."""

    def field_choices(self, field, request, model_admin):
        ordering = self.field_admin_ordering(field, request, model_admin)
        records = field.remote_field.model._default_manager.complex_filter(
            field.get_limit_choices_to()
        )
        if ordering:
            records = records.order_by(*ordering)
        services = records.only("name", "name_zh_hans")
        return [(service.pk, str(service.localised.name)) for service in services]


def matching_people(term):
    """The ids of (at most PEOPLE_SEARCHED) accounts whose email address begins with the term, or
    whose name contains it."""
    people = get_user_model().objects.matching(term).values_list("pk", flat=True)
    # A list, not a subquery: given the few ids, PostgreSQL reads their cases through the index
    # on the citizen; given a subquery, it may walk through every case looking for them.
    return list(people[:PEOPLE_SEARCHED])


class CaseChangeList(ChangeList):
    def url_for_result(self, result):
        # A case's page is its number under the list's own address (the admin's URLs): one
        # reverse() for the list, where one for each row took a tenth of writing the rows.
        return f"{self.changelist_url}{result.pk}/change/"

    @cached_property
    def changelist_url(self):
        opts = self.opts
        name = f"admin:{opts.app_label}_{opts.model_name}_changelist"
        return reverse(name, current_app=self.model_admin.admin_site.name)

    def get_queryset(self, request, exclude_parameters=None):
        # A row shows a few of the case's columns and the names of its service and people (the
        # case admin's list_only): whole rows carried each service's texts and search vectors
        # and each person's password hash.
        queryset = super().get_queryset(request, exclude_parameters)
        return queryset.only(*self.model_admin.list_only)


class PeopleAsText:
    """The admin links a read-only person to their account's page even for staff who may not open
    accounts (a 403 page): for them, each of people_fields is shown as text."""

    people_fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.people_fields:
            setattr(self, f"{name}_as_text", person_as_text(self.model._meta.get_field(name)))

    def get_fields(self, request, obj=None):
        return self.people_shown_to(request, super().get_fields(request, obj))

    def get_readonly_fields(self, request, obj=None):
        return self.people_shown_to(request, super().get_readonly_fields(request, obj))

    def people_shown_to(self, request, names):
        accounts = get_user_model()._meta
        if any(
            request.user.has_perm(f"{accounts.app_label}.{action}_{accounts.model_name}")
            for action in ("view", "change")
        ):
            return names
        return [f"{name}_as_text" if name in self.people_fields else name for name in names]


def person_as_text(field):
    def shown(obj):
        return getattr(obj, field.name) or "—"

    shown.short_description = field.verbose_name
    return shown


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


class ApplicationHistoryInline(PeopleAsText, ReadOnlyInline):
    model = ApplicationStatusChange
    people_fields = ["changed_by"]
    fields = [
        "changed_at",
        "from_",
        "to",
        "changed_by",
        "note_on_citizens_page",
        "files",
        "internal_note",
    ]
    readonly_fields = fields
    verbose_name_plural = _("status history (read-only)")

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

    # A caseworker's note to the citizen, or the citizen's own reply or follow-up question: what
    # the citizen's page shows of the change, where it shows nothing of the internal note.
    @admin.display(description=_("note on the citizen's page"))
    def note_on_citizens_page(self, change):
        return change.note_to_citizen or self.get_empty_value_display()

    @admin.display(description=_("files sent with it"))
    def files(self, change):
        return file_links(change.attachments.all())

    # In context: the outbox's "to" is an email's recipient, and catalogues share their words.
    @admin.display(description=pgettext_lazy("status change", "from"))
    def from_(self, change):
        return change.from_label or "—"

    @admin.display(description=pgettext_lazy("status change", "to"))
    def to(self, change):
        return change.to_label


class AttachmentInline(ReadOnlyInline):
    model = Attachment
    fk_name = "application"
    fields = ["download", "sent_with", "content_type", "size_shown", "uploaded_at"]
    readonly_fields = fields

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related(
                self.fk_name, "answer__question", "application_change", "inquiry_change"
            )
        )

    @admin.display(description=_("sent with"))
    def sent_with(self, attachment):
        if attachment.answer_id:
            return attachment.answer.question_shown
        change = attachment.application_change or attachment.inquiry_change
        if not change:
            return gettext("The first message")
        date = timezone.localtime(change.changed_at).strftime("%Y-%m-%d %H:%M")
        case = getattr(attachment, self.fk_name)
        if change.changed_by_id == case.citizen_id:
            return gettext("Message of %(date)s") % {"date": date}
        return gettext("Sent by the city on %(date)s") % {"date": date}

    @admin.display(description=_("size"))
    def size_shown(self, attachment):
        return filesizeformat(attachment.size)

    @admin.display(description=_("file"))
    def download(self, attachment):
        return format_html('<a href="{}">{}</a>', attachment.get_absolute_url(), attachment)


class CaseAdmin(PeopleAsText, admin.ModelAdmin):
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
    search_help_text = _(
        "An 8-digit reference finds that case. Other words search the citizen's name and the "
        "beginning of their email address."
    )
    view_on_site = False  # the public case page is the citizen's own
    change_list_template = "admin/applications/case_change_list.html"  # rows from rows.py
    actions = ["assign_to_me"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_changelist(self, request, **kwargs):
        return CaseChangeList

    def log_change(self, request, obj, message):
        # The log is the caseworkers' record: kept in one language, whoever reads it (a case's
        # name holds its service's, which follows the language).
        with translation.override(settings.LANGUAGE_CODE):
            return super().log_change(request, obj, message)

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

    @admin.action(description=_("Assign the selected cases to me"), permissions=["change"])
    def assign_to_me(self, request, queryset):
        count = queryset.exclude(assigned_to=request.user).update(assigned_to=request.user)
        if count:
            message = ngettext(
                "%(count)s case assigned to you.", "%(count)s cases assigned to you.", count
            ) % {"count": count}
        else:
            message = gettext("The selected cases were assigned to you already.")
        self.message_user(request, message, messages.SUCCESS)

    # What a list's address may hold beside its search without narrowing it down.
    NOT_FILTERS = {SEARCH_VAR, ORDER_VAR, PAGE_VAR, ERROR_FLAG, IS_POPUP_VAR, TO_FIELD_VAR}

    def changelist_view(self, request, extra_context=None):
        reference = request.GET.get(SEARCH_VAR, "").strip()
        filtered = request.GET.keys() - self.NOT_FILTERS
        if request.method == "GET" and re.fullmatch(REFERENCE_FORMAT, reference) and filtered:
            # A reference names one case: the filters would only hide it.
            message = gettext(
                "Reference %(reference)s was looked up among all %(cases)s, so the filters were "
                "cleared."
            ) % {"reference": reference, "cases": self.opts.verbose_name_plural}
            self.message_user(request, message, messages.INFO)
            kept = {k: v for k, v in request.GET.items() if k in self.NOT_FILTERS - {PAGE_VAR}}
            return redirect(f"{request.path}?{urlencode({**kept, SEARCH_VAR: reference})}")
        return super().changelist_view(request, extra_context)

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

    def what_the_citizen_sent(self, case):
        """What the status form shows of the citizen's last word, for the form to answer."""
        return {}

    def status_view(self, request, object_id):
        case = get_object_or_404(self.get_queryset(request), pk=object_id)
        if not self.has_change_permission(request, case):
            raise PermissionDenied
        targets = allowed_targets(case, actor=Actor.STAFF)
        form = self.status_form_class(request.POST or None, request.FILES or None, targets=targets)
        if request.method == "POST" and form.is_valid():
            try:
                self.change_status(case, form.cleaned_data, request)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                # The log is the caseworkers' record: kept in one language, whoever reads it.
                with translation.override(settings.LANGUAGE_CODE):
                    logged = f"Status changed to {case.get_status_display()}."
                self.log_change(request, case, logged)
                self.message_user(
                    request,
                    gettext("%(reference)s is now “%(status)s”. We will email the citizen.")
                    % {"reference": case.reference, "status": case.get_status_display()},
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
            "title": gettext("Change the status of %(reference)s") % {"reference": case.reference},
            **self.what_the_citizen_sent(case),
        }
        return TemplateResponse(request, "admin/applications/status_change.html", context)
