from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from django.urls import reverse

from portal.links import absolute_url, on_the_portal
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

    def format_email_subject(self, subject):
        return f"{subject} | {SiteProfile.load().name}"

    def send_mail(self, template_prefix, email, context):
        # allauth builds its links (activate_url, password_reset_url, signup_url) from the
        # request's Host header, port included: each moves onto the portal's own address.
        context = {
            key: on_the_portal(self.request, value)
            if key.endswith("_url") and isinstance(value, str)
            else value
            for key, value in context.items()
        }
        # The footer of every message links back to the portal and to "My account".
        context = {
            "portal_url": absolute_url(self.request, reverse("home")),
            "account_url": absolute_url(self.request, reverse("accounts:overview")),
            **context,
        }
        super().send_mail(template_prefix, email, context)


class MFAAdapter(DefaultMFAAdapter):
    def get_totp_issuer(self):
        return SiteProfile.load().name
