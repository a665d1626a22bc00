from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import models
from django.db.models import Count, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce, Concat
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_prose_editor.fields import ProseEditorField

from portal.fulltext import SEARCH_CONFIG, chinese_or_english_vector
from portal.models import PageFeedback
from portal.richtext import FAQ_ANSWER, first_characters, first_words, html_to_text
from portal.translation import Translatable

EXCERPT_WORDS = 18
# Chinese has no spaces between words: its excerpts are counted in characters.
EXCERPT_CHARACTERS = 60


class Topic(Translatable, models.Model):
    TRANSLATED_FIELDS = ("name",)

    name = models.CharField(_("name"), max_length=100, unique=True)
    name_zh_hans = models.CharField(_("name (Chinese)"), max_length=100, blank=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    position = models.PositiveIntegerField(
        _("position"), default=0, help_text=_("Lower numbers come first.")
    )

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("faq:topic_detail", kwargs={"slug": self.slug})


class QuestionQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published=True)

    def featured(self):
        return self.published().filter(featured=True)

    def in_reading_order(self):
        return self.order_by("topic__position", "topic__name", "position", "question")

    def with_usefulness(self):
        """Each question with how many people answered Yes and No to "Is this page useful?" on
        its own page (`useful_count`, `not_useful_count`)."""
        # The path get_absolute_url() gives, written out so that the database can compare it.
        path = Concat(Value("/faq/"), OuterRef("slug"), Value("/"))

        def answers(kind):
            counted = (
                PageFeedback.objects.filter(path=path, kind=kind)
                .order_by()
                .values("path")
                .annotate(count=Count("pk"))
                .values("count")
            )
            return Coalesce(Subquery(counted), 0)

        return self.annotate(
            useful_count=answers(PageFeedback.Kind.USEFUL),
            not_useful_count=answers(PageFeedback.Kind.NOT_USEFUL),
        )


ENGLISH_VECTOR = SearchVector("question", weight="A", config=SEARCH_CONFIG) + SearchVector(
    "answer_text", weight="B", config=SEARCH_CONFIG
)


class Question(Translatable, models.Model):
    TRANSLATED_FIELDS = ("question", "answer")

    topic = models.ForeignKey(
        Topic, on_delete=models.PROTECT, related_name="questions", verbose_name=_("topic")
    )
    question = models.CharField(_("question"), max_length=255)
    question_zh_hans = models.CharField(
        _("question (Chinese)"),
        max_length=255,
        blank=True,
        help_text=_("Empty: Chinese pages show the English, with a notice in Chinese."),
    )
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        unique=True,
        help_text=_(
            "The question's address is /faq/ followed by the slug, for example /faq/metro-tickets/."
        ),
    )
    answer = ProseEditorField(
        _("answer"),
        extensions=FAQ_ANSWER.editor_extensions,
        sanitize=FAQ_ANSWER.sanitise,
        help_text=_("Paragraphs, lists, bold, italics and links."),
    )
    answer_zh_hans = ProseEditorField(
        _("answer (Chinese)"),
        extensions=FAQ_ANSWER.editor_extensions,
        sanitize=FAQ_ANSWER.sanitise,
        blank=True,
    )
    # The answer without markup, kept for search snippets and the FAQ widget's excerpts.
    answer_text = models.TextField(_("answer as plain text"), editable=False, default="")
    answer_text_zh_hans = models.TextField(
        _("answer as plain text (Chinese)"), editable=False, default=""
    )
    position = models.PositiveIntegerField(
        _("position"), default=0, help_text=_("Order within the topic; lower numbers come first.")
    )
    featured = models.BooleanField(
        _("featured"), default=False, help_text=_("Shown in the FAQ widget.")
    )
    # Unpublished, a question is a draft: only staff see it, in the admin's preview.
    published = models.BooleanField(
        _("published"),
        default=False,
        help_text=_("Unticked, the answer is a draft: only staff see it, through the preview."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    search_vector = models.GeneratedField(
        expression=ENGLISH_VECTOR, output_field=SearchVectorField(), db_persist=True
    )
    # Read by searches on Chinese pages (portal.fulltext).
    search_vector_zh_hans = models.GeneratedField(
        expression=chinese_or_english_vector(
            ENGLISH_VECTOR, "question_zh_hans", "answer_text_zh_hans", Value("")
        ),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    objects = QuestionQuerySet.as_manager()

    class Meta:
        ordering = ["position", "question"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        # Answers change rarely: without the fast-update pending list, new rows go straight into
        # the index and searches never scan a backlog of unindexed entries.
        indexes = [
            GinIndex(fields=["search_vector"], name="faq_question_search_idx", fastupdate=False),
            GinIndex(
                fields=["search_vector_zh_hans"],
                name="faq_question_zh_hans_idx",
                fastupdate=False,
            ),
        ]

    def __str__(self):
        return self.question

    def save(self, *args, **kwargs):
        self.answer = FAQ_ANSWER.sanitise(self.answer)
        self.answer_text = html_to_text(self.answer)
        self.answer_zh_hans = FAQ_ANSWER.sanitise(self.answer_zh_hans)
        self.answer_text_zh_hans = html_to_text(self.answer_zh_hans)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            if "answer" in update_fields:
                update_fields = {*update_fields, "answer_text"}
            if "answer_zh_hans" in update_fields:
                update_fields = {*update_fields, "answer_text_zh_hans"}
            kwargs["update_fields"] = update_fields
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("faq:question_detail", kwargs={"slug": self.slug})

    @property
    def excerpt(self):
        return first_words(self.answer_text, EXCERPT_WORDS)

    @property
    def excerpt_zh_hans(self):
        return first_characters(self.answer_text_zh_hans, EXCERPT_CHARACTERS)
