from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import (
    SearchRank,
    SearchVector,
    SearchVectorField,
)
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.expressions import RawSQL
from django.db.models.functions import Now
from django.urls import reverse
from django.utils import timezone
from django_prose_editor.fields import ProseEditorField

from portal.fulltext import SEARCH_CONFIG, web_search_query
from portal.richtext import ARTICLE_BODY

from .images import Rendition, rendition_name, rendition_widths

# Path segments that news/urls.py uses itself, so no channel or article may take them.
RESERVED_SLUGS = {"feed", "images"}

# Ranking reads the whole search vector of each match, kilobytes each: ranking every one of the
# hundred thousand matches of two common words takes seconds. A search ranks at most
# RANKED_MATCHES, the newest matches. When at least MIN_RECENT_MATCHES of the RECENT_SEARCHED
# newest articles match (common words), those are ranked, found after reading a few hundred rows.
# Otherwise (rarer words) every match is read through the GIN index, which is then cheap, and the
# newest are taken. PostgreSQL would choose between the two ways itself, from its estimate of how
# common the words are, but it does not count the cost of reading each vector: it walks through
# tens of thousands of articles in search of a rare phrase.
RANKED_MATCHES = 200
RECENT_SEARCHED = 1000
MIN_RECENT_MATCHES = 101

NEWEST_MATCHES_SQL = """
    WITH recent_matches AS (
        SELECT pk FROM ({recent}) AS recent WHERE matches LIMIT %s
    ), every_match AS MATERIALIZED (
        {every}
    )
    SELECT pk FROM recent_matches
    WHERE (SELECT count(*) FROM recent_matches) >= %s
    UNION ALL (
        SELECT pk FROM every_match
        WHERE (SELECT count(*) FROM recent_matches) < %s
        ORDER BY publish_at DESC, pk DESC
        LIMIT %s
    )
"""


def not_reserved(slug):
    if slug in RESERVED_SLUGS:
        raise ValidationError(
            "“%(slug)s” is used by the portal's own addresses. Choose another slug.",
            code="reserved",
            params={"slug": slug},
        )


class Channel(models.Model):
    name = models.CharField(max_length=100)
    slug = models.SlugField(
        max_length=100, unique=True, validators=[not_reserved], help_text="Part of the address."
    )
    description = models.TextField(blank=True, help_text="Shown at the top of the channel page.")
    position = models.PositiveSmallIntegerField(
        default=0, help_text="Channels are shown in this order, lowest first."
    )

    class Meta:
        ordering = ["position", "name"]
        verbose_name = "channel"
        verbose_name_plural = "channels"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("news:channel_detail", kwargs={"channel_slug": self.slug})


class ArticleQuerySet(models.QuerySet):
    def published(self):
        # Now() is the database's clock: a scheduled article appears by itself, no job needed.
        return self.filter(status=Article.Status.PUBLISHED, publish_at__lte=Now())

    def newest_first(self):
        return self.order_by("-publish_at", "-pk")

    def in_channel(self, channel):
        return self.filter(channel=channel)

    def featured(self):
        return self.filter(featured=True)

    def search(self, query):
        return (
            self.newest_matches(query)
            .annotate(rank=SearchRank(models.F("search_vector"), web_search_query(query)))
            .order_by("-rank", "-publish_at")
        )

    def newest_matches(self, query):
        """The newest articles that match the query (at most RANKED_MATCHES)."""
        matching = models.Q(search_vector=web_search_query(query))
        recent = (
            self.newest_first()
            .annotate(matches=models.ExpressionWrapper(matching, models.BooleanField()))
            .values("pk", "matches")[:RECENT_SEARCHED]
        )
        every = self.filter(matching).order_by().values("pk", "publish_at")
        recent_sql, recent_params = recent.query.sql_with_params()
        every_sql, every_params = every.query.sql_with_params()
        newest = RawSQL(
            NEWEST_MATCHES_SQL.format(recent=recent_sql, every=every_sql),
            (
                *recent_params,
                RANKED_MATCHES,
                *every_params,
                MIN_RECENT_MATCHES,
                MIN_RECENT_MATCHES,
                RANKED_MATCHES,
            ),
        )
        return self.filter(pk__in=newest)


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    title = models.CharField(max_length=200)
    slug = models.SlugField(
        max_length=200,
        validators=[not_reserved],
        help_text="Part of the address; unique within the channel. Keep it once published.",
    )
    channel = models.ForeignKey(Channel, on_delete=models.PROTECT, related_name="articles")
    summary = models.TextField(
        max_length=400, help_text="One or two sentences for lists, feeds and search engines."
    )
    body = ProseEditorField(
        extensions=ARTICLE_BODY.editor_extensions, sanitize=ARTICLE_BODY.sanitise
    )
    image = models.ImageField(
        "lead photo",
        upload_to="news/originals/",
        width_field="image_width",
        height_field="image_height",
        blank=True,
        help_text="JPEG, PNG or WebP, at least 1200 pixels wide for the best result.",
    )
    image_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_alt = models.CharField(
        "photo description (alt text)",
        max_length=250,
        blank=True,
        help_text="What the photo shows, for people who cannot see it. Required with a photo.",
    )
    image_caption = models.CharField("photo caption", max_length=250, blank=True)
    source = models.CharField(
        max_length=200,
        blank=True,
        help_text="Who issued the news, e.g. “Municipal Transport Commission”.",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="news_articles",
    )
    status = models.CharField(max_length=10, choices=Status, default=Status.DRAFT)
    publish_at = models.DateTimeField(
        "publish time",
        default=timezone.now,
        help_text="A future time schedules the article: it appears by itself then.",
    )
    featured = models.BooleanField(
        default=False,
        help_text="The newest featured article is shown with its photo on the home page.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    search_vector = models.GeneratedField(
        expression=(
            SearchVector("title", weight="A", config=SEARCH_CONFIG)
            + SearchVector("summary", weight="B", config=SEARCH_CONFIG)
            + SearchVector("body", weight="C", config=SEARCH_CONFIG)
        ),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-publish_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["channel", "slug"], name="news_article_unique_slug"),
            models.CheckConstraint(
                condition=models.Q(image="") | ~models.Q(image_alt=""),
                name="news_article_photo_has_alt_text",
                violation_error_message="Describe the photo for people who cannot see it.",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "-publish_at"], name="news_article_published_idx"),
            models.Index(
                fields=["channel", "status", "-publish_at"], name="news_article_channel_idx"
            ),
            GinIndex(fields=["search_vector"], name="news_article_search_idx"),
            # The editors' list in the admin: every article, newest first.
            models.Index(fields=["-publish_at", "-id"], name="news_article_newest_idx"),
            # The home page's newest featured article, without walking past every other one.
            models.Index(
                fields=["-publish_at", "-id"],
                condition=models.Q(featured=True),
                name="news_article_featured_idx",
            ),
            # The search's "did you mean" compares the query with titles by trigrams.
            GinIndex(fields=["title"], opclasses=["gin_trgm_ops"], name="news_article_title_trgm"),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        # The form sanitises too; this also covers the shell, imports and the demo content.
        self.body = ARTICLE_BODY.sanitise(self.body)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse(
            "news:article_detail",
            kwargs={"channel_slug": self.channel.slug, "slug": self.slug},
        )

    def clean(self):
        if self.image and not self.image_alt.strip():
            raise ValidationError({"image_alt": "Describe the photo for people who cannot see it."})

    @property
    def is_public(self):
        return self.status == self.Status.PUBLISHED and self.publish_at <= timezone.now()

    def neighbours(self):
        """The previous (older) and next (newer) published articles in the same channel."""
        same_channel = (
            Article.objects.published()
            .in_channel(self.channel_id)
            .exclude(pk=self.pk)
            .only("title", "slug", "publish_at", "channel")
        )
        # Articles published at the same moment are ordered by id, as in the lists.
        older = (
            same_channel.filter(publish_at__lte=self.publish_at)
            .exclude(publish_at=self.publish_at, pk__gt=self.pk)
            .newest_first()
        )
        newer = (
            same_channel.filter(publish_at__gte=self.publish_at)
            .exclude(publish_at=self.publish_at, pk__lt=self.pk)
            .order_by("publish_at", "pk")
        )
        previous_article, next_article = older.first(), newer.first()
        for neighbour in (previous_article, next_article):
            if neighbour:
                neighbour.channel = self.channel
        return {"previous_article": previous_article, "next_article": next_article}

    def photo_renditions(self):
        """The sizes made of the lead photo, smallest first."""
        if not self.image or not self.image_width:
            return []
        return [
            Rendition(
                width=width,
                height=round(self.image_height * width / self.image_width),
                webp_url=rendition_url(self.image.name, width, "webp"),
                jpeg_url=rendition_url(self.image.name, width, "jpg"),
            )
            for width in rendition_widths(self.image_width)
        ]

    @property
    def photo_url(self):
        renditions = self.photo_renditions()
        return renditions[-1].jpeg_url if renditions else ""


def rendition_url(image_name, width, extension):
    return reverse("news:image", args=[rendition_name(image_name, width, extension)])
