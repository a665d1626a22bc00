from datetime import timedelta

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import (
    SearchRank,
    SearchVector,
    SearchVectorField,
)
from django.db import connection, models
from django.db.models import F
from django.db.models.functions import Now
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_prose_editor.fields import ProseEditorField

from portal.fulltext import SEARCH_CONFIG, web_search_query
from portal.richtext import FAQ_ANSWER, first_words, html_to_text

EXCERPT_WORDS = 18


class Topic(models.Model):
    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    position = models.PositiveIntegerField(default=0, help_text="Lower numbers come first.")

    class Meta:
        ordering = ["position", "name"]

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

    def search(self, query):
        search_query = web_search_query(query)
        return (
            self.filter(search_vector=search_query)
            .annotate(rank=SearchRank(F("search_vector"), search_query))
            .order_by("-rank", "pk")
        )


class Question(models.Model):
    topic = models.ForeignKey(Topic, on_delete=models.PROTECT, related_name="questions")
    question = models.CharField(max_length=255)
    slug = models.SlugField(
        max_length=100, unique=True, help_text="The question's address: /faq/<slug>/."
    )
    answer = ProseEditorField(
        extensions=FAQ_ANSWER.editor_extensions,
        sanitize=FAQ_ANSWER.sanitise,
        help_text="Paragraphs, lists, bold, italics and links.",
    )
    # The answer without markup, kept for search snippets and the FAQ widget's excerpts.
    answer_text = models.TextField(editable=False, default="")
    position = models.PositiveIntegerField(
        default=0, help_text="Order within the topic; lower numbers come first."
    )
    featured = models.BooleanField(default=False, help_text="Shown in the FAQ widget.")
    # Unpublished, a question is a draft: only staff see it, in the admin's preview.
    published = models.BooleanField(
        default=False,
        help_text=_("Unticked, the answer is a draft: only staff see it, through the preview."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    search_vector = models.GeneratedField(
        expression=SearchVector("question", weight="A", config=SEARCH_CONFIG)
        + SearchVector("answer_text", weight="B", config=SEARCH_CONFIG),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    objects = QuestionQuerySet.as_manager()

    class Meta:
        ordering = ["position", "question"]
        # Answers change rarely: without the fast-update pending list, new rows go straight into
        # the index and searches never scan a backlog of unindexed entries.
        indexes = [
            GinIndex(fields=["search_vector"], name="faq_question_search_idx", fastupdate=False),
            # The search's "did you mean" compares the query with questions by trigrams.
            GinIndex(fields=["question"], opclasses=["gin_trgm_ops"], name="faq_question_trgm_idx"),
        ]

    def __str__(self):
        return self.question

    def save(self, *args, **kwargs):
        self.answer = FAQ_ANSWER.sanitise(self.answer)
        self.answer_text = html_to_text(self.answer)
        if kwargs.get("update_fields") is not None and "answer" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "answer_text"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("faq:question_detail", kwargs={"slug": self.slug})

    @property
    def excerpt(self):
        return first_words(self.answer_text, EXCERPT_WORDS)


class HelpfulVote(models.Model):
    """One anonymous answer to "Was this answer helpful?": nothing about who gave it."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="votes")
    helpful = models.BooleanField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "helpful vote"

    def __str__(self):
        return f"{'Yes' if self.helpful else 'No'} for {self.question_id}"


class HelpfulVoteTallyQuerySet(models.QuerySet):
    def count_one(self, fingerprint, *, window_seconds):
        """Count one more vote for `fingerprint` in its current window and return the count.
        One statement, so votes arriving at once are each counted (the row is locked while it is
        updated); a window that has passed starts again at one."""
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


class HelpfulVoteTally(models.Model):
    """How many votes one address gave one question in the current window. The fingerprint is a
    keyed hash of the two, never the address; a row is deleted once its window has passed."""

    fingerprint = models.CharField(max_length=64, primary_key=True)
    window_started_at = models.DateTimeField(db_index=True)
    votes = models.PositiveIntegerField()

    objects = HelpfulVoteTallyQuerySet.as_manager()

    def __str__(self):
        return f"{self.votes} since {self.window_started_at:%H:%M}"
