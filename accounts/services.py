from allauth.account.adapter import get_adapter
from allauth.usersessions.models import UserSession
from django.db import transaction


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
