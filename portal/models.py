from copy import copy
from datetime import timedelta

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.core.cache import caches
from django.core.exceptions import ValidationError
from django.db import connection, models
from django.db.models.functions import Now
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from .purge import retire_page_copies
from .translation import Translatable

CACHE_KEY = "site-profile"


NOTICE_IN_ENGLISH_TOO = _(
    "Write the notice in English too: English pages show the English notice only."
)


class SiteProfile(Translatable, models.Model):
    """The portal's own name and contact details: one record, edited by staff."""

    TRANSLATED_FIELDS = ("name", "tagline", "postal_address", "office_hours", "notice")
    NOTICE_MAX_LENGTH = 400

    name = models.CharField(_("name"), max_length=100)
    name_zh_hans = models.CharField(_("name (Chinese)"), max_length=100, blank=True)
    tagline = models.CharField(_("tagline"), max_length=200, blank=True)
    tagline_zh_hans = models.CharField(_("tagline (Chinese)"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    postal_address = models.TextField(_("postal address"), blank=True)
    postal_address_zh_hans = models.TextField(_("postal address (Chinese)"), blank=True)
    office_hours = models.CharField(_("office hours"), max_length=200, blank=True)
    office_hours_zh_hans = models.CharField(_("office hours (Chinese)"), max_length=200, blank=True)
    notice = models.TextField(
        _("notice"),
        max_length=NOTICE_MAX_LENGTH,
        blank=True,
        help_text=_(
            "An important message at the top of every page, such as an office closed or a severe "
            "weather warning: one or two sentences of plain text. Leave it empty when there is "
            "nothing to say."
        ),
    )
    notice_zh_hans = models.TextField(
        _("notice (Chinese)"), max_length=NOTICE_MAX_LENGTH, blank=True
    )
    notice_link = models.URLField(
        _("notice's link"),
        blank=True,
        help_text=_("A page that says more, such as a news article (optional)."),
    )

    class Meta:
        verbose_name = _("site profile")
        verbose_name_plural = _("site profile")
        constraints = [
            models.CheckConstraint(condition=models.Q(id=1), name="portal_siteprofile_single_row"),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.pk = 1
        super().save(*args, **kwargs)
        # Every page shows the profile.
        retire_page_copies()

    def clean(self):
        if self.notice.strip():
            return
        # English stands in for a missing Chinese notice, never the other way round.
        if self.notice_zh_hans.strip():
            raise ValidationError({"notice": NOTICE_IN_ENGLISH_TOO})
        if self.notice_link:
            raise ValidationError(
                {"notice": _("Write the notice that the link is for, or remove the link.")}
            )

    def in_page_language(self):
        """A copy to show, its translated fields in the language of the request. Never saved:
        it is what templates read as `site_profile`."""
        shown = copy(self)
        for name in self.TRANSLATED_FIELDS:
            setattr(shown, name, getattr(self.localised, name))
        return shown

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
        PENDING = "pending", _("Waiting to be sent")
        SENT = "sent", pgettext_lazy("email status", "Sent")
        FAILED = "failed", _("Gave up")

    from_email = models.CharField(_("sender"), max_length=320)
    to = ArrayField(models.CharField(max_length=320), verbose_name=_("recipients"))
    subject = models.CharField(pgettext_lazy("email", "subject"), max_length=998)
    body_text = models.TextField(
        _("text"),
    )
    body_html = models.TextField(_("HTML"), blank=True)
    # Cc, Bcc, Reply-To and other headers, as EmailMessage takes them.
    envelope = models.JSONField(_("other headers"), default=dict, blank=True)
    reference = models.CharField(
        _("case reference"),
        max_length=8,
        blank=True,
        help_text=_("The application or inquiry the email is about."),
    )
    is_private = models.BooleanField(
        _("private"),
        default=True,
        help_text=_(
            "Sign-in links and codes: the text is not shown in the administration and is "
            "erased once the email is sent."
        ),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.PENDING)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)

    objects = OutgoingEmailQuerySet.as_manager()

    class Meta:
        verbose_name = _("outgoing email")
        verbose_name_plural = _("outgoing emails")
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
        # Translators: an email in the administration, by its subject and whom it went to.
        return gettext("%(subject)s to %(recipients)s") % {
            "subject": self.subject,
            "recipients": ", ".join(self.to),
        }


# What people wrote may hold personal details despite the form's warning, and old answers say
# little about a page as it is now. The privacy notice says "two years".
FEEDBACK_KEPT_FOR = timedelta(days=2 * 365)


class PageFeedbackQuerySet(models.QuerySet):
    def past_keeping(self):
        return self.filter(created_at__lt=Now() - FEEDBACK_KEPT_FOR)

    def about(self, path):
        return self.filter(path=path)

    def about_pages_under(self, prefix):
        return self.filter(path__startswith=prefix)


class PageFeedback(models.Model):
    """What a visitor told us about one page: useful or not (with what was missing, if they
    said), or a problem they reported. Nothing about who they are: no account, no address."""

    class Kind(models.TextChoices):
        USEFUL = "useful", _("Useful")
        NOT_USEFUL = "not_useful", _("Not useful")
        PROBLEM = "problem", _("Problem reported")

    path = models.CharField(_("page"), max_length=500)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind)
    what_missing = models.TextField(_("what was missing"), blank=True)
    what_doing = models.TextField(_("what they were doing"), blank=True)
    what_wrong = models.TextField(_("what went wrong"), blank=True)
    created_at = models.DateTimeField(_("sent"), default=timezone.now)

    objects = PageFeedbackQuerySet.as_manager()

    class Meta:
        verbose_name = _("page feedback")
        verbose_name_plural = _("page feedback")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["-created_at", "-id"], name="page_feedback_newest_idx"),
            # Pattern operators: the admin's search finds a path or the pages under a prefix
            # ("/faq/"), and the FAQ admin counts each answer's votes, from this one index.
            models.Index(
                fields=["path", "kind"],
                opclasses=["varchar_pattern_ops", "varchar_pattern_ops"],
                name="page_feedback_path_idx",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.path}"

    @property
    def comment(self):
        return self.what_missing or self.what_wrong


class PageFeedbackTallyQuerySet(models.QuerySet):
    def count_one(self, fingerprint, *, window_seconds):
        """Count one more answer for `fingerprint` in its current window and return the count.
        One statement, so answers arriving at once are each counted (the row is locked while it
        is updated); a window that has passed starts again at one."""
        self.filter(window_started_at__lte=Now() - timedelta(seconds=window_seconds)).delete()
        table = self.model._meta.db_table
        with connection.cursor() as cursor:
            cursor.execute(
                f"""
                INSERT INTO {table} AS tally (fingerprint, window_started_at, votes)
                VALUES (%(fingerprint)s, now(), 1)
                ON CONFLICT (fingerprint) DO UPDATE SET
                    votes = CASE WHEN tally.window_started_at > now() - %(window)s
                        THEN tally.votes + 1 ELSE 1 END,
                    window_started_at = CASE WHEN tally.window_started_at > now() - %(window)s
                        THEN tally.window_started_at ELSE now() END
                RETURNING votes
                """,
                {"fingerprint": fingerprint, "window": timedelta(seconds=window_seconds)},
            )
            return cursor.fetchone()[0]


class PageFeedbackTally(models.Model):
    """How many times one visitor answered "Is this page useful?" about one page in the current
    window. The fingerprint is a keyed hash of the two, never the visitor's address; a row is
    deleted once its window has passed."""

    fingerprint = models.CharField(max_length=64, primary_key=True)
    window_started_at = models.DateTimeField(db_index=True)
    votes = models.PositiveIntegerField()

    objects = PageFeedbackTallyQuerySet.as_manager()

    def __str__(self):
        return f"{self.votes} since {self.window_started_at:%H:%M}"


class SearchWord(models.Model):
    """A word of the titles that site search looks through, for its "Did you mean": each word
    once per page language and kind of item (portal.spelling, which refreshes them)."""

    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    kind = models.CharField(_("kind"), max_length=20)
    word = models.TextField(_("word"))
    # As the search takes the word: a word of the same stem is the same to it ("parks", "park").
    stem = models.TextField(_("stem"))
    documents = models.PositiveIntegerField(_("titles holding it"))

    class Meta:
        verbose_name = _("search word")
        verbose_name_plural = _("search words")
        constraints = [
            models.UniqueConstraint(fields=["language", "kind", "word"], name="search_word_unique"),
        ]
        indexes = [
            # The words near a misspelt one (%): a GIN index finds the few among 100,000 words in
            # a fraction of a millisecond, where a GiST index took 12 ms.
            GinIndex(fields=["word"], opclasses=["gin_trgm_ops"], name="search_word_trgm_idx"),
        ]

    def __str__(self):
        return self.word
