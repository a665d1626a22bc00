"""allauth's pages under /accounts/, with the portal's own view where it differs."""

from allauth import urls as allauth_urls
from django.urls import path

from . import views

urlpatterns = [
    # Found before allauth's own pattern of the same name and address.
    path("confirm-email/<str:key>/", views.confirm_email, name="account_confirm_email"),
    path("email/", views.email, name="account_email"),
    path(
        "confirm-email/",
        views.email_verification_sent,
        name="account_email_verification_sent",
    ),
    *allauth_urls.urlpatterns,
]
