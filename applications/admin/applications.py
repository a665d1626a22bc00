"""Applications in the admin: the caseworkers' queues, answers and decision dates."""

from django.contrib import admin
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from portal.links import site_origin

from ..models import Application, Attachment
from ..services import application_change_status
from .cases import (
    ApplicationHistoryInline,
    AssignmentFilter,
    AttachmentInline,
    CaseAdmin,
    QuerySetFilter,
    ServiceFilter,
    StageFilter,
    file_links,
)


class QueueFilter(QuerySetFilter):
    title = _("queue")
    parameter_name = "queue"
    CITIZEN_REPLIED = "citizen_replied"
    methods = {CITIZEN_REPLIED: (_("Citizen replied"), "citizen_replied")}


class OverdueFilter(QuerySetFilter):
    title = _("overdue")
    parameter_name = "overdue"
    methods = {
        "yes": (_("Overdue"), "overdue"),
        "no": (_("On time or decided"), "not_overdue"),
    }


@admin.register(Application)
class ApplicationAdmin(CaseAdmin):
    list_display = [
        "reference",
        "service_name",
        "applicant",
        "status",
        "submitted_at",
        "due",
        "assigned_to",
    ]
    list_filter = [
        "status",
        StageFilter,
        ("service", ServiceFilter),
        "submitted_at",
        AssignmentFilter,
        OverdueFilter,
    ]
    list_select_related = ["service", "applicant", "assigned_to"]
    # What the columns show (and the case's name, in its checkbox's label).
    list_only = [
        "reference",
        "status",
        "submitted_at",
        "due_at",
        "service__name",
        "service__name_zh_hans",
        "applicant__email",
        "assigned_to__email",
    ]
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
    people_fields = ["applicant"]
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
        answers = application.answers.select_related("question")
        for answer in answers.prefetch_related(Prefetch("attachments", queryset=files)):
            display = answer.display
            if answer.kind == "file":
                shown = file_links(answer.attachments.all())
            elif isinstance(display, list):
                shown = format_html_join(", ", "{}", ((item,) for item in display))
            else:
                shown = format_html("{}", display or "—")
            rows.append((answer.question_shown, shown))
        if not rows:
            return "—"
        return format_html(
            '<dl class="answers">{}</dl>',
            format_html_join("", '<dt>{}</dt><dd style="white-space: pre-line">{}</dd>', rows),
        )

    @admin.display(description=_("service"))
    def service_name(self, application):
        return str(application.service.localised.name)

    @admin.display(description=_("decision due"), ordering="due_at")
    def due(self, application):
        if application.is_decided:
            return self.get_empty_value_display()
        if application.is_overdue:
            return format_html(
                gettext('<strong class="overdue">Overdue</strong> since {date}'),
                date=date_format(timezone.localtime(application.due_at).date()),
            )
        return date_format(timezone.localtime(application.due_at).date())

    def what_the_citizen_sent(self, case):
        reply = case.citizens_reply()
        if not reply:
            return {}
        files = reply.attachments.select_related("application")  # for their addresses
        return {"reply": reply, "reply_files": file_links(files) if files else ""}

    def change_status(self, case, data, request):
        application_change_status(
            application=case,
            to_status=data["to_status"],
            by=request.user,
            note_to_citizen=data["note_to_citizen"],
            internal_note=data["internal_note"],
            uploads=data["attachments"],
            base_url=site_origin(request),
        )
