import pytest
from django.db import connection

from news.models import Article

pytestmark = pytest.mark.django_db


def test_the_newest_featured_article_is_read_from_its_own_index(make_article):
    make_article(featured=True)
    make_article()

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE news_article")
        cursor.execute("SET LOCAL enable_seqscan = off")
    plan = Article.objects.published().featured().newest_first()[:1].explain()

    # Not a walk through every published article looking for a featured one.
    assert "news_article_featured_idx" in plan
