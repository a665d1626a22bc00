import time
from urllib.parse import urlencode

from allauth.account import app_settings as account_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.authentication import get_authentication_records
from allauth.account.utils import get_next_redirect_url
from allauth.core import context
from allauth.mfa.adapter import DefaultMFAAdapter
from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext_lazy as _

from portal.links import absolute_url, on_the_portal
from portal.models import SiteProfile

from . import sign_in_failures


def login_of(credentials):
    return credentials.get("email", credentials.get("username", "")).lower()


TOO_MANY_FROM_THE_NETWORK = _(
    "Too many failed attempts to sign in have come from your network. For your security, wait "
    "a minute before you try again; if you are refused again, wait an hour. On a shared network "
    "(an office, a school) other people's attempts count too."
)


class AccountAdapter(DefaultAccountAdapter):
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "email_password_mismatch": _("The email address or password is not correct."),
        "too_many_login_attempts": _(
            "Too many failed attempts to sign in with this email address. For your security, "
            "wait a few minutes before you try again, or reset your password."
        ),
        "rate_limited": _("You have sent too many requests. Wait a few minutes and try again."),
        # allauth's "Please type your current password." reads as if the field were empty.
        "enter_current_password": _(
            "That is not your current password. Type the password you sign in with now."
        ),
    }

    # Failed sign-ins count per account and source: accounts/sign_in_failures.py.

    def sign_in_source(self, request):
        return sign_in_failures.source_of(self.get_client_ip(request))

    def _get_login_attempts_cache_key(self, request, **credentials):
        # allauth keys its "login_failed" limit by the address (and the Host header's domain,
        # port included), so five wrong passwords from anywhere locked the account for everyone.
        return f"{login_of(credentials)}:{self.sign_in_source(request)}"

    def pre_authenticate(self, request, **credentials):
        wait = sign_in_failures.seconds_to_wait(login_of(credentials), self.sign_in_source(request))
        if wait:
            minutes = -(-wait // 60)
            raise forms.ValidationError(
                ngettext(
                    "Too many failed attempts to sign in with this email address. For your "
                    "security, wait %(minutes)d minute before you try again, or reset your "
                    "password.",
                    "Too many failed attempts to sign in with this email address. For your "
                    "security, wait %(minutes)d minutes before you try again, or reset your "
                    "password.",
                    minutes,
                )
                % {"minutes": minutes},
                code="too_many_login_attempts",
            )
        try:
            super().pre_authenticate(request, **credentials)
        except forms.ValidationError as refused:
            # The account's own limit was checked above, with its wait: what allauth refuses
            # here is its limit on the source, over every account tried from it.
            raise forms.ValidationError(TOO_MANY_FROM_THE_NETWORK, code=refused.code) from None

    def authenticate(self, request, **credentials):
        user = super().authenticate(request, **credentials)
        if user:
            sign_in_failures.forget(login_of(credentials), self.sign_in_source(request))
        return user

    def authentication_failed(self, request, **credentials):
        sign_in_failures.record_failure(
            login_of(credentials),
            self.sign_in_source(request),
            on_repeated=self.send_sign_in_failures_mail,
        )

    def _delete_login_attempts_cached_email(self, request, **credentials):
        # After a password reset: the person proved they hold the mailbox.
        super()._delete_login_attempts_cached_email(request, **credentials)
        sign_in_failures.forget(login_of(credentials), self.sign_in_source(request))

    def send_sign_in_failures_mail(self, user, failures):
        self.send_notification_mail(
            "account/email/sign_in_failures",
            user,
            {"user": user, "failures": failures},
            email=user.email,
        )

    def save_user(self, request, user, form, commit=True):
        user.full_name = form.cleaned_data.get("full_name", "")
        # We write to them in the language they signed up in, until they choose another.
        user.contact_language = get_language()
        return super().save_user(request, user, form, commit=commit)

    def is_reauthentication_required(self, *, app, **kwargs):
        # Two-factor settings (staff are sent there on their first visit to the admin) and a
        # change of email address do not ask again for a password typed at sign-in within
        # allauth's window; closing the account (app "") always asks.
        if app in PASSWORD_AT_SIGN_IN_SUFFICES and signed_in_with_password_just_now(
            context.request
        ):
            return False
        return super().is_reauthentication_required(app=app, **kwargs)

    def get_password_change_redirect_url(self, request):
        # allauth shows the form again; the person goes on to their account instead.
        return reverse("accounts:overview")

    def get_email_confirmation_url(self, request, emailconfirmation):
        # The link in the email keeps the person's place, so that confirming the address leads
        # on to where they were going (through signing in), even in another browser.
        url = super().get_email_confirmation_url(request, emailconfirmation)
        place = place_to_return_to(request)
        return f"{url}?{urlencode({'next': place})}" if place else url

    def send_confirmation_mail(self, request, emailconfirmation, signup):
        address = emailconfirmation.email_address
        owner = None if signup else owner_of_another_account(address)
        if owner:
            # Its link could never confirm it (one account an address). The address's owner
            # learns what was asked; the asker is told what anyone asking is told
            # (ACCOUNT_PREVENT_ENUMERATION).
            with translation.override(owner.contact_language):
                login_url = absolute_url(request, reverse("account_login"))
                self.send_mail(
                    "account/email/address_taken",
                    address.email,
                    {"user": owner, "email": address.email, "login_url": login_url},
                )
            return
        super().send_confirmation_mail(request, emailconfirmation, signup)

    def add_message(self, request, level, message_template=None, *args, **kwargs):
        # A new address asked for: the page of addresses says the link is sent, in its place.
        if message_template == EMAIL_SENT_MESSAGE and "action_add" in request.POST:
            return
        super().add_message(request, level, message_template, *args, **kwargs)

    def format_email_subject(self, subject):
        # allauth puts "[site name] " before each subject; the outbox adds the portal's name to
        # every email's subject (portal.mail).
        return subject

    def send_mail(self, template_prefix, email, context):
        if template_prefix in ASKED_ABOUT_AN_ACCOUNT and account_is_closed(email):
            # Its owner learns that the account is closed and whom to ask to open it again,
            # not that there is no account or that they already have one.
            context = {**context, "asked_for": ASKED_ABOUT_AN_ACCOUNT[template_prefix]}
            template_prefix = "account/email/closed_account"
        # allauth builds its links (activate_url, password_reset_url, signup_url) from the
        # request's Host header, port included: each moves onto the portal's own address.
        context = {
            key: on_the_portal(self.request, value)
            if key.endswith("_url") and isinstance(value, str)
            else value
            for key, value in context.items()
        }
        # Every email greets the person by name and links back to the portal and "My account";
        # but a new address may be somebody else's (typed by mistake, or already another
        # account's), so the email asking to confirm it names nobody.
        greeted = template_prefix != "account/email/email_confirmation"
        context = {
            "recipient_name": getattr(context.get("user"), "full_name", "") if greeted else "",
            "portal_url": absolute_url(self.request, reverse("home")),
            "account_url": absolute_url(self.request, reverse("accounts:overview")),
            "contact_url": absolute_url(self.request, reverse("contact")),
            **context,
        }
        # The confirmation and reset emails say how long their link works.
        if "activate_url" in context:
            context["link_expire_days"] = account_settings.EMAIL_CONFIRMATION_EXPIRE_DAYS
        if "password_reset_url" in context:
            context["link_expire_days"] = settings.PASSWORD_RESET_TIMEOUT // (24 * 60 * 60)
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


EMAIL_SENT_MESSAGE = "account/messages/email_confirmation_sent.txt"

# allauth's emails to an address with no active account: a reset, a sign-up or another
# account's change of address was asked for.
ASKED_ABOUT_AN_ACCOUNT = {
    "account/email/unknown_account": "password_reset",
    "account/email/account_already_exists": "signup",
    "account/email/address_taken": "email_change",
}


def account_is_closed(email):
    return get_user_model().objects.filter(email=email.lower(), is_active=False).exists()


def owner_of_another_account(address):
    """The person whose account has the address, when it is not the one asking for it."""
    users = get_user_model().objects.exclude(pk=address.user_id)
    return users.filter(email=address.email.lower()).first()


PASSWORD_AT_SIGN_IN_SUFFICES = {"allauth.account", "allauth.mfa"}


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
    error_messages = {
        **DefaultMFAAdapter.error_messages,
        "incorrect_code": _(
            "That code is not right. Check it and try again: an authenticator app shows a new "
            "code every 30 seconds."
        ),
    }

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
