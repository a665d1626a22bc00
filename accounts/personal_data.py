"""Download my data: the profile, plus what every other app keeps about the person.

Any app can add its records by providing `<app>/personal_data.py` with
`export(user) -> dict`; the keys it returns become top-level keys of the download.
"""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.usersessions.models import UserSession
from django.utils import timezone

from portal.discovery import app_modules


def export(user):
    return {
        "profile": {
            "email": user.email,
            "full_name": user.full_name,
            "contact_language": user.get_contact_language_display(),
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
        },
        "email_addresses": [
            {"email": address.email, "verified": address.verified, "primary": address.primary}
            for address in EmailAddress.objects.filter(user=user).order_by("-primary", "email")
        ],
        "two_factor_authentication": sorted(
            Authenticator.Type(kind).label
            for kind in Authenticator.objects.filter(user=user).values_list("type", flat=True)
        ),
        "sign_in_sessions": [
            {
                "started_at": session.created_at.isoformat(),
                "ip_address": session.ip,
                "browser": session.user_agent,
            }
            for session in UserSession.objects.filter(user=user).order_by("-created_at")
        ],
    }


def collect(user):
    data = {"exported_at": timezone.now().isoformat()}
    for module in app_modules("personal_data"):
        data.update(module.export(user))
    return data
