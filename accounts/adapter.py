import time

from allauth.account import app_settings as account_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.authentication import get_authentication_records
from allauth.core import context
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.utils import build_absolute_uri
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.models import SiteProfile


class AccountAdapter(DefaultAccountAdapter):
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "email_password_mismatch": _("The email address or password is not correct."),
        "too_many_login_attempts": _(
            "Too many failed attempts to sign in with this email address. For your security, "
            "wait five minutes before you try again, or reset your password."
        ),
        "rate_limited": _("You have sent too many requests. Wait a few minutes and try again."),
    }

    def save_user(self, request, user, form, commit=True):
        user.full_name = form.cleaned_data.get("full_name", "")
        return super().save_user(request, user, form, commit=commit)

    def is_reauthentication_required(self, *, app, **kwargs):
        # Setting up two-factor authentication right after signing in (staff are sent there on
        # their first visit to the admin) does not ask for the password that was just typed.
        if app == "allauth.mfa" and signed_in_with_password_just_now(context.request):
            return False
        return super().is_reauthentication_required(app=app, **kwargs)

    def get_password_change_redirect_url(self, request):
        # allauth shows the form again; the person goes on to their account instead.
        return reverse("accounts:overview")

    def format_email_subject(self, subject):
        return f"{subject} | {SiteProfile.load().name}"

    def send_mail(self, template_prefix, email, context):
        # The footer of every message links back to the portal and to "My account".
        context = {
            "portal_url": build_absolute_uri(self.request, reverse("home")),
            "account_url": build_absolute_uri(self.request, reverse("accounts:overview")),
            **context,
        }
        super().send_mail(template_prefix, email, context)


def signed_in_with_password_just_now(request):
    """The password was given in this session within allauth's window for asking it again."""
    if request is None or not request.user.is_authenticated:
        return False
    since = time.time() - account_settings.REAUTHENTICATION_TIMEOUT
    return any(
        record.get("method") == "password" and record.get("at", 0) > since
        for record in get_authentication_records(request, request.user)
    )


class MFAAdapter(DefaultMFAAdapter):
    def get_totp_issuer(self):
        return SiteProfile.load().name
