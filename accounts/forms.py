from allauth.account import forms as account_forms
from allauth.mfa.base import forms as mfa_forms
from allauth.mfa.totp import forms as totp_forms
from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.hashers import make_password
from django.utils.translation import gettext_lazy as _

from .models import User


class PortalFields:
    """allauth's forms in the portal's words: the labels below, what to do when a field is left
    empty (rather than "This field is required."), no placeholders (a placeholder repeats the
    label, then vanishes as soon as someone types), and a new password's rules in one hint."""

    labels = {}
    when_empty = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            field.widget.attrs.pop("placeholder", None)
            if name in self.labels:
                field.label = self.labels[name]
            if name in self.when_empty:
                field.error_messages["required"] = self.when_empty[name]
        if "password1" in self.fields:
            self.fields["password1"].help_text = password_hint()


def password_hint():
    """The rules of AUTH_PASSWORD_VALIDATORS in one short hint (GOV.UK), where Django lists each
    validator's sentence: four lines on a phone before the box."""
    shortest = next(
        validator.min_length
        for validator in password_validation.get_default_password_validators()
        if isinstance(validator, password_validation.MinimumLengthValidator)
    )
    return _(
        "Use at least %(count)d characters. Do not use a common password, only numbers, or "
        "something like your name or email address."
    ) % {"count": shortest}


class LoginForm(PortalFields, account_forms.LoginForm):
    labels = {"login": _("Email address"), "remember": _("Keep me signed in on this device")}
    when_empty = {"login": _("Enter your email address."), "password": _("Enter your password.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The page links to "Reset your password" below the form, not inside the field's hint.
        self.fields["password"].help_text = ""


class SignupForm(PortalFields, account_forms.SignupForm):
    full_name = forms.CharField(
        label=_("Full name"),
        max_length=User._meta.get_field("full_name").max_length,
        help_text=_("As you would write it on an application to the city."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )

    labels = {
        "email": _("Email address"),
        "password1": _("Create a password"),
        "password2": _("Confirm your password"),
    }
    when_empty = {
        "full_name": _("Enter your full name."),
        "email": _("Enter your email address."),
        "password1": _("Enter a password."),
        "password2": _("Enter the password again."),
    }
    field_order = ["full_name", "email", "password1", "password2"]

    def clean_full_name(self):
        full_name = " ".join(self.cleaned_data["full_name"].split())
        if not full_name:
            raise forms.ValidationError(_("Enter your full name."))
        return full_name

    def try_save(self, request):
        if self.account_already_exists:
            # A new account costs a password hash, by design slow; without one the answer for
            # a registered address came twenty times sooner and told who has an account.
            make_password(self.cleaned_data["password1"])
        return super().try_save(request)


class ResetPasswordForm(PortalFields, account_forms.ResetPasswordForm):
    labels = {"email": _("Email address")}
    when_empty = {"email": _("Enter your email address.")}


class ResetPasswordKeyForm(PortalFields, account_forms.ResetPasswordKeyForm):
    labels = {"password1": _("New password"), "password2": _("Confirm your new password")}
    when_empty = {"password1": _("Enter a new password."), "password2": _("Enter it again.")}


class ChangePasswordForm(PortalFields, account_forms.ChangePasswordForm):
    labels = {
        "oldpassword": _("Current password"),
        "password1": _("New password"),
        "password2": _("Confirm your new password"),
    }
    when_empty = {
        "oldpassword": _("Enter your current password."),
        "password1": _("Enter a new password."),
        "password2": _("Enter it again."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The page links to "Reset your password" below the form, not inside the field's hint.
        self.fields["oldpassword"].help_text = ""

    def clean(self):
        cleaned_data = super().clean()
        current, new = cleaned_data.get("oldpassword"), cleaned_data.get("password1")
        if current and new and current == new:
            self.add_error(
                "password1", _("Choose a new password: this one is your current password.")
            )
        return cleaned_data


class AddEmailForm(PortalFields, account_forms.AddEmailForm):
    # With ACCOUNT_CHANGE_EMAIL, adding an address is changing it.
    labels = {"email": _("New email address")}
    when_empty = {"email": _("Enter the new email address.")}


class ReauthenticateForm(PortalFields, account_forms.ReauthenticateForm):
    when_empty = {"password": _("Enter your password.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].help_text = ""


CODE_WHEN_EMPTY = {"code": _("Enter the code your authenticator app shows.")}


class CodeFields(PortalFields):
    """A code from the authenticator app, or a recovery code: digits both, so a phone shows its
    number pad."""

    when_empty = CODE_WHEN_EMPTY

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].widget.attrs["inputmode"] = "numeric"


class CodeOrRecoveryCodeFields(CodeFields):
    """Signing in and confirming it's you take a recovery code too."""

    labels = {"code": _("Code from your authenticator app, or a recovery code")}
    when_empty = {"code": _("Enter the code your authenticator app shows, or a recovery code.")}


class AuthenticateForm(CodeOrRecoveryCodeFields, mfa_forms.AuthenticateForm):
    pass


class ReauthenticateWithCodeForm(CodeOrRecoveryCodeFields, mfa_forms.ReauthenticateForm):
    pass


class ActivateTOTPForm(CodeFields, totp_forms.ActivateTOTPForm):
    labels = {"code": _("Code from your authenticator app")}


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["full_name", "contact_language"]
        labels = {"full_name": _("Full name")}
        help_texts = {
            "contact_language": _(
                "The language we use when we write to you about your applications and inquiries."
            ),
        }
        widgets = {"full_name": forms.TextInput(attrs={"autocomplete": "name"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.is_staff:
            self.fields["contact_language"].help_text = _(
                "The language we use when we write to you, and the language of the administration."
            )

    def clean_full_name(self):
        full_name = " ".join(self.cleaned_data["full_name"].split())
        if not full_name:
            raise forms.ValidationError(_("Enter your full name."))
        return full_name
