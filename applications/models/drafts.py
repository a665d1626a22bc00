"""Applications being filled in, kept until they are sent or their service's time runs out."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models.functions import Now
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .services import Service


class DraftQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(applicant=user)

    def expired(self):
        return self.filter(expires_at__lt=Now())

    def to_remind(self):
        """Drafts to be deleted within REMINDER_DAYS whose owner has not been told since their
        last change: of services still open (the link to continue leads there) that keep
        drafts longer than that (a short-lived draft would be reminded of the day after it was
        saved), and not on their last day (a reminder minutes before the deletion)."""
        return self.filter(
            reminded_at__isnull=True,
            expires_at__gte=Now() + timedelta(days=1),
            expires_at__lt=Now() + timedelta(days=Draft.REMINDER_DAYS),
            service__is_open=True,
            service__draft_days__gt=Draft.REMINDER_DAYS,
        )


class Draft(models.Model):
    """An application being filled in, saved after each page. It has no reference: that comes
    when it is sent and becomes an Application."""

    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="drafts",
        verbose_name=_("applicant"),
    )
    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, related_name="drafts", verbose_name=_("service")
    )
    # {question key: answer as the form cleans it; a file question's attachment ids}
    answers = models.JSONField(default=dict, blank=True, verbose_name=_("answers"))
    created_at = models.DateTimeField(
        default=timezone.now, editable=False, verbose_name=_("created at")
    )
    updated_at = models.DateTimeField(
        default=timezone.now, editable=False, verbose_name=_("updated at")
    )
    expires_at = models.DateTimeField(editable=False, verbose_name=_("expires at"))
    # When its owner was told that it would be deleted soon; a change gives it a new time.
    reminded_at = models.DateTimeField(
        null=True, blank=True, editable=False, verbose_name=_("reminded at")
    )

    REMINDER_DAYS = 7

    objects = DraftQuerySet.as_manager()

    class Meta:
        verbose_name = _("draft")
        verbose_name_plural = _("drafts")
        ordering = ["-updated_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["applicant", "service"], name="applications_draft_one_per_service"
            )
        ]
        indexes = [models.Index(fields=["expires_at"], name="draft_expires_idx")]

    def __str__(self):
        return f"{self.service} ({self.applicant})"

    def touch(self):
        self.updated_at = timezone.now()
        self.expires_at = self.updated_at + timedelta(days=self.service.draft_days)
        self.reminded_at = None
