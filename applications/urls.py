from django.urls import path

from . import views

app_name = "applications"

urlpatterns = [
    path("services/", views.ServiceListView.as_view(), name="service_list"),
    path("services/<slug:slug>/apply/", views.application_create, name="application_create"),
    path("applications/", views.ApplicationListView.as_view(), name="application_list"),
    path(
        "applications/<str:reference>/",
        views.ApplicationDetailView.as_view(),
        name="application_detail",
    ),
    path(
        "applications/<str:reference>/submitted/",
        views.ApplicationSubmittedView.as_view(),
        name="application_submitted",
    ),
    path(
        "applications/<str:reference>/withdraw/",
        views.application_withdraw_confirm,
        name="application_withdraw",
    ),
    path(
        "applications/<str:reference>/attachments/<int:pk>/",
        views.attachment_download,
        name="attachment_download",
    ),
    path("inquiries/", views.InquiryListView.as_view(), name="inquiry_list"),
    path("inquiries/new/", views.inquiry_create, name="inquiry_create"),
    path("inquiries/<str:reference>/", views.InquiryDetailView.as_view(), name="inquiry_detail"),
]
