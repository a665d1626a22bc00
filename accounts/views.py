from allauth.account import views as allauth_views
from allauth.account.decorators import reauthentication_required
from allauth.account.internal.flows import email_verification
from allauth.account.models import EmailAddress
from allauth.account.stages import EmailVerificationStage, LoginStageController
from allauth.account.utils import has_verified_email
from allauth.account.views import login, logout
from allauth.mfa.models import Authenticator
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from portal.csrf import same_origin_form_target

from .forms import ProfileForm
from .personal_data import collect, collect_files, zip_chunks
from .services import account_close


@require_safe
@login_required
def overview(request):
    user = request.user
    authenticator_types = set(
        Authenticator.objects.filter(user=user).values_list("type", flat=True)
    )
    return render(
        request,
        "accounts/overview.html",
        {
            "email_addresses": EmailAddress.objects.filter(user=user).order_by("-primary", "email"),
            "has_totp": Authenticator.Type.TOTP in authenticator_types,
            "has_recovery_codes": Authenticator.Type.RECOVERY_CODES in authenticator_types,
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def profile_edit(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your details are saved."))
        return redirect("accounts:overview")
    return render(request, "accounts/profile_form.html", {"form": form})


@require_safe
@login_required
@never_cache
def data_download(request):
    data = collect(request.user)
    files = collect_files(request.user)
    response = StreamingHttpResponse(zip_chunks(data, files), content_type="application/zip")
    filename = f"my-data-{timezone.localdate():%Y-%m-%d}.zip"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
@reauthentication_required(allow_get=True)
def close(request):
    if request.method == "POST":
        account_close(request=request, user=request.user)
        messages.success(
            request,
            _("Your account is closed. The records the city must keep remain on file."),
        )
        return redirect("home")
    return render(request, "accounts/close.html")


WAIT_BEFORE_ASKING_AGAIN = gettext_lazy(
    "We sent you an email a few minutes ago. Wait a little longer, and check your spam folder, "
    "before asking for another."
)


@require_http_methods(["GET", "HEAD", "POST"])
def verification_resend(request):
    """The "Send the email again" button while an address waits to be confirmed. allauth sends
    it, with its own limit (ACCOUNT_RATE_LIMITS["confirm_email"]); an address that already has
    an account gets the same answer as a new one (ACCOUNT_PREVENT_ENUMERATION)."""
    # The page with the button: "My account" (it shows the address, and whether it is
    # confirmed), or "Check your email" while a sign-in waits for the address.
    back = (
        "accounts:overview" if request.user.is_authenticated else "account_email_verification_sent"
    )
    if request.method != "POST":
        # The button's address opened or reloaded: back to the page with the button, sending
        # nothing, rather than a bare 405 that the browser shows as its own error page.
        return redirect(back)
    if request.user.is_authenticated:
        if has_verified_email(request.user):
            return redirect(back)
        sent = email_verification.send_verification_email_for_user(request, request.user)
    else:
        # Someone who has just created an account, or signed in to one not yet confirmed: the
        # sign-in waits in the session for the address to be confirmed.
        stage = LoginStageController.enter(request, EmailVerificationStage.key)
        if stage is None:
            messages.info(
                request,
                _("Sign in. If your email address is not confirmed yet, we will send a new link."),
            )
            return redirect("account_login")
        if confirmed_meanwhile(stage):
            return sign_in_after_confirming_elsewhere(request)
        sent = email_verification.send_verification_email_at_login(request, stage.login)
    if not sent:
        messages.warning(request, WAIT_BEFORE_ASKING_AGAIN)
    return redirect(back)


def confirmed_meanwhile(stage):
    """Whether the address a waiting sign-in waits for was confirmed from a link opened in
    another browser."""
    return stage is not None and stage.login.user and has_verified_email(stage.login.user)


def sign_in_after_confirming_elsewhere(request):
    messages.info(request, _("Your email address is confirmed. Sign in to continue."))
    return redirect("account_login")


class EmailVerificationSentView(allauth_views.EmailVerificationSentView):
    """allauth's "Check your email", which leads on to signing in once the address has been
    confirmed in another browser, rather than asking on to check for an email already used."""

    def get(self, request, *args, **kwargs):
        stage = LoginStageController.enter(request, EmailVerificationStage.key)
        if confirmed_meanwhile(stage):
            return sign_in_after_confirming_elsewhere(request)
        return super().get(request, *args, **kwargs)


email_verification_sent = EmailVerificationSentView.as_view()


class EmailView(allauth_views.EmailView):
    """allauth's page of email addresses, where "Send the email again" held back by allauth's
    limit says so, as the button of the sign-up's does."""

    def _action_send(self, request, *args, **kwargs):
        response = super()._action_send(request, *args, **kwargs)
        if not self._did_send_verification_email:
            messages.warning(request, WAIT_BEFORE_ASKING_AGAIN)
        return response


email = EmailView.as_view()


# The home page's sign-in box and the header's sign-out button post to allauth's own views
# (rate limits, MFA stage), accepting the token-less forms of shared pages and fragments.
home_sign_in = same_origin_form_target(login)
sign_out = same_origin_form_target(logout)


class ConfirmEmailView(allauth_views.ConfirmEmailView):
    """allauth's, except that opening the link signs no one out. allauth ends the session of
    whoever is signed in as another account as soon as the page is opened, so anyone could sign
    a person out by getting them to open a link of the attacker's own; now only the POST of the
    confirmation acts, and then as in allauth."""

    def logout_other_user(self, confirmation):
        if self.request.method == "POST":
            super().logout_other_user(confirmation)


confirm_email = ConfirmEmailView.as_view()
