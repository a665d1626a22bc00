from urllib.parse import urlsplit

from django.contrib import admin, messages
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import Truncator, capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .forms import LongTextField
from .models import OutgoingEmail, PageFeedback, SiteProfile
from .pagination import LargeTablePaginator
from .purge import seconds_until_changes_show
from .translation import chinese_fieldset


@admin.register(SiteProfile)
class SiteProfileAdmin(admin.ModelAdmin):
    list_display = ["name", "tagline", "contact_email", "contact_phone"]
    fieldsets = [
        (_("Notice on every page"), {"fields": ["notice", "notice_link"]}),
        (None, {"fields": ["name", "tagline"]}),
        (
            _("Contact"),
            {"fields": ["contact_email", "contact_phone", "postal_address", "office_hours"]},
        ),
        chinese_fieldset(["notice", "name", "tagline", "postal_address", "office_hours"]),
    ]

    class Media:
        js = ["js/character-count.js"]  # the notice's box says what is left; admin's catalogue

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name in ("notice", "notice_zh_hans"):
            # Counted as the portal's other boxes are: no maxlength, a line break is one.
            return LongTextField(
                rows=3,
                max_length=db_field.max_length,
                required=False,
                label=capfirst(db_field.verbose_name),
                help_text=db_field.help_text,
            )
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        messages.info(
            request,
            _(
                "Visitors see the change within %(seconds)d seconds: pages kept to serve the "
                "portal quickly are renewed by then."
            )
            % {"seconds": seconds_until_changes_show()},
        )

    def has_add_permission(self, request):
        # Asked on every admin page (for the sidebar's links): the permission first, so that
        # staff without it never run the query.
        return super().has_add_permission(request) and not SiteProfile.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(OutgoingEmail)
class OutgoingEmailAdmin(admin.ModelAdmin):
    """The outbox and the record of what was sent. Emails with sign-in links or codes are listed
    without their text: only the recipient may read those."""

    list_display = ["created_at", "recipients", "subject", "status", "attempts", "sent_at"]
    list_filter = ["status", "created_at"]
    search_fields = ["reference", "to"]  # get_search_results says how
    search_help_text = _("An 8-digit case reference, or the recipient's whole email address.")
    fields = [
        "created_at",
        "from_email",
        "to",
        "subject",
        "reference",
        "status",
        "attempts",
        "next_attempt_at",
        "sent_at",
        "last_error",
        "text",
    ]
    readonly_fields = fields
    actions = ["send_again"]
    # Every status change writes an email: the outbox grows as large as the case history.
    paginator = LargeTablePaginator
    show_full_result_count = False
    show_facets = admin.ShowFacets.NEVER

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_search_results(self, request, queryset, search_term):
        term = search_term.strip()
        if not term:
            return queryset, False
        # Both read an index; a search in the text of millions of emails would not.
        if "@" in term:
            return queryset.to_address(term.lower()), False
        return queryset.filter(reference=term), False

    @admin.display(description=_("to"))
    def recipients(self, email):
        return ", ".join(email.to)

    @admin.display(description=_("text"))
    def text(self, email):
        if email.is_private:
            return _("Not shown: it holds a sign-in link or code meant for the recipient alone.")
        return email.body_text

    @admin.action(description=_("Send again now (those not sent yet)"), permissions=["change"])
    def send_again(self, request, queryset):
        count = queryset.exclude(status=OutgoingEmail.Status.SENT).update(
            status=OutgoingEmail.Status.PENDING, next_attempt_at=timezone.now()
        )
        message = ngettext(
            "%(count)d email will be sent again in a moment.",
            "%(count)d emails will be sent again in a moment.",
            count,
        )
        self.message_user(request, message % {"count": count})


@admin.register(PageFeedback)
class PageFeedbackAdmin(admin.ModelAdmin):
    """What visitors said about pages: read, never edited. Editors may view it; deleting is for
    whoever has that permission (someone may write personal details despite the warning)."""

    list_display = ["created_at", "page_link", "kind", "comment"]
    list_filter = ["kind", "created_at"]
    search_fields = ["path"]  # get_search_results says how
    search_help_text = _(
        "A page's address, or its beginning: /faq/ finds what was said about every FAQ page."
    )
    fields = ["created_at", "page_link", "kind", "what_missing", "what_doing", "what_wrong"]
    readonly_fields = fields
    sortable_by = ["created_at"]
    # Every page of the portal asks: the list may grow long.
    paginator = LargeTablePaginator
    show_full_result_count = False
    show_facets = admin.ShowFacets.NEVER

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def get_search_results(self, request, queryset, search_term):
        # A prefix of the path, read from its index; a whole address pasted from the browser
        # counts from its path.
        term = search_term.strip()
        if not term:
            return queryset, False
        path = urlsplit(term).path if "://" in term else term
        return queryset.about_pages_under("/" + path.lstrip("/")), False

    @admin.display(description=_("page"))
    def page_link(self, feedback):
        return format_html('<a href="{}">{}</a>', feedback.path, feedback.path)

    @admin.display(description=_("what they wrote"))
    def comment(self, feedback):
        return Truncator(feedback.comment).words(20)
