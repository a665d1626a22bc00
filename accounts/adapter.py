from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.utils import build_absolute_uri
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
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

    def format_email_subject(self, subject):
        return f"{subject} | {SiteProfile.load().name}"

    def send_mail(self, template_prefix, email, context):
        # Every email greets the person by name and links back to the portal and "My account".
        user = context.get("user")
        context = {
            "recipient_name": getattr(user, "full_name", ""),
            "portal_url": build_absolute_uri(self.request, reverse("home")),
            "account_url": build_absolute_uri(self.request, reverse("accounts:overview")),
            "contact_url": build_absolute_uri(self.request, reverse("contact")),
            **context,
        }
        super().send_mail(template_prefix, email, context)

    def send_notification_mail(self, template_prefix, user, context=None, email=None):
        # Security notices greet the person by name too.
        super().send_notification_mail(
            template_prefix, user, {"user": user, **(context or {})}, email
        )

    def render_mail(self, template_prefix, email, context, headers=None):
        """allauth's email, with an HTML version in the portal's layout when it has none."""
        message = super().render_mail(template_prefix, email, context, headers)
        if message.content_subtype == "html" or getattr(message, "alternatives", None):
            return message
        html = render_to_string(
            "email/text_as_html.html",
            {**context, "text": message.body, "subject": message.subject},
            self.request,
        )
        with_html = EmailMultiAlternatives(
            message.subject, message.body, message.from_email, message.to, headers=headers
        )
        with_html.attach_alternative(html, "text/html")
        return with_html


class MFAAdapter(DefaultMFAAdapter):
    def get_totp_issuer(self):
        return SiteProfile.load().name
