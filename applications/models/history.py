"""The append-only status history of applications and inquiries."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..statuses import ApplicationStatus, InquiryStatus


class StatusChange(models.Model):
    """One row per status change of a case. Rows are only ever added (a database trigger refuses
    the rest). Each kind of case names its status choices and its case field."""

    statuses: type[models.TextChoices]
    case_field: str

    from_status = models.CharField(
        max_length=20, blank=True, editable=False, verbose_name=_("from status")
    )
    to_status = models.CharField(max_length=20, editable=False, verbose_name=_("to status"))
    note_to_citizen = models.TextField(
        blank=True, editable=False, verbose_name=_("note to citizen")
    )
    internal_note = models.TextField(blank=True, editable=False, verbose_name=_("internal note"))
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
        verbose_name=_("changed by"),
    )
    changed_at = models.DateTimeField(
        default=timezone.now, editable=False, verbose_name=_("changed at")
    )

    class Meta:
        abstract = True
        ordering = ["changed_at", "pk"]

    def __str__(self):
        case = getattr(self, self.case_field)
        return f"{case.reference}: {self.from_label or 'new'} → {self.to_label}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValueError("Status history is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Status history is append-only.")

    @property
    def from_label(self):
        return self.label_of(self.from_status) if self.from_status else ""

    @property
    def to_label(self):
        return self.label_of(self.to_status)

    def label_of(self, status):
        # Rows are never rewritten: a status retired since keeps its stored name.
        try:
            return self.statuses(status).label
        except ValueError:
            return status.replace("_", " ").capitalize()


class ApplicationStatusChange(StatusChange):
    statuses = ApplicationStatus
    case_field = "application"

    application = models.ForeignKey(
        "Application",
        on_delete=models.PROTECT,
        related_name="history",
        editable=False,
        verbose_name=_("application"),
    )

    class Meta(StatusChange.Meta):
        verbose_name = _("application status change")
        verbose_name_plural = _("application status changes")


class InquiryStatusChange(StatusChange):
    statuses = InquiryStatus
    case_field = "inquiry"

    inquiry = models.ForeignKey(
        "Inquiry",
        on_delete=models.PROTECT,
        related_name="history",
        editable=False,
        verbose_name=_("inquiry"),
    )

    class Meta(StatusChange.Meta):
        verbose_name = _("inquiry status change")
        verbose_name_plural = _("inquiry status changes")
