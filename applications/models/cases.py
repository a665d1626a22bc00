"""The cases: applications with their answers, and inquiries. Each has an 8-digit reference
from a PostgreSQL sequence and a status whose every change is a history row (history.py)."""

from datetime import date, timedelta
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.contrib.postgres.search import SearchVector
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Cast, LPad, Now, Upper
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from portal.formats import grouped
from portal.translation import chinese_is_active, local_text

from ..statuses import (
    APPLICATION_DECIDED,
    APPLICATION_EXPLANATIONS,
    FOLLOW_UP_ANSWERED,
    INQUIRY_DONE,
    INQUIRY_EXPLANATIONS,
    ApplicationStatus,
    InquiryStatus,
)
from .history import ApplicationStatusChange
from .services import Question, Service

REFERENCE_FORMAT = r"^[0-9]{8}$"
# Who a case can be assigned to: staff who work on cases (an editor cannot open one) and who have
# not left.
CASEWORKERS = Q(is_staff=True, is_active=True) & (
    Q(groups__name="Caseworkers") | Q(is_superuser=True)
)


def next_value(sequence_name):
    # The database fills the reference in on insert, so two submissions at once never share one.
    return Cast(models.Func(models.Value(sequence_name), function="nextval"), models.TextField())


# A form sent again within this time, by Back or from a second tab, leads to the case it made.
SENT_AGAIN_WITHIN = timedelta(hours=1)

# What a list of cases shows of each (with the application's service or the inquiry's subject).
LISTED_FIELDS = ["reference", "submitted_at", "status"]


class CaseQuerySet(models.QuerySet):
    """Shared by applications and inquiries; each model names its DONE_STATUSES (decided,
    answered or closed)."""

    def still_open(self):
        """The cases still to be dealt with."""
        return self.exclude(status__in=self.model.DONE_STATUSES)

    def done(self):
        return self.filter(status__in=self.model.DONE_STATUSES)

    def newest_first(self):
        return self.order_by("-submitted_at", "-pk")

    def sent_again(self, **same):
        """The newest case like `same` sent within SENT_AGAIN_WITHIN: what a form sent twice
        (Back, then send again; or from a second tab) leads to."""
        since = timezone.now() - SENT_AGAIN_WITHIN
        return self.filter(**same, submitted_at__gte=since).newest_first().first()


# The change a citizen's reply to "Action required" makes: the case goes back to the caseworkers.
CITIZENS_REPLY = {
    "from_status": ApplicationStatus.ACTION_REQUIRED,
    "to_status": ApplicationStatus.RECEIVED,
}


class ApplicationQuerySet(CaseQuerySet):
    def for_user(self, user):
        return self.filter(applicant=user)

    def as_listed(self):
        """Only what a list shows: not the service's long texts and search vectors, which made
        most of a row."""
        return self.select_related("service").only(
            *LISTED_FIELDS, "service__name", "service__name_zh_hans"
        )

    def overdue(self):
        return self.still_open().filter(due_at__lt=Now())

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
            application=OuterRef("pk"), changed_at=OuterRef("status_changed_at"), **CITIZENS_REPLY
        )
        return self.filter(status=CITIZENS_REPLY["to_status"]).filter(Exists(replies))


class Application(models.Model):
    DONE_STATUSES = APPLICATION_DECIDED

    reference = models.CharField(
        max_length=8,
        unique=True,
        editable=False,
        db_default=next_value("applications_application_reference_seq"),
        verbose_name=_("reference"),
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="applications",
        verbose_name=_("applicant"),
    )
    service = models.ForeignKey(
        Service, on_delete=models.PROTECT, related_name="applications", verbose_name=_("service")
    )
    submitted_at = models.DateTimeField(
        default=timezone.now, editable=False, verbose_name=_("submitted at")
    )
    due_at = models.DateTimeField(
        _("decision expected by"),
        editable=False,
        help_text=_("From the service's processing days."),
    )
    status = models.CharField(
        max_length=20,
        choices=ApplicationStatus,
        default=ApplicationStatus.SUBMITTED,
        editable=False,
        verbose_name=_("status"),
    )
    status_changed_at = models.DateTimeField(
        default=timezone.now, editable=False, verbose_name=_("status changed at")
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_applications",
        limit_choices_to=CASEWORKERS,
        db_index=False,  # application_assigned_idx begins with it
        verbose_name=_("assigned to"),
    )
    listed_publicly = models.BooleanField(
        default=False,
        editable=False,
        help_text=_("Whether its service listed applications publicly when it was sent."),
        verbose_name=_("listed publicly"),
    )

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
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
            # A caseworker's own queue, newest first: read from the index, where walking the
            # newest cases of everyone passed over those of every other caseworker.
            models.Index(
                fields=["assigned_to", "-submitted_at", "-id"],
                name="application_assigned_idx",
            ),
            # "Your work": a caseworker's cases still to be dealt with, and those nobody has
            # taken, counted and listed without reading the many done with.
            models.Index(
                fields=["assigned_to", "-submitted_at", "-id"],
                condition=~models.Q(status__in=APPLICATION_DECIDED),
                name="application_open_assigned_idx",
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
            # A status the code no longer knows could be neither shown nor changed: retiring
            # one needs a migration that moves its cases first.
            models.CheckConstraint(
                condition=models.Q(status__in=ApplicationStatus.values),
                name="applications_application_status_known",
            ),
        ]

    def __str__(self):
        return f"{self.reference} ({self.service})"

    def get_absolute_url(self):
        return reverse("applications:application_detail", kwargs={"reference": self.reference})

    def get_status_display(self):
        # Django's own builds a dict of every status, translating each label, on every call:
        # a list of twenty cases spent more on that than on the rest of its rows.
        return str(ApplicationStatus(self.status).label)

    @property
    def explanation(self):
        return APPLICATION_EXPLANATIONS[self.status]

    @property
    def citizen_id(self):
        return self.applicant_id

    def citizens_reply(self):
        """The citizen's reply that sent the case back to the caseworkers, while it has not moved
        on since (as Application.objects.citizen_replied() finds them); else None."""
        if self.status != CITIZENS_REPLY["to_status"]:
            return None
        return self.history.filter(changed_at=self.status_changed_at, **CITIZENS_REPLY).first()

    @property
    def is_decided(self):
        return self.status in APPLICATION_DECIDED

    @property
    def is_overdue(self):
        return not self.is_decided and self.due_at < timezone.now()

    @property
    def decision_expected_by(self):
        """The date a decision is due, while the caseworkers have the case: none once it is
        decided, nor while it waits for the citizen (it is paused)."""
        if self.is_decided or self.status == ApplicationStatus.ACTION_REQUIRED:
            return None
        return self.due_at

    @staticmethod
    def due_date_for(service, submitted_at):
        return submitted_at + timedelta(days=service.processing_days)


class Answer(models.Model):
    """One answer of a sent application, with the question as the citizen was asked it: a
    question changed or removed later does not change what was sent."""

    application = models.ForeignKey(
        Application,
        on_delete=models.PROTECT,
        related_name="answers",
        editable=False,
        verbose_name=_("application"),
    )
    question = models.ForeignKey(
        Question,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="answers",
        verbose_name=_("question"),
    )
    position = models.PositiveSmallIntegerField(default=0, verbose_name=_("position"))
    question_text = models.CharField(_("question as asked"), max_length=200)
    kind = models.CharField(max_length=20, choices=Question.Kind, verbose_name=_("kind"))
    # As the form cleans it: dates as YYYY-MM-DD, yes or no as "yes"/"no", several choices one a
    # line; a file answer's files are its attachments.
    value = models.TextField(blank=True, verbose_name=_("value"))

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        ordering = ["position", "pk"]
        indexes = [models.Index(fields=["application", "position"], name="answer_application_idx")]

    def __str__(self):
        return self.question_text

    @property
    def question_shown(self):
        """The question as the reader reads it. A question every service asks (one not saved,
        see questions.default_questions) is an interface string, kept in English: shown in the
        reader's language. A service's own question is shown in the reader's language while it
        still reads as it was asked; once changed, as it was asked (in English)."""
        if self.question_id is None:
            return gettext(self.question_text)
        if self.question.label == self.question_text:
            return self.question.localised.label
        return local_text(self.question_text, english_fallback=chinese_is_active())

    @property
    def display(self):
        """The answer as the person reads it (a list for several choices), its choices in their
        language while the question still offers them."""
        options = self.question.option_labels if self.question_id else ()
        return display_answer(self.kind, self.value, dict(options))


def display_answer(kind, value, shown_options=None):
    """A stored answer as a person reads it; `shown_options` gives each stored (English) choice
    its text in the reader's language."""
    shown_options = shown_options or {}
    if value in ("", None, []):
        return ""
    if kind == Question.Kind.DATE:
        try:
            return date_format(date.fromisoformat(value))
        except ValueError:
            return value
    if kind == Question.Kind.NUMBER:
        try:
            return grouped(Decimal(value))
        except InvalidOperation:
            return value
    if kind == Question.Kind.YES_NO:
        return gettext("Yes") if value == "yes" else gettext("No")
    if kind == Question.Kind.CHOICES:
        chosen = value if isinstance(value, list) else value.splitlines()
        return [shown_options.get(choice, choice) for choice in chosen]
    if kind == Question.Kind.CHOICE:
        return shown_options.get(value, value)
    return value


# An inquiry's subject as its words and its pairs of Chinese characters (portal_han_bigrams),
# each run's last character standing alone: "路面坑洞" holds 路面, 面坑, 坑洞 and 洞.
SUBJECT_HAN_PAIRS = SearchVector(
    models.Func("subject", function="portal_han_bigrams", output_field=models.TextField()),
    config="simple",
)


class InquiryQuerySet(CaseQuerySet):
    def for_user(self, user):
        return self.filter(author=user)

    def as_listed(self):
        """Only what a list shows: not the message, which may run to pages."""
        return self.only(*LISTED_FIELDS, "subject")

    def listed_publicly(self):
        return self.filter(listed_publicly=True)


class Inquiry(models.Model):
    DONE_STATUSES = INQUIRY_DONE
    SUBJECT_MAX_LENGTH = 150
    MESSAGE_MAX_LENGTH = 4000
    # An answered inquiry takes one follow-up question from its author for this long.
    FOLLOW_UP_DAYS = 30

    reference = models.CharField(
        max_length=8,
        unique=True,
        editable=False,
        db_default=LPad(next_value("applications_inquiry_reference_seq"), 8, models.Value("0")),
        verbose_name=_("reference"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="inquiries",
        verbose_name=_("author"),
    )
    subject = models.CharField(max_length=SUBJECT_MAX_LENGTH, verbose_name=_("subject"))
    message = models.TextField(verbose_name=_("message"))
    submitted_at = models.DateTimeField(
        default=timezone.now, editable=False, verbose_name=_("submitted at")
    )
    status = models.CharField(
        max_length=20,
        choices=InquiryStatus,
        default=InquiryStatus.RECEIVED,
        editable=False,
        verbose_name=_("status"),
    )
    status_changed_at = models.DateTimeField(
        default=timezone.now, editable=False, verbose_name=_("status changed at")
    )
    answer = models.TextField(blank=True, editable=False, verbose_name=_("answer"))
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="answered_inquiries",
        verbose_name=_("answered by"),
    )
    answered_at = models.DateTimeField(
        null=True, blank=True, editable=False, verbose_name=_("answered at")
    )
    # The one follow-up question, and the answer to it: the first answer stays as it was.
    follow_up = models.TextField(_("follow-up question"), blank=True, editable=False)
    follow_up_at = models.DateTimeField(
        null=True, blank=True, editable=False, verbose_name=_("follow-up asked at")
    )
    follow_up_answer = models.TextField(_("answer to the follow-up"), blank=True, editable=False)
    follow_up_answered_at = models.DateTimeField(
        null=True, blank=True, editable=False, verbose_name=_("follow-up answered at")
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_inquiries",
        limit_choices_to=CASEWORKERS,
        db_index=False,  # inquiry_assigned_idx begins with it
        verbose_name=_("assigned to"),
    )
    # The author's choices when sending it; staff cannot change them.
    listed_publicly = models.BooleanField(
        _("the author agreed to list its reference and status publicly"),
        default=False,
        editable=False,
    )
    publication_agreed = models.BooleanField(
        _("the author agreed to publish the question and answer without their name"),
        default=False,
        editable=False,
    )

    objects = InquiryQuerySet.as_manager()

    class Meta:
        verbose_name = _("inquiry")
        verbose_name_plural = _("inquiries")
        ordering = ["-submitted_at", "-pk"]
        indexes = [
            models.Index(fields=["author", "-submitted_at"]),
            models.Index(fields=["-submitted_at", "-id"], name="inquiry_newest_idx"),
            models.Index(
                fields=["status", "-submitted_at", "-id"], name="inquiry_status_newest_idx"
            ),
            models.Index(
                fields=["assigned_to", "-submitted_at", "-id"], name="inquiry_assigned_idx"
            ),
            # "Your work", as for applications.
            models.Index(
                fields=["assigned_to", "-submitted_at", "-id"],
                condition=~models.Q(status__in=INQUIRY_DONE),
                name="inquiry_open_assigned_idx",
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
            # and for Chinese words, most of them two characters: too few for a trigram.
            GinIndex(SUBJECT_HAN_PAIRS, name="inquiry_subject_han_pairs_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(reference__regex=REFERENCE_FORMAT),
                name="applications_inquiry_reference_format",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=InquiryStatus.values),
                name="applications_inquiry_status_known",
            ),
        ]

    def __str__(self):
        return f"{self.reference}: {self.subject}"

    def get_absolute_url(self):
        return reverse("applications:inquiry_detail", kwargs={"reference": self.reference})

    @property
    def citizen_id(self):
        return self.author_id

    def get_status_display(self):
        # As Application.get_status_display().
        return str(InquiryStatus(self.status).label)

    @property
    def explanation(self):
        if self.status == InquiryStatus.ANSWERED and self.follow_up_at:
            return FOLLOW_UP_ANSWERED
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
