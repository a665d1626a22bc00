from django.conf import settings
from django.core.cache import caches
from django.db import models

CACHE_KEY = "site-profile"


class SiteProfile(models.Model):
    """The portal's own name and contact details: one record, edited by staff."""

    name = models.CharField(max_length=100)
    tagline = models.CharField(max_length=200, blank=True)
    contact_email = models.EmailField(blank=True)
    contact_phone = models.CharField(max_length=40, blank=True)
    postal_address = models.TextField(blank=True)
    office_hours = models.CharField(max_length=200, blank=True)

    class Meta:
        verbose_name = "site profile"
        verbose_name_plural = "site profile"
        constraints = [
            models.CheckConstraint(condition=models.Q(id=1), name="portal_siteprofile_single_row"),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.pk = 1
        super().save(*args, **kwargs)
        # Every page shows the profile. Other server processes catch up within the cache time.
        caches["pages"].clear()

    @classmethod
    def load(cls):
        return caches["pages"].get_or_set(
            CACHE_KEY, cls._from_database, settings.PAGE_CACHE_SECONDS
        )

    @classmethod
    def _from_database(cls):
        profile = cls.objects.filter(pk=1).first()
        return profile or cls(pk=1, name="City Portal")
