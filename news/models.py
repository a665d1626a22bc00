from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchRank, SearchVectorField
from django.core.exceptions import ValidationError
from django.db import connection, models
from django.db.models.expressions import RawSQL
from django.db.models.functions import Now
from django.urls import reverse
from django.utils import timezone
from django_prose_editor.fields import ProseEditorField

from portal.fulltext import web_search_query
from portal.richtext import ARTICLE_BODY

from .images import Rendition, rendition_name, rendition_widths

# Path segments that news/urls.py uses itself, so no channel or article may take them.
RESERVED_SLUGS = {"feed", "images"}

# Site search ranks at most the `limit` newest matches of a query (portal.search asks for one more
# than it can show). They are found through the GIN index of ArticleSearchEntry, which holds each
# entry's publish time beside its words: first among the RECENT_ARTICLES newest articles, where
# common words find enough matches after reading a few hundred rows; only when they do not (rarer
# words) among all of them, where rare words are few. Either way no article is read that the index
# has not already matched, and no search vector is read before ranking.
RECENT_ARTICLES = 5000

# The time checks stay outside the index (MATERIALIZED keeps PostgreSQL from moving them in):
# "publish_at <= now()" would make the index collect every article ever published. The second
# branch runs only when the first finds fewer than `limit` matches.
NEWEST_MATCHES_SQL = """
    WITH since AS (
        SELECT coalesce(({since}), '-infinity') AS publish_at
    ), recent AS MATERIALIZED (
        SELECT article_id, status, publish_at FROM {table}
        WHERE search_vector @@ {query} AND publish_at >= (SELECT publish_at FROM since)
    ), older AS MATERIALIZED (
        SELECT article_id, status, publish_at FROM {table}
        WHERE search_vector @@ {query}
    )
    SELECT article_id FROM (
        (SELECT article_id FROM recent WHERE {visible}
         ORDER BY publish_at DESC, article_id DESC LIMIT %s)
        UNION ALL
        (SELECT article_id FROM older
         WHERE publish_at < (SELECT publish_at FROM since) AND {visible}
         ORDER BY publish_at DESC, article_id DESC LIMIT %s)
    ) AS newest
    LIMIT %s
"""
VISIBLE_TO_THE_PUBLIC = "status = 'published' AND publish_at <= statement_timestamp()"


NEIGHBOURS_SQL = """
    (SELECT id, title, slug, publish_at, channel_id FROM news_article
     WHERE channel_id = %(channel)s AND status = %(published)s
       AND publish_at <= statement_timestamp() AND (publish_at, id) < (%(moment)s, %(pk)s)
     ORDER BY publish_at DESC, id DESC LIMIT 1)
    UNION ALL
    (SELECT id, title, slug, publish_at, channel_id FROM news_article
     WHERE channel_id = %(channel)s AND status = %(published)s
       AND publish_at <= statement_timestamp() AND (publish_at, id) > (%(moment)s, %(pk)s)
     ORDER BY publish_at, id LIMIT 1)
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

    def newest_matches(self, query, *, limit=200):
        """The newest articles that match the query, drafts and scheduled ones included."""
        return self.filter(pk__in=newest_matches(query, limit=limit, published_only=False))


def newest_matches(query, *, limit, published_only):
    """The ids of the newest `limit` articles that match the query (NEWEST_MATCHES_SQL)."""
    articles = Article.objects.published() if published_only else Article.objects.all()
    # In publish time order alone, which the index on (status, publish_at) gives without reading
    # the articles.
    since = articles.order_by("-publish_at").values("publish_at")
    since = since[RECENT_ARTICLES - 1 : RECENT_ARTICLES]
    since_sql, since_params = since.query.sql_with_params()
    entries = ArticleSearchEntry.objects.all().query
    query_sql, query_params = entries.get_compiler(connection=connection).compile(
        web_search_query(query).resolve_expression(entries)
    )
    sql = NEWEST_MATCHES_SQL.format(
        table=ArticleSearchEntry._meta.db_table,
        since=since_sql,
        query=query_sql,
        visible=VISIBLE_TO_THE_PUBLIC if published_only else "true",
    )
    return RawSQL(sql, (*since_params, *query_params, *query_params, limit, limit, limit))


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
        # Articles published at the same moment are ordered by id, as in the lists. Each half
        # reads one row from the channel's index. Written out: this runs for every article page,
        # and building the same query through the ORM took ten times as long as running it.
        found = Article.objects.raw(
            NEIGHBOURS_SQL,
            {
                "channel": self.channel_id,
                "published": Article.Status.PUBLISHED,
                "moment": self.publish_at,
                "pk": self.pk,
            },
        )
        neighbours = {"previous_article": None, "next_article": None}
        for neighbour in found:
            neighbour.channel = self.channel
            is_older = (neighbour.publish_at, neighbour.pk) < (self.publish_at, self.pk)
            neighbours["previous_article" if is_older else "next_article"] = neighbour
        return neighbours

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


class ArticleSearchEntryQuerySet(models.QuerySet):
    def search(self, query, *, limit):
        """The entries of the newest `limit` published articles that match the query, ranked."""
        return (
            self.filter(pk__in=newest_matches(query, limit=limit, published_only=True))
            .annotate(rank=SearchRank(models.F("search_vector"), web_search_query(query)))
            .order_by("-rank", "-publish_at")
        )


class ArticleSearchEntry(models.Model):
    """What site search reads of an article: its words (title, summary and text, weighted in that
    order) and the two fields that decide whether and where it is listed.

    A table of its own keeps the rows that a search visits small: a search vector takes kilobytes
    and is stored apart from its row (TOAST, toast_tuple_target in migration 0005), so the rows of
    200,000 articles take about 13 MB and stay in memory, where the articles themselves take
    hundreds. The database keeps each entry in step with its article (a trigger, migration 0005),
    however the article is written, as it would a generated column.
    """

    article = models.OneToOneField(
        Article,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="search_entry",
    )
    status = models.CharField(max_length=10, choices=Article.Status)
    publish_at = models.DateTimeField()
    search_vector = SearchVectorField()

    objects = ArticleSearchEntryQuerySet.as_manager()

    class Meta:
        verbose_name = "search entry"
        verbose_name_plural = "search entries"
        indexes = [
            # The publish time beside the words: the index itself narrows a search to the newest
            # articles (btree_gin), and rows are read only for the matches among them.
            GinIndex(
                fields=["publish_at", "search_vector"],
                name="news_search_entry_idx",
                fastupdate=False,
            ),
        ]

    def __str__(self):
        return str(self.article_id)
