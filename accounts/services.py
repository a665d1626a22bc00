from allauth.account.adapter import get_adapter
from allauth.usersessions.models import UserSession
from django.contrib.sessions.models import Session
from django.db import transaction
from django.db.models.functions import Now


@transaction.atomic
def account_close(*, request, user):
    """Deactivate the account and end all its sessions; the records linked to it stay."""
    user.is_active = False
    user.save(update_fields=["is_active"])
    adapter = get_adapter(request)
    adapter.send_notification_mail("account/email/account_closed", user)
    for session in UserSession.objects.filter(user=user):
        session.end()
    adapter.logout(request)


def sign_ins_forget_ended():
    """Delete the record of each sign-in (its address and browser, which "My account" lists)
    whose session has ended: signed out, expired or deleted. allauth forgets a person's ended
    ones when they next sign in; this also covers those who never do. Returns how many."""
    # The sessions are in the database (the default SESSION_ENGINE): one DELETE, where allauth's
    # UserSession.purge() asks the session engine once a record.
    live = Session.objects.filter(expire_date__gt=Now()).values("session_key")
    deleted, _ = UserSession.objects.exclude(session_key__in=live).delete()
    return deleted
