"""The files of applications, inquiries and drafts (citizens' and those the city sends them),
kept in private storage."""

from django.core.files.storage import storages
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def attachment_storage():
    """STORAGES["attachments"]: a private folder here, or an object store (README)."""
    return storages["attachments"]


class FileKind(models.TextChoices):
    """What an attached file may be, by its content (applications.uploads checks it)."""

    PDF = "application/pdf", _("PDF document")
    JPEG = "image/jpeg", _("JPEG image")
    PNG = "image/png", _("PNG image")


def attachment_path(attachment, filename):
    # The file's name is random; the folder says what it belongs to. A draft's files keep their
    # name when it is sent: a second move could be lost to an interruption.
    if attachment.application_id:
        return f"{attachment.application.reference}/{filename}"
    if attachment.inquiry_id:
        return f"inquiries/{attachment.inquiry.reference}/{filename}"
    return f"drafts/{filename}"


class Attachment(models.Model):
    """A file a citizen sent: with an application (as an answer, or with a reply to "Action
    required"), with an inquiry (or its follow-up question), or with a draft not sent yet; or a
    file a caseworker sent the citizen with a status change."""

    Kind = FileKind

    application = models.ForeignKey(
        "Application",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="attachments",
        verbose_name=_("application"),
    )
    inquiry = models.ForeignKey(
        "Inquiry",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="attachments",
        verbose_name=_("inquiry"),
    )
    draft = models.ForeignKey(
        "Draft",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="attachments",
        verbose_name=_("draft"),
    )
    # What it was sent with, within its case.
    answer = models.ForeignKey(
        "Answer",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="attachments",
        verbose_name=_("answer"),
    )
    application_change = models.ForeignKey(
        "ApplicationStatusChange",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="attachments",
        verbose_name=_("application change"),
    )
    inquiry_change = models.ForeignKey(
        "InquiryStatusChange",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="attachments",
        verbose_name=_("inquiry change"),
    )
    file = models.FileField(
        storage=attachment_storage,
        upload_to=attachment_path,
        max_length=200,
        verbose_name=_("file"),
    )
    original_name = models.CharField(max_length=200, verbose_name=_("original name"))
    content_type = models.CharField(max_length=40, choices=FileKind, verbose_name=_("content type"))
    size = models.PositiveIntegerField(_("size in bytes"))
    uploaded_at = models.DateTimeField(
        default=timezone.now, editable=False, verbose_name=_("uploaded at")
    )

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(application__isnull=False, inquiry__isnull=True, draft__isnull=True)
                    | models.Q(application__isnull=True, inquiry__isnull=False, draft__isnull=True)
                    | models.Q(application__isnull=True, inquiry__isnull=True, draft__isnull=False)
                ),
                name="applications_attachment_has_one_owner",
            ),
        ]

    def __str__(self):
        return self.original_name

    def get_absolute_url(self):
        if self.application_id:
            return reverse(
                "applications:attachment_download",
                kwargs={"reference": self.application.reference, "pk": self.pk},
            )
        if self.inquiry_id:
            return reverse(
                "applications:inquiry_attachment_download",
                kwargs={"reference": self.inquiry.reference, "pk": self.pk},
            )
        return ""  # a draft's files are only listed, on its own pages
