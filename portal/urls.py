from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.views.generic import TemplateView

from faq.sitemaps import FaqIndexSitemap, QuestionSitemap
from news.sitemaps import ArticleSitemap, CategorySitemap

from . import search, views
from .sitemaps import PageSitemap

sitemaps = {
    "pages": PageSitemap,
    "channels": CategorySitemap,
    "news": ArticleSitemap,
    "faq": FaqIndexSitemap,
    "faq-questions": QuestionSitemap,
}

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.RobotsView.as_view(), name="robots_txt"),
    path("sitemap.xml", sitemap, {"sitemaps": sitemaps}, name="sitemap"),
    path(
        "accessibility/",
        TemplateView.as_view(template_name="portal/accessibility.html"),
        name="accessibility",
    ),
    path("privacy/", TemplateView.as_view(template_name="portal/privacy.html"), name="privacy"),
    path("contact/", TemplateView.as_view(template_name="portal/contact.html"), name="contact"),
    path("news/", include("news.urls")),
    path("faq/", include("faq.urls")),
    path("search/", search.search, name="search"),
    path("", include("applications.urls")),
    path("accounts/", include("allauth.urls")),
    path("account/", include("accounts.urls")),
    path("admin/", admin.site.urls),
]
