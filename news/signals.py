from django.db.models.signals import post_delete
from django.dispatch import receiver

from .models import Article
from .services import delete_photo_once_unused


@receiver(post_delete, sender=Article)
def article_deleted(sender, instance, **kwargs):
    if instance.image:
        delete_photo_once_unused(instance.image.name, instance.image_width)
