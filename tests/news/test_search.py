"""Search at city scale: common words match a hundred thousand articles, and only the newest
matches are ranked (see news.models.RANKED_MATCHES)."""

import pytest

import news.models
from news.models import Article

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_limits(monkeypatch):
    monkeypatch.setattr(news.models, "RANKED_MATCHES", 3)
    monkeypatch.setattr(news.models, "RECENT_SEARCHED", 4)
    monkeypatch.setattr(news.models, "MIN_RECENT_MATCHES", 2)


def titles(articles):
    return [article.title for article in articles]


def test_common_words_rank_only_the_newest_matches_best_first(make_article, small_limits):
    make_article(title="Timetables", body="<p>The ferry runs late.</p>", days_ago=1)
    make_article(title="Ferry to the islands", days_ago=2)
    make_article(title="Ferry prices", body="<p>Ferry tickets cost less.</p>", days_ago=3)
    for days_ago in range(4, 10):
        make_article(title=f"Ferry news {days_ago}", days_ago=days_ago)

    found = Article.objects.published().search("ferry")

    assert titles(found) == ["Ferry prices", "Ferry to the islands", "Timetables"]


def test_rare_words_are_found_in_old_articles(make_article, small_limits):
    for days_ago in range(1, 6):
        make_article(title=f"Bus news {days_ago}", days_ago=days_ago)
    for days_ago in [30, 40, 50, 60]:
        make_article(title=f"Typhoon warning {days_ago}", days_ago=days_ago)

    found = Article.objects.published().search("typhoon")

    assert titles(found) == ["Typhoon warning 30", "Typhoon warning 40", "Typhoon warning 50"]
