"""The public archive of answered questions."""

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import models
from django.db.models import Case, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.fulltext import SEARCH_CONFIG, chinese_search_vector, joined_text
from portal.translation import CHINESE, lang_attr

from .cases import Inquiry


class PublishedAnswerQuerySet(models.QuerySet):
    def newest_first(self):
        return self.order_by("-published_at", "-pk")


ENGLISH_VECTOR = SearchVector("title", weight="A", config=SEARCH_CONFIG) + SearchVector(
    "question", "answer", weight="B", config=SEARCH_CONFIG
)


class PublishedAnswer(models.Model):
    """An answered inquiry in the city's public archive of answered questions.

    A caseworker publishes it when the author agreed, as a copy in which they may leave out
    anything that could identify the person; the author's name is never part of it.
    """

    inquiry = models.OneToOneField(
        Inquiry,
        on_delete=models.PROTECT,
        related_name="published_answer",
        editable=False,
        verbose_name=_("inquiry"),
    )
    title = models.CharField(max_length=Inquiry.SUBJECT_MAX_LENGTH, verbose_name=_("title"))
    question = models.TextField(verbose_name=_("question"))
    answer = models.TextField(verbose_name=_("answer"))
    language = models.CharField(
        max_length=7,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        verbose_name=_("written in"),
        help_text=_("On pages in the other language, screen readers read it in this one."),
    )
    answered_at = models.DateTimeField(editable=False, verbose_name=_("answered at"))
    published_at = models.DateTimeField(
        default=timezone.now, editable=False, verbose_name=_("published at")
    )
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
        verbose_name=_("published by"),
    )
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("updated at"))
    search_vector = models.GeneratedField(
        expression=ENGLISH_VECTOR, output_field=SearchVectorField(), db_persist=True
    )
    # Read by searches on Chinese pages (portal.fulltext): an answer written in Chinese by
    # character pairs, one in English by its words.
    search_vector_zh_hans = models.GeneratedField(
        expression=Case(
            When(
                language=CHINESE,
                then=chinese_search_vector("title", joined_text("question", "answer"), Value("")),
            ),
            default=ENGLISH_VECTOR,
        ),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    objects = PublishedAnswerQuerySet.as_manager()

    class Meta:
        verbose_name = _("published answer")
        verbose_name_plural = _("published answers")
        ordering = ["-published_at", "-pk"]
        indexes = [
            models.Index(fields=["-published_at", "-id"], name="published_answer_newest_idx"),
            GinIndex(fields=["search_vector"], name="published_answer_search_idx"),
            GinIndex(fields=["search_vector_zh_hans"], name="published_answer_zh_hans_idx"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("public:answer_detail", kwargs={"reference": self.inquiry.reference})

    @property
    def lang_attr(self):
        """Marks the question and answer where they stand on a page in another language."""
        return lang_attr(self.language)
