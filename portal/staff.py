"""Who may use the staff pages: the admin, and caseworkers' downloads outside it."""

from allauth.account.authentication import get_authentication_records
from allauth.mfa.utils import is_mfa_enabled


def passed_two_factors(request):
    """This sign-in session passed an authenticator code; an account that has one is not enough
    (a password-only session opened before the authenticator was added would do)."""
    records = get_authentication_records(request, request.user)
    return any(record.get("method") == "mfa" for record in records) and is_mfa_enabled(request.user)


def is_staff_session(request):
    """Active staff, signed in with two factors in this session. Answered once per request: the
    admin asks twice for every page."""
    if not hasattr(request, "is_staff_session"):
        user = request.user
        request.is_staff_session = user.is_active and user.is_staff and passed_two_factors(request)
    return request.is_staff_session
