"""The services citizens apply for, and the questions of each one's application form."""

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from portal.fulltext import SEARCH_CONFIG, chinese_or_english_vector, joined_text
from portal.translation import Translatable

from .attachments import FileKind


class ServiceQuerySet(models.QuerySet):
    def open(self):
        return self.filter(is_open=True)

    def listing_applications_publicly(self):
        return self.filter(lists_applications_publicly=True)


ENGLISH_VECTOR = (
    SearchVector("name", weight="A", config=SEARCH_CONFIG)
    + SearchVector("summary", weight="B", config=SEARCH_CONFIG)
    + SearchVector("description", weight="C", config=SEARCH_CONFIG)
    + SearchVector("who_can_apply", weight="C", config=SEARCH_CONFIG)
    + SearchVector("what_to_provide", weight="D", config=SEARCH_CONFIG)
)


class Service(Translatable, models.Model):
    TRANSLATED_FIELDS = (
        "name",
        "summary",
        "description",
        "who_can_apply",
        "what_to_provide",
        "fees",
    )

    name = models.CharField(_("name"), max_length=150)
    name_zh_hans = models.CharField(
        _("name (Chinese)"),
        max_length=150,
        blank=True,
        help_text=_("Empty: Chinese pages show the English, with a notice in Chinese."),
    )
    slug = models.SlugField(
        max_length=150,
        unique=True,
        help_text=_(
            "The start page's address is /services/ followed by the slug, for example "
            "/services/resident-parking-permit/. FAQ answers and news link to it, so change it "
            "only for a new service: old links would stop working."
        ),
        verbose_name=_("slug"),
    )
    summary = models.CharField(
        _("summary"),
        max_length=300,
        help_text=_("One sentence, shown in the list of services and in search."),
    )
    summary_zh_hans = models.CharField(_("summary (Chinese)"), max_length=300, blank=True)
    description = models.TextField(
        _("description"),
        help_text=_("What the service is for and what it gives: the start page's first words."),
    )
    description_zh_hans = models.TextField(_("description (Chinese)"), blank=True)
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
    who_can_apply_zh_hans = models.TextField(_("who can apply (Chinese)"), blank=True)
    what_to_provide_zh_hans = models.TextField(_("what you need (Chinese)"), blank=True)
    fees_zh_hans = models.TextField(_("fees (Chinese)"), blank=True)
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
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("updated at"))
    # The name weighs most, so that "parking permit" finds the parking permit service first.
    search_vector = models.GeneratedField(
        expression=ENGLISH_VECTOR, output_field=SearchVectorField(), db_persist=True
    )
    # Read by searches on Chinese pages (portal.fulltext): the start page's texts weigh C.
    search_vector_zh_hans = models.GeneratedField(
        expression=chinese_or_english_vector(
            ENGLISH_VECTOR,
            "name_zh_hans",
            "summary_zh_hans",
            joined_text("description_zh_hans", "who_can_apply_zh_hans", "what_to_provide_zh_hans"),
        ),
        output_field=SearchVectorField(),
        db_persist=True,
    )
    is_open = models.BooleanField(_("open for applications"), default=True)
    lists_applications_publicly = models.BooleanField(
        _("list its applications publicly"),
        default=False,
        help_text=_(
            "Show each new application's reference, service, dates and status in the public "
            "lists on the home page. Applicants are told before they apply; their names and "
            "details are never shown."
        ),
    )

    objects = ServiceQuerySet.as_manager()

    class Meta:
        verbose_name = _("service")
        verbose_name_plural = _("services")
        ordering = ["name"]
        indexes = [
            GinIndex(fields=["search_vector"], name="service_search_idx"),
            GinIndex(fields=["search_vector_zh_hans"], name="service_search_zh_hans_idx"),
        ]

    def __str__(self):
        # In the administration's language too: a Chinese caseworker's case titles, choices
        # and messages name the service in Chinese.
        return str(self.localised.name)

    def get_absolute_url(self):
        return reverse("applications:service_detail", kwargs={"slug": self.slug})

    def get_apply_url(self):
        return reverse("applications:application_create", kwargs={"slug": self.slug})


class Question(Translatable, models.Model):
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

    TRANSLATED_FIELDS = ("label", "page_heading", "hint", "options")
    TEXT_KINDS = {Kind.SHORT_TEXT, Kind.LONG_TEXT}
    OPTION_KINDS = {Kind.CHOICE, Kind.CHOICES}
    # What a person may type at most, whatever the question allows.
    LONGEST = {Kind.SHORT_TEXT: 200, Kind.LONG_TEXT: 5000}

    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, related_name="questions", verbose_name=_("service")
    )
    page = models.PositiveSmallIntegerField(
        pgettext_lazy("form", "page"),
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
    page_heading_zh_hans = models.CharField(_("page heading (Chinese)"), max_length=200, blank=True)
    label = models.CharField(_("question"), max_length=200)
    label_zh_hans = models.CharField(_("question (Chinese)"), max_length=200, blank=True)
    hint = models.CharField(
        _("hint"),
        max_length=500,
        blank=True,
        help_text=_("Shown under the question: an example, or where to find the answer."),
    )
    hint_zh_hans = models.CharField(_("hint (Chinese)"), max_length=500, blank=True)
    kind = models.CharField(_("kind of answer"), max_length=20, choices=Kind)
    required = models.BooleanField(_("answer required"), default=True)
    options = models.TextField(
        _("options"),
        blank=True,
        help_text=_("For the kinds with choices: one option a line, in the order to show them."),
    )
    options_zh_hans = models.TextField(
        _("options (Chinese)"),
        blank=True,
        help_text=_(
            "The same options in the same order, one a line. Answers are kept in English, "
            "whichever language the applicant reads."
        ),
    )
    last_option_alone = models.BooleanField(
        _("last option on its own"),
        default=False,
        help_text=_(
            "For several choices: the last option, such as “None of these”, cannot be chosen "
            "with the others."
        ),
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
    whole_numbers = models.BooleanField(
        _("whole numbers only"),
        default=False,
        help_text=_("For counts, such as people or days: an answer like 2.5 is refused."),
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
        verbose_name = _("question")
        verbose_name_plural = _("questions")
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
    def option_labels(self):
        """Each option as the applicant reads it: (stored English value, shown text)."""
        shown = [line.strip() for line in self.localised.options.splitlines() if line.strip()]
        english = self.option_list
        if len(shown) != len(english):
            shown = english
        return list(zip(english, shown, strict=True))

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
        if self.kind != self.Kind.CHOICES and self.last_option_alone:
            errors["last_option_alone"] = gettext(
                "Only a question of several choices has an option on its own."
            )
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
            if self.whole_numbers and any(
                limit is not None and limit != int(limit)
                for limit in (self.min_value, self.max_value)
            ):
                errors["min_value"] = gettext("Whole-number answers need whole-number limits.")
        else:
            if self.min_value is not None or self.max_value is not None:
                errors["min_value"] = gettext(
                    "Only number answers have a lowest or highest number."
                )
            if self.whole_numbers:
                errors["whole_numbers"] = gettext("Only number answers can be whole numbers.")
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
