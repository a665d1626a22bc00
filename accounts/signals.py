"""A person's kept pages (portal.caching) follow changes to their email addresses.

Citizens' case pages are open only to a verified address; allauth and the admin change those
addresses through the model, so its signals see every change.
"""

from allauth.account.models import EmailAddress
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from .services import personal_pages_changed


@receiver(pre_save, sender=EmailAddress)
def email_address_moving(sender, instance, **kwargs):
    # Staff may give an address to another account: its former owner loses it.
    if instance.pk is None:
        return
    stored = EmailAddress.objects.filter(pk=instance.pk).values_list("user_id", flat=True)
    former_owner = stored.first()
    if former_owner is not None and former_owner != instance.user_id:
        personal_pages_changed(former_owner)


@receiver([post_save, post_delete], sender=EmailAddress)
def email_address_changed(sender, instance, **kwargs):
    personal_pages_changed(instance.user_id)
