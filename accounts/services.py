from allauth.account.adapter import get_adapter
from allauth.usersessions.models import UserSession
from django.db import transaction
from django.utils import timezone

from .models import User


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


def personal_pages_changed(user_id):
    """Retire the kept copies of this person's pages (portal.caching), in every server process."""
    # The clock, not the database's NOW(): that is the same for a whole transaction.
    User.objects.filter(pk=user_id).update(pages_changed_at=timezone.now())
