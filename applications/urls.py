from django.urls import path, register_converter

from . import apply_views, views


class ReferenceConverter:
    # Only well-formed references reach the views; anything else is a plain 404.
    regex = "[0-9]{8}"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(ReferenceConverter, "reference")

app_name = "applications"

urlpatterns = [
    path("services/", views.ServiceListView.as_view(), name="service_list"),
    # A service's start page: a stable address that FAQ answers and news may link to.
    path("services/<slug:slug>/", apply_views.ServiceDetailView.as_view(), name="service_detail"),
    path("services/<slug:slug>/apply/", apply_views.application_create, name="application_create"),
    path(
        "services/<slug:slug>/apply/<int:page>/",
        apply_views.application_page,
        name="application_page",
    ),
    path(
        "services/<slug:slug>/apply/check/",
        apply_views.application_check,
        name="application_check",
    ),
    path(
        "services/<slug:slug>/apply/delete/",
        apply_views.draft_delete_confirm,
        name="draft_delete",
    ),
    path("applications/", views.ApplicationListView.as_view(), name="application_list"),
    path(
        "applications/<reference:reference>/",
        views.ApplicationDetailView.as_view(),
        name="application_detail",
    ),
    path(
        "applications/<reference:reference>/submitted/",
        views.ApplicationSubmittedView.as_view(),
        name="application_submitted",
    ),
    path(
        "applications/<reference:reference>/reply/",
        views.application_reply_send,
        name="application_reply",
    ),
    path(
        "applications/<reference:reference>/withdraw/",
        views.application_withdraw_confirm,
        name="application_withdraw",
    ),
    path(
        "applications/<reference:reference>/attachments/<int:pk>/",
        views.attachment_download,
        name="attachment_download",
    ),
    path("inquiries/", views.InquiryListView.as_view(), name="inquiry_list"),
    path("inquiries/new/", views.inquiry_create, name="inquiry_create"),
    path(
        "inquiries/<reference:reference>/", views.InquiryDetailView.as_view(), name="inquiry_detail"
    ),
    path(
        "inquiries/<reference:reference>/withdraw/",
        views.inquiry_withdraw_confirm,
        name="inquiry_withdraw",
    ),
    path(
        "inquiries/<reference:reference>/follow-up/",
        views.inquiry_follow_up_send,
        name="inquiry_follow_up",
    ),
    path(
        "inquiries/<reference:reference>/attachments/<int:pk>/",
        views.inquiry_attachment_download,
        name="inquiry_attachment_download",
    ),
]
