from datetime import timedelta

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.contrib.postgres.search import SearchRank, SearchVector, SearchVectorField
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.db.models.functions import Cast, LPad, Now, Upper
from django.urls import reverse
from django.utils import timezone

from portal.fulltext import SEARCH_CONFIG, web_search_query

from .statuses import (
    APPLICATION_DECIDED,
    APPLICATION_EXPLANATIONS,
    INQUIRY_EXPLANATIONS,
    ApplicationStatus,
    InquiryStatus,
)

REFERENCE_FORMAT = r"^[0-9]{8}$"


def next_value(sequence_name):
    # The database fills the reference in on insert, so two submissions at once never share one.
    return Cast(models.Func(models.Value(sequence_name), function="nextval"), models.TextField())


class AttachmentStorage(FileSystemStorage):
    """Private files: the location follows the setting, and there is no public URL."""

    def __init__(self):
        super().__init__(base_url="/no-public-url/")

    @property
    def base_location(self):
        return str(settings.APPLICATIONS_ATTACHMENT_ROOT)

    @property
    def location(self):
        return str(settings.APPLICATIONS_ATTACHMENT_ROOT.resolve())


def attachment_storage():
    return AttachmentStorage()


class ServiceQuerySet(models.QuerySet):
    def open(self):
        return self.filter(is_open=True)

    def listing_applications_publicly(self):
        return self.filter(lists_applications_publicly=True)


class Service(models.Model):
    name = models.CharField(max_length=150)
    slug = models.SlugField(max_length=150, unique=True)
    summary = models.CharField(max_length=300, help_text="One sentence shown in the list.")
    description = models.TextField(help_text="Who can apply and what the service gives.")
    what_to_provide = models.TextField(
        blank=True, help_text="What applicants should write and attach."
    )
    processing_days = models.PositiveSmallIntegerField(
        "expected processing days", help_text="Calendar days from submission to a decision."
    )
    is_open = models.BooleanField("open for applications", default=True)
    lists_applications_publicly = models.BooleanField(
        "list its applications publicly",
        default=False,
        help_text=(
            "Show each new application's reference, service, dates and status in the public "
            "lists on the home page. Applicants are told before they apply; their names and "
            "details are never shown."
        ),
    )

    objects = ServiceQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_apply_url(self):
        return reverse("applications:application_create", kwargs={"slug": self.slug})


class ApplicationQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(applicant=user)

    def newest_first(self):
        return self.order_by("-submitted_at", "-pk")

    def overdue(self):
        return self.exclude(status__in=APPLICATION_DECIDED).filter(due_at__lt=Now())

    def not_overdue(self):
        # The complement of overdue() as one condition: "NOT IN (every overdue case)" made
        # PostgreSQL compare each of millions of rows with a list of hundreds of thousands.
        return self.filter(models.Q(status__in=APPLICATION_DECIDED) | models.Q(due_at__gte=Now()))

    def listed_publicly(self):
        # Listed when the service listed its applications at the time of applying (what the
        # applicant was told) and still does: turning the setting off hides them at once.
        return self.filter(listed_publicly=True, service__lists_applications_publicly=True)


class Application(models.Model):
    reference = models.CharField(
        max_length=8,
        unique=True,
        editable=False,
        db_default=next_value("applications_application_reference_seq"),
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="applications"
    )
    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="applications")
    details = models.TextField()
    submitted_at = models.DateTimeField(default=timezone.now, editable=False)
    due_at = models.DateTimeField(
        "decision expected by", editable=False, help_text="From the service's processing days."
    )
    status = models.CharField(
        max_length=20,
        choices=ApplicationStatus,
        default=ApplicationStatus.SUBMITTED,
        editable=False,
    )
    status_changed_at = models.DateTimeField(default=timezone.now, editable=False)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_applications",
        limit_choices_to={"is_staff": True},
    )
    listed_publicly = models.BooleanField(
        default=False,
        editable=False,
        help_text="Whether its service listed applications publicly when it was sent.",
    )

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        indexes = [
            models.Index(fields=["applicant", "-submitted_at"]),
            models.Index(fields=["status", "due_at"]),
            # The caseworkers' list, newest first, whole and by status: the first page is read
            # from the index instead of sorting millions of cases.
            models.Index(fields=["-submitted_at", "-id"], name="application_newest_idx"),
            models.Index(
                fields=["status", "-submitted_at", "-id"], name="application_status_newest_idx"
            ),
            # The public lists read only the few listed cases, newest first, whole or filtered.
            models.Index(
                fields=["-submitted_at", "-id"],
                condition=models.Q(listed_publicly=True),
                name="application_listed_newest_idx",
            ),
            models.Index(
                fields=["status", "-submitted_at", "-id"],
                condition=models.Q(listed_publicly=True),
                name="application_listed_status_idx",
            ),
            models.Index(
                fields=["service", "-submitted_at", "-id"],
                condition=models.Q(listed_publicly=True),
                name="application_listed_service_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(reference__regex=REFERENCE_FORMAT),
                name="applications_application_reference_format",
            ),
        ]

    def __str__(self):
        return f"{self.reference} ({self.service})"

    def get_absolute_url(self):
        return reverse("applications:application_detail", kwargs={"reference": self.reference})

    @property
    def explanation(self):
        return APPLICATION_EXPLANATIONS[self.status]

    @property
    def is_decided(self):
        return self.status in APPLICATION_DECIDED

    @property
    def is_overdue(self):
        return not self.is_decided and self.due_at < timezone.now()

    @staticmethod
    def due_date_for(service, submitted_at):
        return submitted_at + timedelta(days=service.processing_days)


def attachment_path(attachment, filename):
    return f"{attachment.application.reference}/{filename}"


class Attachment(models.Model):
    class Kind(models.TextChoices):
        PDF = "application/pdf", "PDF document"
        JPEG = "image/jpeg", "JPEG image"
        PNG = "image/png", "PNG image"

    application = models.ForeignKey(
        Application, on_delete=models.PROTECT, related_name="attachments"
    )
    file = models.FileField(storage=attachment_storage, upload_to=attachment_path, max_length=200)
    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=40, choices=Kind)
    size = models.PositiveIntegerField("size in bytes")
    uploaded_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return self.original_name

    def get_absolute_url(self):
        return reverse(
            "applications:attachment_download",
            kwargs={"reference": self.application.reference, "pk": self.pk},
        )


class InquiryQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(author=user)

    def newest_first(self):
        return self.order_by("-submitted_at", "-pk")

    def listed_publicly(self):
        return self.filter(listed_publicly=True)


class Inquiry(models.Model):
    SUBJECT_MAX_LENGTH = 150
    MESSAGE_MAX_LENGTH = 4000

    reference = models.CharField(
        max_length=8,
        unique=True,
        editable=False,
        db_default=LPad(next_value("applications_inquiry_reference_seq"), 8, models.Value("0")),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="inquiries"
    )
    subject = models.CharField(max_length=SUBJECT_MAX_LENGTH)
    message = models.TextField()
    submitted_at = models.DateTimeField(default=timezone.now, editable=False)
    status = models.CharField(
        max_length=20, choices=InquiryStatus, default=InquiryStatus.RECEIVED, editable=False
    )
    status_changed_at = models.DateTimeField(default=timezone.now, editable=False)
    answer = models.TextField(blank=True, editable=False)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="answered_inquiries",
    )
    answered_at = models.DateTimeField(null=True, blank=True, editable=False)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_inquiries",
        limit_choices_to={"is_staff": True},
    )
    # The author's choices when sending it; staff cannot change them.
    listed_publicly = models.BooleanField(
        "the author agreed to list its reference and status publicly",
        default=False,
        editable=False,
    )
    publication_agreed = models.BooleanField(
        "the author agreed to publish the question and answer without their name",
        default=False,
        editable=False,
    )

    objects = InquiryQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "inquiries"
        ordering = ["-submitted_at", "-pk"]
        indexes = [
            models.Index(fields=["author", "-submitted_at"]),
            models.Index(fields=["-submitted_at", "-id"], name="inquiry_newest_idx"),
            models.Index(
                fields=["status", "-submitted_at", "-id"], name="inquiry_status_newest_idx"
            ),
            models.Index(
                fields=["-submitted_at", "-id"],
                condition=models.Q(listed_publicly=True),
                name="inquiry_listed_newest_idx",
            ),
            models.Index(
                fields=["status", "-submitted_at", "-id"],
                condition=models.Q(listed_publicly=True),
                name="inquiry_listed_status_idx",
            ),
            # Caseworkers search subjects for words (icontains compares upper case).
            GinIndex(
                OpClass(Upper("subject"), name="gin_trgm_ops"), name="inquiry_subject_trgm_idx"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(reference__regex=REFERENCE_FORMAT),
                name="applications_inquiry_reference_format",
            ),
        ]

    def __str__(self):
        return f"{self.reference}: {self.subject}"

    def get_absolute_url(self):
        return reverse("applications:inquiry_detail", kwargs={"reference": self.reference})

    @property
    def explanation(self):
        return INQUIRY_EXPLANATIONS[self.status]

    @property
    def may_be_published(self):
        return self.publication_agreed and bool(self.answer)


class StatusChange(models.Model):
    """One row per status change of a case. Rows are only ever added (a database trigger refuses
    the rest). Each kind of case names its status choices and its case field."""

    statuses: type[models.TextChoices]
    case_field: str

    from_status = models.CharField(max_length=20, blank=True, editable=False)
    to_status = models.CharField(max_length=20, editable=False)
    note_to_citizen = models.TextField(blank=True, editable=False)
    internal_note = models.TextField(blank=True, editable=False)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", editable=False
    )
    changed_at = models.DateTimeField(default=timezone.now, editable=False)

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
        return self.statuses(self.from_status).label if self.from_status else ""

    @property
    def to_label(self):
        return self.statuses(self.to_status).label


class ApplicationStatusChange(StatusChange):
    statuses = ApplicationStatus
    case_field = "application"

    application = models.ForeignKey(
        Application, on_delete=models.PROTECT, related_name="history", editable=False
    )

    class Meta(StatusChange.Meta):
        verbose_name = "application status change"


class InquiryStatusChange(StatusChange):
    statuses = InquiryStatus
    case_field = "inquiry"

    inquiry = models.ForeignKey(
        Inquiry, on_delete=models.PROTECT, related_name="history", editable=False
    )

    class Meta(StatusChange.Meta):
        verbose_name = "inquiry status change"


class PublishedAnswerQuerySet(models.QuerySet):
    def newest_first(self):
        return self.order_by("-published_at", "-pk")

    def search(self, query):
        search_query = web_search_query(query)
        return self.filter(search_vector=search_query).annotate(
            rank=SearchRank(models.F("search_vector"), search_query)
        )


class PublishedAnswer(models.Model):
    """An answered inquiry in the city's public archive of answered questions.

    A caseworker publishes it when the author agreed, as a copy in which they may leave out
    anything that could identify the person; the author's name is never part of it.
    """

    inquiry = models.OneToOneField(
        Inquiry, on_delete=models.PROTECT, related_name="published_answer", editable=False
    )
    title = models.CharField(max_length=Inquiry.SUBJECT_MAX_LENGTH)
    question = models.TextField()
    answer = models.TextField()
    answered_at = models.DateTimeField(editable=False)
    published_at = models.DateTimeField(default=timezone.now, editable=False)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", editable=False
    )
    updated_at = models.DateTimeField(auto_now=True)
    search_vector = models.GeneratedField(
        expression=SearchVector("title", weight="A", config=SEARCH_CONFIG)
        + SearchVector("question", "answer", weight="B", config=SEARCH_CONFIG),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    objects = PublishedAnswerQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        indexes = [
            models.Index(fields=["-published_at", "-id"], name="published_answer_newest_idx"),
            GinIndex(fields=["search_vector"], name="published_answer_search_idx"),
            # The search's "did you mean" compares the query with titles by trigrams.
            GinIndex(
                fields=["title"], opclasses=["gin_trgm_ops"], name="published_answer_trgm_idx"
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("public:answer_detail", kwargs={"reference": self.inquiry.reference})
