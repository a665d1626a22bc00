from datetime import timedelta

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Func, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast, Now
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_prose_editor.fields import ProseEditorField

from portal.fulltext import SEARCH_CONFIG, chinese_search_vector, has_chinese, tsquery_sql
from portal.richtext import ARTICLE_BODY
from portal.translation import Translatable

from .images import Rendition, rendition_name, rendition_widths

# Path segments that news/urls.py uses itself, so no channel or article may take them.
RESERVED_SLUGS = {"feed", "images"}

# Site search ranks at most the `limit` newest matches of a query (portal.search asks for one more
# than it can show). They are found through the GIN index of ArticleSearchEntry, which holds each
# entry's publish day beside its words, in windows: first among the articles of the last 30 days,
# where common words find enough matches; only when they do not, among those of the last year, and
# only then among all of them. Each window reads only the rows its index scan matched: a search
# reads at most a few thousand rows whether its words are common or rare, and no search vector
# before ranking. The index holds the publish day, not the time: a window is a range of days,
# and the index reads each day in it once, where it read each article's publish time (a year's
# window read 20,000 of them). Two words from a title find 101 matches among the articles of the
# last 30 days for a quarter of searches, of 90 days for half of them, of a year for nine in ten.
WINDOWS = (timedelta(days=30), timedelta(days=90), timedelta(days=365))

# A window's matches: the time checks stay outside the index (MATERIALIZED keeps PostgreSQL from
# moving them in), as "publish_at <= now()" would make the index collect every article ever
# published. A window is only read when the windows before it found fewer than `limit`. Its rows
# hold a search vector only as a pointer to where it is stored: the vectors of the newest
# `limit` alone are read, when they are ranked.
WINDOW_SQL = """
    {name} AS MATERIALIZED ({matches})"""
MATCHES_SQL = """
        SELECT {columns} FROM {table} WHERE {match}{since}"""
# The window's days through the index, and its first day from the window's exact start.
SINCE_SQL = (
    " AND publish_day >= (timezone('UTC', statement_timestamp() - %s))::date"
    " AND publish_at >= statement_timestamp() - %s"
)
# The newest matches in a window, older than those of the window before.
BRANCH_SQL = """
    (SELECT {columns} FROM {source} WHERE {visible} {older}
     ORDER BY publish_at DESC, article_id DESC LIMIT %s)"""
# What a window needs of each entry, besides the columns asked for.
WINDOW_COLUMNS = ("article_id", "status", "publish_at")
VISIBLE_TO_THE_PUBLIC = "status = 'published' AND publish_at <= statement_timestamp()"
# On Chinese pages: the Chinese versions, through their own (partial) index, and the English of
# the articles that have none. The English search never reads the Chinese index: its condition
# does not say title_zh_hans <> ''. Each is read on its own, so that each condition is one its
# index answers: as one condition (this or that), PostgreSQL checked it again on every row
# found, reading the row's search vectors.
ENGLISH_MATCHES = ("search_vector @@ {query}",)
CHINESE_MATCHES = (
    "search_vector_zh_hans @@ {query} AND title_zh_hans <> ''",
    "search_vector @@ {query} AND title_zh_hans = ''",
)


# The published articles just before (older) and after (newer) an article in its channel, in
# the lists' order (articles published at the same moment by id), each one row read from the
# channel's index; selected as "older__<field>" and "newer__<field>" beside the article's own.
NEIGHBOUR_FIELDS = ("id", "title", "title_zh_hans", "slug", "publish_at")
NEIGHBOURS_JOIN = f"""
    LEFT JOIN LATERAL (
        SELECT {", ".join(NEIGHBOUR_FIELDS)} FROM news_article
        WHERE channel_id = article.channel_id AND {VISIBLE_TO_THE_PUBLIC}
          AND (publish_at, id) < (article.publish_at, article.id)
        ORDER BY publish_at DESC, id DESC LIMIT 1
    ) older ON true
    LEFT JOIN LATERAL (
        SELECT {", ".join(NEIGHBOUR_FIELDS)} FROM news_article
        WHERE channel_id = article.channel_id AND {VISIBLE_TO_THE_PUBLIC}
          AND (publish_at, id) > (article.publish_at, article.id)
        ORDER BY publish_at, id LIMIT 1
    ) newer ON true"""
NEIGHBOUR_COLUMNS = ", ".join(
    f'{side}.{field} AS "{side}__{field}"'
    for side in ("older", "newer")
    for field in NEIGHBOUR_FIELDS
)
NEIGHBOURS_SQL = f"""
    SELECT article.id, {NEIGHBOUR_COLUMNS} FROM news_article article {NEIGHBOURS_JOIN}
    WHERE article.id = %(pk)s
"""
# An article's page: the published article at /news/<channel>/<slug>/, its channel's columns,
# each named "channel__<field>", and its neighbours'.
ARTICLE_PAGE_SQL = f"""
    SELECT article.*, {{channel_columns}}, {NEIGHBOUR_COLUMNS}
    FROM (SELECT * FROM news_article WHERE slug = %(slug)s AND {VISIBLE_TO_THE_PUBLIC}) article
    JOIN news_channel channel ON channel.id = article.channel_id {NEIGHBOURS_JOIN}
    WHERE channel.slug = %(channel)s
"""


def not_reserved(slug):
    if slug in RESERVED_SLUGS:
        raise ValidationError(
            _("“%(slug)s” is used by the portal's own addresses. Choose another slug."),
            code="reserved",
            params={"slug": slug},
        )


class Channel(Translatable, models.Model):
    TRANSLATED_FIELDS = ("name", "description")

    name = models.CharField(_("name"), max_length=100)
    name_zh_hans = models.CharField(_("name (Chinese)"), max_length=100, blank=True)
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        unique=True,
        validators=[not_reserved],
        help_text=_("Part of the address."),
    )
    description = models.TextField(
        _("description"), blank=True, help_text=_("Shown at the top of the channel page.")
    )
    description_zh_hans = models.TextField(_("description (Chinese)"), blank=True)
    position = models.PositiveSmallIntegerField(
        _("position"), default=0, help_text=_("Channels are shown in this order, lowest first.")
    )

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("channel")
        verbose_name_plural = _("channels")

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
        """The newest `limit` articles that match the query, drafts and scheduled ones included,
        as far as this queryset's own filters keep them. A query in Chinese searches the Chinese
        versions."""
        sql, params = newest_matches(
            query, limit=limit, published_only=False, chinese=has_chinese(query)
        )
        return self.filter(pk__in=RawSQL(sql, tuple(params)))


def published_article(channel_slug, slug):
    """The published article at /news/<channel_slug>/<slug>/, its channel loaded, or None.
    Written out: it runs for every article page, and building the same query through the ORM
    (published() with select_related) took twice as long as running it."""
    fields = Channel._meta.concrete_fields
    columns = ", ".join(f'channel.{field.column} AS "channel__{field.attname}"' for field in fields)
    found = Article.objects.raw(
        ARTICLE_PAGE_SQL.format(channel_columns=columns), {"channel": channel_slug, "slug": slug}
    )
    for article in found:
        values = [getattr(article, f"channel__{field.attname}") for field in fields]
        article.channel = Channel.from_db(found.db, [field.attname for field in fields], values)
        return article
    return None


def newest_matches(query, *, limit, published_only, chinese=False, columns=("article_id",)):
    """SQL and its parameters: `columns` of the search entries of the newest `limit` articles
    that match the query (see WINDOWS), in their Chinese versions with `chinese` (see
    portal.fulltext)."""
    table = ArticleSearchEntry._meta.db_table
    selected = ", ".join(columns)
    read = ", ".join(dict.fromkeys([*WINDOW_COLUMNS, *columns]))
    query_sql, query_params = tsquery_sql(query, chinese=chinese)
    conditions = CHINESE_MATCHES if chinese else ENGLISH_MATCHES
    matches = [condition.format(query=query_sql) for condition in conditions]
    visible = VISIBLE_TO_THE_PUBLIC if published_only else "true"
    windows = [*((f"window_{n}", age) for n, age in enumerate(WINDOWS)), ("everything", None)]
    parts, params, branches, branch_params = [], [], [], []
    older, older_params = "", []
    for name, age in windows:
        since, since_params = (SINCE_SQL, [age, age]) if age else ("", [])
        selects = [
            MATCHES_SQL.format(columns=read, table=table, match=match, since=since)
            for match in matches
        ]
        parts.append(WINDOW_SQL.format(name=name, matches=" UNION ALL".join(selects)))
        params += [*query_params, *since_params] * len(matches)
        branches.append(
            BRANCH_SQL.format(columns=selected, source=name, visible=visible, older=older)
        )
        branch_params += [*older_params, limit]
        older, older_params = "AND publish_at < statement_timestamp() - %s", [age]
    sql = (
        f"WITH {','.join(parts)} "
        f"SELECT {selected} FROM ({' UNION ALL '.join(branches)}) AS newest LIMIT %s"
    )
    return sql, [*params, *branch_params, limit]


class Article(Translatable, models.Model):
    TRANSLATED_FIELDS = ("title", "summary", "body", "image_alt", "image_caption", "source")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    title = models.CharField(_("title"), max_length=200)
    title_zh_hans = models.CharField(
        _("title (Chinese)"),
        max_length=200,
        blank=True,
        help_text=_("Empty: Chinese pages show the English, with a notice in Chinese."),
    )
    slug = models.SlugField(
        _("slug"),
        max_length=200,
        validators=[not_reserved],
        help_text=_("Part of the address; unique within the channel. Keep it once published."),
    )
    channel = models.ForeignKey(
        Channel, on_delete=models.PROTECT, related_name="articles", verbose_name=_("channel")
    )
    summary = models.TextField(
        _("summary"),
        max_length=400,
        help_text=_("One or two sentences for lists, feeds and search engines."),
    )
    summary_zh_hans = models.TextField(_("summary (Chinese)"), max_length=400, blank=True)
    body = ProseEditorField(
        _("body"), extensions=ARTICLE_BODY.editor_extensions, sanitize=ARTICLE_BODY.sanitise
    )
    body_zh_hans = ProseEditorField(
        _("body (Chinese)"),
        extensions=ARTICLE_BODY.editor_extensions,
        sanitize=ARTICLE_BODY.sanitise,
        blank=True,
    )
    image = models.ImageField(
        _("lead photo"),
        upload_to="news/originals/",
        width_field="image_width",
        height_field="image_height",
        blank=True,
        help_text=_("JPEG, PNG or WebP, at least 1200 pixels wide for the best result."),
    )
    image_width = models.PositiveIntegerField(
        _("photo width"), null=True, blank=True, editable=False
    )
    image_height = models.PositiveIntegerField(
        _("photo height"), null=True, blank=True, editable=False
    )
    image_alt = models.CharField(
        _("photo description (alt text)"),
        max_length=250,
        blank=True,
        help_text=_("What the photo shows, for people who cannot see it. Required with a photo."),
    )
    image_alt_zh_hans = models.CharField(
        _("photo description (alt text, Chinese)"), max_length=250, blank=True
    )
    image_caption = models.CharField(_("photo caption"), max_length=250, blank=True)
    image_caption_zh_hans = models.CharField(
        _("photo caption (Chinese)"), max_length=250, blank=True
    )
    source = models.CharField(
        _("source"),
        max_length=200,
        blank=True,
        help_text=_("Who issued the news, e.g. “Municipal Transport Commission”."),
    )
    source_zh_hans = models.CharField(_("source (Chinese)"), max_length=200, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="news_articles",
        verbose_name=pgettext_lazy("news article", "author"),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.DRAFT)
    publish_at = models.DateTimeField(
        _("publish time"),
        default=timezone.now,
        help_text=_("A future time schedules the article: it appears by itself then."),
    )
    featured = models.BooleanField(
        _("featured"),
        default=False,
        help_text=_("The newest featured article is shown with its photo on the home page."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-publish_at", "-pk"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        constraints = [
            models.UniqueConstraint(fields=["channel", "slug"], name="news_article_unique_slug"),
            models.CheckConstraint(
                condition=models.Q(image="") | ~models.Q(image_alt=""),
                name="news_article_photo_has_alt_text",
                violation_error_message=_("Describe the photo for people who cannot see it."),
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
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        # The form sanitises too; this also covers the shell, imports and the demo content.
        self.body = ARTICLE_BODY.sanitise(self.body)
        self.body_zh_hans = ARTICLE_BODY.sanitise(self.body_zh_hans)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse(
            "news:article_detail",
            kwargs={"channel_slug": self.channel.slug, "slug": self.slug},
        )

    def clean(self):
        if self.image and not self.image_alt.strip():
            raise ValidationError(
                {"image_alt": _("Describe the photo for people who cannot see it.")}
            )

    @property
    def is_public(self):
        return self.status == self.Status.PUBLISHED and self.publish_at <= timezone.now()

    def neighbours(self):
        """The previous (older) and next (newer) published articles in the same channel, read
        with the article by published_article(), or now."""
        row = self
        if not hasattr(row, "older__id"):
            row = next(iter(Article.objects.raw(NEIGHBOURS_SQL, {"pk": self.pk})))
        return {
            "previous_article": self.neighbour(row, "older"),
            "next_article": self.neighbour(row, "newer"),
        }

    def neighbour(self, row, side):
        values = [getattr(row, f"{side}__{field}") for field in NEIGHBOUR_FIELDS]
        if values[0] is None:
            return None
        neighbour = Article.from_db(row._state.db, NEIGHBOUR_FIELDS, values)
        neighbour.channel = self.channel
        return neighbour

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


ENGLISH_VECTOR = (
    SearchVector("title", weight="A", config=SEARCH_CONFIG)
    + SearchVector("summary", weight="B", config=SEARCH_CONFIG)
    + SearchVector("text", weight="C", config=SEARCH_CONFIG)
)


class ArticleSearchEntry(models.Model):
    """An article as site search reads it: its title, summary and text without markup, their
    words weighted in that order, and the two fields that decide whether and where it is listed.

    The database writes each entry whenever its article is written, however that happens (a
    trigger, migration 0005), as it would a generated column. A table of its own keeps the rows
    that a search visits small: text and words, kilobytes each, are stored apart from their row
    (toast_tuple_target, migration 0005), so the rows of 200,000 articles take about 26 MB and stay
    in memory. Its index holds the publish day beside the words.
    """

    article = models.OneToOneField(
        Article,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="search_entry",
    )
    status = models.CharField(max_length=10, choices=Article.Status)
    publish_at = models.DateTimeField()
    # The day (in UTC) of publish_at, which the index holds: see WINDOWS.
    publish_day = models.GeneratedField(
        expression=Cast(
            Func(
                Value("UTC"), "publish_at", function="timezone", output_field=models.DateTimeField()
            ),
            models.DateField(),
        ),
        output_field=models.DateField(),
        db_persist=True,
    )
    title = models.CharField(max_length=200)
    summary = models.TextField()
    text = models.TextField()
    search_vector = models.GeneratedField(
        expression=ENGLISH_VECTOR, output_field=SearchVectorField(), db_persist=True
    )
    # The Chinese version, read by searches on Chinese pages: its words by character pairs
    # (portal.fulltext); empty for an article that has no Chinese version.
    title_zh_hans = models.CharField(max_length=200, default="")
    summary_zh_hans = models.TextField(default="")
    text_zh_hans = models.TextField(default="")
    search_vector_zh_hans = models.GeneratedField(
        expression=chinese_search_vector("title_zh_hans", "summary_zh_hans", "text_zh_hans"),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        indexes = [
            # The publish day beside the words: the index itself narrows a search to the newest
            # articles (btree_gin), and rows are read only for the matches among them.
            GinIndex(
                fields=["publish_day", "search_vector"],
                name="news_search_entry_idx",
                fastupdate=False,
            ),
            GinIndex(
                fields=["publish_day", "search_vector_zh_hans"],
                name="news_search_entry_zh_hans_idx",
                fastupdate=False,
                condition=~models.Q(title_zh_hans=""),
            ),
        ]

    def __str__(self):
        return str(self.article_id)
