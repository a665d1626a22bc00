from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from portal.admin_editor import RichTextEditorAdminMixin
from portal.admin_site import PublicPagesAdmin
from portal.translation import (
    ChineseVersionFilter,
    chinese_fieldset,
    chinese_version,
    preview_links,
    render_preview,
)

from .forms import ArticleAdminForm
from .models import Article, Channel
from .services import article_save


@admin.register(Channel)
class ChannelAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position", chinese_version]
    list_editable = ["position"]
    list_filter = [ChineseVersionFilter]
    search_fields = ["name", "description", "name_zh_hans"]
    prepopulated_fields = {"slug": ["name"]}
    fieldsets = [
        (None, {"fields": ["name", "slug", "description", "position"]}),
        chinese_fieldset(["name", "description"]),
    ]


@admin.register(Article)
class ArticleAdmin(PublicPagesAdmin, RichTextEditorAdminMixin, admin.ModelAdmin):
    """Hundreds of thousands of articles: the list is read newest first from an index, searched
    through the full-text index, and counted once. There is no date hierarchy (it reads every
    article to list the years and months; the date filter does the same job) and no filter counts.
    """

    form = ArticleAdminForm
    list_display = [
        "title",
        "channel",
        "status",
        "publish_at",
        "visibility",
        "featured",
        chinese_version,
    ]
    list_filter = ["channel", "status", "publish_at", "featured", ChineseVersionFilter]
    search_fields = ["title", "summary", "body"]  # get_search_results says how
    search_help_text = _(
        "Finds the 200 newest articles with all these words in the title, summary or text. "
        'Put a phrase in "quotes"; put a minus sign before a word to leave it out.'
    )
    show_full_result_count = False
    show_facets = admin.ShowFacets.NEVER
    sortable_by = ["publish_at"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["author", "preview_link", "created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "channel", "summary", "body"]}),
        chinese_fieldset(["title", "summary", "body"]),
        (
            _("Lead photo"),
            {
                "fields": [
                    "image",
                    ("image_alt", "image_alt_zh_hans"),
                    ("image_caption", "image_caption_zh_hans"),
                ]
            },
        ),
        (
            _("Publishing"),
            {
                "fields": [
                    "status",
                    "publish_at",
                    "featured",
                    ("source", "source_zh_hans"),
                    "preview_link",
                ]
            },
        ),
        (_("Record"), {"fields": ["author", "created_at", "updated_at"]}),
    ]

    def get_search_results(self, request, queryset, search_term):
        if not search_term.strip():
            return queryset, False
        # The full-text index, where "contains" would read the text of every article.
        return queryset.newest_matches(search_term), False

    @admin.display(description=_("visible to the public"))
    def visibility(self, article):
        if article.is_public:
            return _("Yes")
        if article.status == Article.Status.PUBLISHED:
            publish_at = date_format(timezone.localtime(article.publish_at), "DATETIME_FORMAT")
            return format_html(_("Scheduled for {}"), publish_at)
        return _("No (draft)")

    @admin.display(description=_("preview"))
    def preview_link(self, article):
        if not article.pk:
            return _("Save the article first, then preview it here.")
        return preview_links(self.preview_url(article), _("Preview this article as it will look"))

    def preview_url(self, article):
        return reverse("admin:news_article_preview", args=[article.pk])

    def view_on_site(self, article):
        return article.get_absolute_url() if article.is_public else self.preview_url(article)

    def save_page(self, request, obj, form, change):
        article_save(article=obj, by=request.user)

    def is_public(self, article):
        return article.is_public

    def get_urls(self):
        preview = self.admin_site.admin_view(self.preview_view)
        preview_url = path("<int:pk>/preview/", preview, name="news_article_preview")
        return [preview_url, *super().get_urls()]

    def preview_view(self, request, pk):
        article = get_object_or_404(Article.objects.select_related("channel"), pk=pk)
        if not self.has_view_or_change_permission(request, article):
            raise PermissionDenied
        context = {"article": article, "preview": True, **article.neighbours()}
        return render_preview(request, "news/article_detail.html", context)
