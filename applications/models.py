from datetime import date, timedelta

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.contrib.postgres.search import SearchRank, SearchVector, SearchVectorField
from django.core.exceptions import ValidationError
from django.core.files.storage import storages
from django.db import models
from django.db.models import Exists, F, OuterRef
from django.db.models.functions import Cast, LPad, Now, Upper
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

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


def attachment_storage():
    return storages["attachments"]


class FileKind(models.TextChoices):
    """What an attached file may be, by its content (applications.uploads checks it)."""

    PDF = "application/pdf", _("PDF document")
    JPEG = "image/jpeg", _("JPEG image")
    PNG = "image/png", _("PNG image")


class ServiceQuerySet(models.QuerySet):
    def open(self):
        return self.filter(is_open=True)

    def listing_applications_publicly(self):
        return self.filter(lists_applications_publicly=True)

    def search(self, query, *, boost=1):
        """Matches of the query, best first; `boost` multiplies the rank, for site search to
        weigh services against news and answers."""
        search_query = web_search_query(query)
        return (
            self.filter(search_vector=search_query)
            .annotate(rank=SearchRank(F("search_vector"), search_query) * boost)
            .order_by("-rank", "pk")
        )


class Service(models.Model):
    name = models.CharField(max_length=150)
    slug = models.SlugField(
        max_length=150,
        unique=True,
        help_text=_(
            "The start page's address: /services/<slug>/. FAQ answers and news link to it, so "
            "change it only for a new service: old links would stop working."
        ),
    )
    summary = models.CharField(
        max_length=300, help_text=_("One sentence, shown in the list of services and in search.")
    )
    description = models.TextField(
        help_text=_("What the service is for and what it gives: the start page's first words.")
    )
    who_can_apply = models.TextField(
        _("who can apply"), blank=True, help_text=_("Who may use the service, and who may not.")
    )
    what_to_provide = models.TextField(
        _("what you need"),
        blank=True,
        help_text=_("What applicants need to have at hand: numbers, dates, documents to upload."),
    )
    fees = models.TextField(
        _("fees"),
        blank=True,
        help_text=_("What it costs and how to pay. Leave empty for a free service."),
    )
    processing_days = models.PositiveSmallIntegerField(
        _("expected processing days"),
        help_text=_(
            "Calendar days (weekends and holidays included) from submission to a decision."
        ),
    )
    draft_days = models.PositiveSmallIntegerField(
        _("days a draft is kept"),
        default=30,
        help_text=_(
            "An application that is started but not sent is deleted this many days after its "
            "last change."
        ),
    )
    is_open = models.BooleanField(_("open for applications"), default=True)
    updated_at = models.DateTimeField(auto_now=True)
    # The name weighs most, so that "parking permit" finds the parking permit service first.
    search_vector = models.GeneratedField(
        expression=SearchVector("name", weight="A", config=SEARCH_CONFIG)
        + SearchVector("summary", weight="B", config=SEARCH_CONFIG)
        + SearchVector("description", weight="C", config=SEARCH_CONFIG)
        + SearchVector("who_can_apply", weight="C", config=SEARCH_CONFIG)
        + SearchVector("what_to_provide", weight="D", config=SEARCH_CONFIG),
        output_field=SearchVectorField(),
        db_persist=True,
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
        indexes = [GinIndex(fields=["search_vector"], name="service_search_idx")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("applications:service_detail", kwargs={"slug": self.slug})

    def get_apply_url(self):
        return reverse("applications:application_create", kwargs={"slug": self.slug})


class Question(models.Model):
    """One question of a service's application form, as staff write it in the admin. Questions
    with the same page number are asked together, on one page; pages come in number order."""

    class Kind(models.TextChoices):
        SHORT_TEXT = "short_text", _("Short text")
        LONG_TEXT = "long_text", _("Long text")
        NUMBER = "number", _("Number")
        DATE = "date", _("Date")
        EMAIL = "email", _("Email address")
        PHONE = "phone", _("Phone number")
        CHOICE = "choice", _("One choice of several")
        CHOICES = "choices", _("Several choices")
        YES_NO = "yes_no", _("Yes or no")
        FILE = "file", _("File upload")

    class DateLimit(models.TextChoices):
        ANY = "", _("Any date")
        PAST = "past", _("Today or earlier")
        FUTURE = "future", _("Today or later")

    TEXT_KINDS = {Kind.SHORT_TEXT, Kind.LONG_TEXT}
    OPTION_KINDS = {Kind.CHOICE, Kind.CHOICES}
    # What a person may type at most, whatever the question allows.
    LONGEST = {Kind.SHORT_TEXT: 200, Kind.LONG_TEXT: 5000}

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="questions")
    page = models.PositiveSmallIntegerField(
        _("page"),
        default=1,
        help_text=_("Questions with the same page number are asked on one page."),
    )
    position = models.PositiveSmallIntegerField(
        _("position"), default=0, help_text=_("Order on the page; lower numbers come first.")
    )
    page_heading = models.CharField(
        _("page heading"),
        max_length=200,
        blank=True,
        help_text=_(
            "Needed on a page with several questions (on one of them). A page with one question "
            "uses the question as its heading."
        ),
    )
    label = models.CharField(_("question"), max_length=200)
    hint = models.CharField(
        _("hint"),
        max_length=500,
        blank=True,
        help_text=_("Shown under the question: an example, or where to find the answer."),
    )
    kind = models.CharField(_("kind of answer"), max_length=20, choices=Kind)
    required = models.BooleanField(_("answer required"), default=True)
    options = models.TextField(
        _("options"),
        blank=True,
        help_text=_("For the kinds with choices: one option a line, in the order to show them."),
    )
    min_length = models.PositiveIntegerField(_("fewest characters"), null=True, blank=True)
    max_length = models.PositiveIntegerField(
        _("most characters"),
        null=True,
        blank=True,
        help_text=_("Short text takes at most 200 characters, long text 5,000."),
    )
    min_value = models.DecimalField(
        _("lowest number"), max_digits=15, decimal_places=4, null=True, blank=True
    )
    max_value = models.DecimalField(
        _("highest number"), max_digits=15, decimal_places=4, null=True, blank=True
    )
    date_limit = models.CharField(
        _("dates allowed"), max_length=10, choices=DateLimit, default=DateLimit.ANY, blank=True
    )
    file_kinds = ArrayField(
        models.CharField(max_length=40, choices=FileKind),
        verbose_name=_("file kinds allowed"),
        default=list,
        blank=True,
        help_text=_("None chosen: PDF, JPEG and PNG."),
    )
    max_file_mb = models.PositiveSmallIntegerField(
        _("largest file (MB)"),
        null=True,
        blank=True,
        help_text=_("At most the portal's limit for attachments; empty: that limit."),
    )
    max_files = models.PositiveSmallIntegerField(
        _("most files"),
        default=1,
        help_text=_("How many files may be uploaded for this question."),
    )

    class Meta:
        ordering = ["page", "position", "pk"]
        indexes = [
            models.Index(fields=["service", "page", "position"], name="question_service_page_idx")
        ]

    def __str__(self):
        return self.label

    @property
    def key(self):
        """How a draft and the form name the answer: the question's id, or the name of one of
        the questions a service without questions of its own asks."""
        return getattr(self, "default_key", None) or str(self.pk)

    @property
    def option_list(self):
        return [line.strip() for line in self.options.splitlines() if line.strip()]

    @property
    def max_file_bytes(self):
        limit = settings.APPLICATIONS_MAX_ATTACHMENT_BYTES
        return min(limit, self.max_file_mb * 1024 * 1024) if self.max_file_mb else limit

    @property
    def allowed_file_kinds(self):
        return self.file_kinds or list(FileKind)

    def clean(self):
        errors = {}
        if self.kind in self.OPTION_KINDS and len(self.option_list) < 2:
            errors["options"] = gettext("Give at least two options, one a line.")
        if self.kind not in self.OPTION_KINDS and self.options.strip():
            errors["options"] = gettext("Only questions with choices have options.")
        if self.kind in self.TEXT_KINDS:
            longest = self.LONGEST[self.kind]
            if self.max_length and self.max_length > longest:
                errors["max_length"] = gettext(
                    "This kind of answer takes at most %(n)s characters."
                ) % {"n": longest}
            if self.min_length and self.min_length > (self.max_length or longest):
                errors["min_length"] = gettext("The fewest characters are more than the most.")
        elif self.min_length or self.max_length:
            errors["max_length"] = gettext("Only text answers have a length.")
        if self.kind == self.Kind.NUMBER:
            if None not in (self.min_value, self.max_value) and self.min_value > self.max_value:
                errors["min_value"] = gettext("The lowest number is higher than the highest.")
        elif self.min_value is not None or self.max_value is not None:
            errors["min_value"] = gettext("Only number answers have a lowest or highest number.")
        if self.kind != self.Kind.DATE and self.date_limit:
            errors["date_limit"] = gettext("Only date answers have dates allowed.")
        if self.kind == self.Kind.FILE:
            limit = settings.APPLICATIONS_MAX_ATTACHMENT_BYTES
            if self.max_file_mb and self.max_file_mb * 1024 * 1024 > limit:
                errors["max_file_mb"] = gettext("Files may be %(size)s at most.") % {
                    "size": filesizeformat(limit)
                }
            if not 1 <= self.max_files <= settings.APPLICATIONS_MAX_ATTACHMENTS:
                errors["max_files"] = gettext("Between 1 and %(n)s files.") % {
                    "n": settings.APPLICATIONS_MAX_ATTACHMENTS
                }
        elif self.file_kinds or self.max_file_mb:
            errors["file_kinds"] = gettext("Only file uploads have file kinds and sizes.")
        if errors:
            raise ValidationError(errors)


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

    def citizen_replied(self):
        """Cases back with the caseworkers because the citizen sent what was asked for, and not
        moved on since: their last change is the citizen's reply."""
        replies = ApplicationStatusChange.objects.filter(
            application=OuterRef("pk"),
            from_status=ApplicationStatus.ACTION_REQUIRED,
            to_status=ApplicationStatus.RECEIVED,
            changed_at=OuterRef("status_changed_at"),
        )
        return self.filter(status=ApplicationStatus.RECEIVED).filter(Exists(replies))


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
            # The caseworkers' "Citizen replied" queue, latest reply first.
            models.Index(
                fields=["status", "-status_changed_at"], name="application_status_changed_idx"
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


class Answer(models.Model):
    """One answer of a sent application, with the question as the citizen was asked it: a
    question changed or removed later does not change what was sent."""

    application = models.ForeignKey(
        Application, on_delete=models.PROTECT, related_name="answers", editable=False
    )
    question = models.ForeignKey(
        Question, on_delete=models.SET_NULL, null=True, blank=True, related_name="answers"
    )
    position = models.PositiveSmallIntegerField(default=0)
    question_text = models.CharField(_("question as asked"), max_length=200)
    kind = models.CharField(max_length=20, choices=Question.Kind)
    # As the form cleans it: dates as YYYY-MM-DD, yes or no as "yes"/"no", several choices one a
    # line; a file answer's files are its attachments.
    value = models.TextField(blank=True)

    class Meta:
        ordering = ["position", "pk"]
        indexes = [models.Index(fields=["application", "position"], name="answer_application_idx")]

    def __str__(self):
        return self.question_text

    @property
    def display(self):
        """The answer as the person reads it (a list for several choices)."""
        return display_answer(self.kind, self.value)


def display_answer(kind, value):
    if value in ("", None, []):
        return ""
    if kind == Question.Kind.DATE:
        try:
            return date_format(date.fromisoformat(value), "j F Y")
        except ValueError:
            return value
    if kind == Question.Kind.YES_NO:
        return gettext("Yes") if value == "yes" else gettext("No")
    if kind == Question.Kind.CHOICES:
        return value if isinstance(value, list) else value.splitlines()
    return value


class DraftQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(applicant=user)

    def expired(self):
        return self.filter(expires_at__lt=Now())


class Draft(models.Model):
    """An application being filled in, saved after each page. It has no reference: that comes
    when it is sent and becomes an Application."""

    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="drafts"
    )
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="drafts")
    # {question key: answer as the form cleans it; a file question's attachment ids}
    answers = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now, editable=False)
    expires_at = models.DateTimeField(editable=False)

    objects = DraftQuerySet.as_manager()

    class Meta:
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
    required"), with an inquiry (or its follow-up question), or with a draft not sent yet."""

    Kind = FileKind

    application = models.ForeignKey(
        Application, on_delete=models.PROTECT, null=True, blank=True, related_name="attachments"
    )
    inquiry = models.ForeignKey(
        "Inquiry", on_delete=models.PROTECT, null=True, blank=True, related_name="attachments"
    )
    draft = models.ForeignKey(
        Draft, on_delete=models.CASCADE, null=True, blank=True, related_name="attachments"
    )
    # What it was sent with, within its case.
    answer = models.ForeignKey(
        Answer, on_delete=models.PROTECT, null=True, blank=True, related_name="attachments"
    )
    application_change = models.ForeignKey(
        "ApplicationStatusChange",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="attachments",
    )
    inquiry_change = models.ForeignKey(
        "InquiryStatusChange",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="attachments",
    )
    file = models.FileField(storage=attachment_storage, upload_to=attachment_path, max_length=200)
    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=40, choices=FileKind)
    size = models.PositiveIntegerField("size in bytes")
    uploaded_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
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
    # An answered inquiry takes one follow-up question from its author for this long.
    FOLLOW_UP_DAYS = 30

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
    # The one follow-up question, and the answer to it: the first answer stays as it was.
    follow_up = models.TextField(_("follow-up question"), blank=True, editable=False)
    follow_up_at = models.DateTimeField(null=True, blank=True, editable=False)
    follow_up_answer = models.TextField(_("answer to the follow-up"), blank=True, editable=False)
    follow_up_answered_at = models.DateTimeField(null=True, blank=True, editable=False)
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

    def latest_answer(self):
        return self.follow_up_answer or self.answer

    @property
    def follow_up_until(self):
        if self.answered_at is None:
            return None
        return self.answered_at + timedelta(days=self.FOLLOW_UP_DAYS)


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
