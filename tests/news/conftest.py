import io
from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image

from news.models import Article, Channel
from news.services import article_save


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def image_bytes(size=(1600, 900), image_format="JPEG", colour=(30, 90, 160), exif=None):
    output = io.BytesIO()
    options = {"exif": exif} if exif is not None else {}
    Image.new("RGB", size, colour).save(output, format=image_format, **options)
    return output.getvalue()


@pytest.fixture
def channel(db):
    return Channel.objects.create(name="Government News", slug="government-news", position=1)


@pytest.fixture
def other_channel(db):
    return Channel.objects.create(name="City News Digest", slug="city-news-digest", position=2)


@pytest.fixture
def make_article(db, channel):
    counter = iter(range(1, 100_000))

    def make(*, days_ago=1, photo=False, **fields):
        number = next(counter)
        fields = {
            "title": f"Article number {number}",
            "slug": f"article-{number}",
            "channel": channel,
            "summary": f"The summary of article {number}.",
            "body": f"<h2>What changes</h2><p>The body of article {number}.</p>",
            "status": Article.Status.PUBLISHED,
            "publish_at": timezone.now() - timedelta(days=days_ago),
            **fields,
        }
        article = Article(**fields)
        if photo:
            article.image = ContentFile(image_bytes(), name=f"{number:032x}.jpg")
            article.image_alt = "Blue rectangle"
        return article_save(article=article, by=None)

    return make


@pytest.fixture
def editor(make_staff):
    return make_staff("editor@city.example", "Chen Yu", group="Editors")


@pytest.fixture
def other_staff(make_staff):
    return make_staff("clerk@city.example", "Sun Wei")
