from urllib.parse import urlencode

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.utils import get_next_redirect_url
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.utils import build_absolute_uri
from django.urls import reverse

from portal.models import SiteProfile


class AccountAdapter(DefaultAccountAdapter):
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "email_password_mismatch": "The email address or password is not correct.",
        "too_many_login_attempts": (
            "Too many failed attempts to sign in with this email address. For your security, "
            "wait five minutes before you try again, or reset your password."
        ),
        "rate_limited": "You have sent too many requests. Wait a few minutes and try again.",
    }

    def save_user(self, request, user, form, commit=True):
        user.full_name = form.cleaned_data.get("full_name", "")
        return super().save_user(request, user, form, commit=commit)

    def get_email_confirmation_url(self, request, emailconfirmation):
        # The link in the email keeps the person's place, so that confirming the address leads
        # on to where they were going (through signing in), even in another browser.
        url = super().get_email_confirmation_url(request, emailconfirmation)
        place = place_to_return_to(request)
        return f"{url}?{urlencode({'next': place})}" if place else url

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


class MFAAdapter(DefaultMFAAdapter):
    def get_totp_issuer(self):
        return SiteProfile.load().name


def place_to_return_to(request):
    """Where a person asked to verify their address was going: the `next` of the sign-up or
    sign-in form (checked to be the portal's own), or, when a page that needs a verified
    address sent the email, that page."""
    if request is None:
        return ""
    if next_url := get_next_redirect_url(request):
        return next_url
    return request.get_full_path() if request.method == "GET" else ""
