from django.urls import path, register_converter

from . import views


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
    path("services/<slug:slug>/apply/", views.application_create, name="application_create"),
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
]
