from django.db import models


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

    @classmethod
    def load(cls):
        profile = cls.objects.filter(pk=1).first()
        return profile or cls(pk=1, name="City Portal")
