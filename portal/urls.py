from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path
from django.views.generic import TemplateView
from django.views.i18n import JavaScriptCatalog

from . import search, views
from .caching import cache_for_anonymous_visitors
from .feedback import without_page_feedback
from .sitemaps import on_the_portal_addresses, sitemap_sections

sitemaps = sitemap_sections()

# Addresses without a language: machines' and the administration's.
urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.RobotsView.as_view(), name="robots_txt"),
    # An index of sections, so that search engines find every page of the long ones; it counts
    # every published article, so anonymous visitors share a kept copy.
    path(
        "sitemap.xml",
        cache_for_anonymous_visitors(on_the_portal_addresses(sitemap_views.index)),
        {"sitemaps": sitemaps, "sitemap_url_name": "sitemap_section"},
        name="sitemap",
    ),
    path(
        "sitemap-<slug:section>.xml",
        on_the_portal_addresses(sitemap_views.sitemap),
        {"sitemaps": sitemaps},
        name="sitemap_section",
    ),
    path("admin/", admin.site.urls),
]

# The pages people read, in English at their addresses and in Chinese under /zh-hans/.
urlpatterns += i18n_patterns(
    path("", views.HomeView.as_view(), name="home"),
    path(
        "accessibility/",
        TemplateView.as_view(template_name="portal/accessibility.html"),
        name="accessibility",
    ),
    path("privacy/", TemplateView.as_view(template_name="portal/privacy.html"), name="privacy"),
    path("contact/", TemplateView.as_view(template_name="portal/contact.html"), name="contact"),
    path("feedback/useful/", views.feedback_useful, name="feedback_useful"),
    path("feedback/missing/", views.feedback_missing, name="feedback_missing"),
    path("feedback/report/", views.feedback_report, name="feedback_report"),
    path("feedback/thank-you/", views.feedback_sent, name="feedback_sent"),
    path("news/", include("news.urls")),
    path("faq/", include("faq.urls")),
    path("search/", search.search, name="search"),
    # The messages of the portal's scripts, in the page's language.
    path(
        "jsi18n/",
        without_page_feedback(JavaScriptCatalog.as_view(packages=["portal"])),
        name="javascript_catalog",
    ),
    path("", include("applications.urls")),
    path("", include("applications.public_urls")),
    path("accounts/", include("accounts.allauth_urls")),
    path("account/", include("accounts.urls")),
    # /zh-hans/admin/...; /admin/ itself is matched above.
    path("admin/", views.administration_without_language),
    path("admin/<path:rest>", views.administration_without_language),
    prefix_default_language=False,
)

handler403 = views.permission_denied
handler500 = views.server_error
