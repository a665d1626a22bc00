from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.core.cache import caches
from django.db import models
from django.db.models.functions import Now
from django.utils import timezone

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


class OutgoingEmailQuerySet(models.QuerySet):
    def due(self):
        return self.filter(
            status=OutgoingEmail.Status.PENDING, next_attempt_at__lte=Now()
        ).order_by("next_attempt_at", "pk")

    def to_address(self, address):
        return self.filter(to__contains=[address])

    def to_any_of(self, addresses):
        return self.filter(to__overlap=list(addresses))


class OutgoingEmail(models.Model):
    """An email waiting in the outbox, written in the same transaction as the change it reports
    (portal.mail) and sent by the mail worker; kept afterwards as the record of what was sent."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting to be sent"
        SENT = "sent", "Sent"
        FAILED = "failed", "Gave up"

    from_email = models.CharField(max_length=320)
    to = ArrayField(models.CharField(max_length=320))
    subject = models.CharField(max_length=998)
    body_text = models.TextField()
    body_html = models.TextField(blank=True)
    # Cc, Bcc, Reply-To and other headers, as EmailMessage takes them.
    envelope = models.JSONField(default=dict, blank=True)
    reference = models.CharField(
        max_length=8, blank=True, help_text="The application or inquiry the email is about."
    )
    is_private = models.BooleanField(
        default=True,
        help_text="Sign-in links and codes: the text is not shown in the administration and is "
        "erased once the email is sent.",
    )
    status = models.CharField(max_length=10, choices=Status, default=Status.PENDING)
    created_at = models.DateTimeField(default=timezone.now)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)

    objects = OutgoingEmailQuerySet.as_manager()

    class Meta:
        verbose_name = "outgoing email"
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(
                fields=["next_attempt_at", "id"],
                condition=models.Q(status="pending"),
                name="outgoing_email_due_idx",
            ),
            models.Index(fields=["-created_at", "-id"], name="outgoing_email_newest_idx"),
            GinIndex(fields=["to"], name="outgoing_email_to_idx"),
            models.Index(fields=["reference"], name="outgoing_email_reference_idx"),
        ]

    def __str__(self):
        return f"{self.subject} to {', '.join(self.to)}"
