from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("details/", views.profile_edit, name="profile_edit"),
    path("my-data.zip", views.data_download, name="data_download"),
    path("close/", views.close, name="close"),
    path("confirm-email/send-again/", views.verification_resend, name="verification_resend"),
    path("sign-in/", views.home_sign_in, name="home_sign_in"),
    path("sign-out/", views.sign_out, name="sign_out"),
]
