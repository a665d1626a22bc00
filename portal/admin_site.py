from allauth.mfa.utils import is_mfa_enabled
from django.contrib import admin, messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse

from .models import SiteProfile


class PortalAdminSite(admin.AdminSite):
    """Staff sign in through allauth (rate limits, email verification, MFA), never the admin's
    own form, and use the admin only once two-factor authentication is on."""

    def each_context(self, request):
        context = super().each_context(request)
        name = SiteProfile.load().name
        context["site_title"] = name
        context["site_header"] = f"{name} administration"
        return context

    def has_permission(self, request):
        return super().has_permission(request) and is_mfa_enabled(request.user)

    def login(self, request, extra_context=None):
        user = request.user
        if not user.is_authenticated:
            next_url = request.GET.get("next") or reverse("admin:index", current_app=self.name)
            return redirect_to_login(next_url, login_url=reverse("account_login"))
        if not (user.is_active and user.is_staff):
            raise PermissionDenied
        if not is_mfa_enabled(user):
            messages.warning(
                request,
                "Staff must turn on two-factor authentication before using the administration. "
                "Set up an authenticator app below.",
            )
            return redirect("mfa_activate_totp")
        return redirect("admin:index")

    def password_change(self, request, extra_context=None):
        return redirect("account_change_password")
