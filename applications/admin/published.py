"""The public archive of answered questions, corrected or taken down here."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from portal.admin_site import PublicPagesAdmin

from ..models import PublishedAnswer


@admin.register(PublishedAnswer)
class PublishedAnswerAdmin(PublicPagesAdmin, admin.ModelAdmin):
    """The public archive of answered questions. Answers are published from their inquiry;
    here caseworkers correct them, or delete them to take them down."""

    list_display = ["title", "reference", "answered_at", "published_at", "published_by"]
    list_filter = ["published_at", "language"]
    list_select_related = ["inquiry", "published_by"]
    search_fields = ["title", "inquiry__reference"]
    fields = [
        "inquiry_link",
        "title",
        "question",
        "answer",
        "language",
        "answered_at",
        "published_at",
    ]
    readonly_fields = ["inquiry_link", "answered_at", "published_at"]

    def has_add_permission(self, request):
        return False

    @admin.display(description=_("reference"), ordering="inquiry__reference")
    def reference(self, published):
        return published.inquiry.reference

    @admin.display(description=_("inquiry"))
    def inquiry_link(self, published):
        url = reverse("admin:applications_inquiry_change", args=[published.inquiry_id])
        return format_html('<a href="{}">{}</a>', url, published.inquiry.reference)
