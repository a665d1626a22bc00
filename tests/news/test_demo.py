import io

import pytest
from django.core.management import call_command
from django.core.management.color import no_style
from django.db.models import Count, Max, Min
from django.utils import timezone
from PIL import Image

from news import demo
from news.demo.photos import PHOTO_DESCRIPTIONS
from news.models import Article, Channel

pytestmark = pytest.mark.django_db


def test_demo_fills_two_channels_with_a_year_of_articles_and_drawn_photos(media_root):
    out = io.StringIO()
    demo.seed(stdout=out, style=no_style())

    counts = dict(Channel.objects.annotate(n=Count("articles")).values_list("name", "n"))
    assert counts["Government News"] >= 12
    assert counts["City News Digest"] >= 12
    assert Article.objects.published().count() == Article.objects.count()
    span = Article.objects.aggregate(first=Min("publish_at"), last=Max("publish_at"))
    assert (span["last"] - span["first"]).days > 300
    assert span["last"] <= timezone.now()
    assert all("<h2>" in body for body in Article.objects.values_list("body", flat=True))
    assert "articles added" in out.getvalue()

    with_photos = Article.objects.exclude(image="")
    assert with_photos.count() >= 4
    assert Article.objects.featured().exclude(image="").exists()
    article = with_photos.first()
    assert article.image_alt
    for rendition in article.photo_renditions():
        name = rendition.webp_url.rsplit("/", 1)[1]
        with Image.open(media_root / "news" / "renditions" / name) as image:
            assert image.width == rendition.width


def test_a_second_run_writes_nothing(django_assert_max_num_queries):
    demo.seed(stdout=None, style=no_style())
    before = list(Article.objects.values_list("pk", "updated_at", "image"))

    out = io.StringIO()
    with django_assert_max_num_queries(3):  # two channel look-ups and one article list
        demo.seed(stdout=out, style=no_style())

    assert list(Article.objects.values_list("pk", "updated_at", "image")) == before
    assert "already in place" in out.getvalue()


def test_a_dry_run_leaves_no_photos_behind(media_root):
    call_command("seed_demo", "--dry-run", verbosity=0)

    assert not Article.objects.exists()
    assert not [path for path in media_root.rglob("*") if path.is_file()]


def test_every_demo_article_file_has_the_fields_the_seed_reads_and_no_others():
    channels = {channel["slug"] for channel in demo.channels()}
    assert {folder.name for folder in (demo.DATA / "articles").iterdir()} == channels
    required = {"channel", "slug", "title", "summary", "days_ago", "body"}
    for article in demo.articles():
        optional = {"source", "photo", "caption", "featured", "zh-hans"}
        assert required <= article.keys() <= required | optional
        assert article.get("photo") in {None, *PHOTO_DESCRIPTIONS}, article["slug"]
        assert article["body"].strip(), article["slug"]
