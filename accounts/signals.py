from allauth.account.authentication import get_authentication_records
from allauth.account.internal.flows.login import record_authentication
from allauth.mfa.models import Authenticator
from allauth.mfa.signals import authenticator_added
from django.dispatch import receiver


@receiver(authenticator_added)
def setting_up_the_app_is_the_second_factor(sender, request, user, authenticator, **kwargs):
    """Turning on an authenticator app takes a code from it: in a session that signed in with
    the password, that code completes two-factor authentication, as one typed at sign-in would
    (portal.staff.passed_two_factors), and nobody is asked for another at once.

    allauth 65 names no public way to record it; this is the function its own sign-in uses.
    """
    if authenticator.type != Authenticator.Type.TOTP or request.user.pk != user.pk:
        return
    records = get_authentication_records(request, user)
    if any(record.get("method") == "password" for record in records):
        record_authentication(
            request, user, "mfa", id=authenticator.pk, type=authenticator.type, activated=True
        )
