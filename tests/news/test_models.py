from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from news.models import Article, Channel

pytestmark = pytest.mark.django_db


def test_published_shows_only_published_articles_whose_time_has_come(make_article):
    visible = make_article(title="Published yesterday", days_ago=1)
    make_article(title="Draft", status=Article.Status.DRAFT)
    make_article(title="Scheduled for tomorrow", days_ago=-1)

    assert list(Article.objects.published()) == [visible]


def test_a_scheduled_article_appears_by_itself_once_its_time_has_passed(make_article):
    article = make_article(publish_at=timezone.now() + timedelta(seconds=1))
    assert not Article.objects.published().exists()

    Article.objects.filter(pk=article.pk).update(publish_at=timezone.now() - timedelta(seconds=1))

    assert list(Article.objects.published()) == [article]


def test_newest_first_orders_by_publish_time(make_article):
    older = make_article(days_ago=10)
    newer = make_article(days_ago=2)

    assert list(Article.objects.published().newest_first()) == [newer, older]


def test_the_article_address_is_readable_and_names_its_channel(make_article):
    article = make_article(slug="metro-line-21-opens")

    assert article.get_absolute_url() == "/news/government-news/metro-line-21-opens/"


def test_a_slug_may_repeat_in_another_channel_but_not_in_the_same(make_article, other_channel):
    make_article(slug="weekly-update")
    make_article(slug="weekly-update", channel=other_channel)

    duplicate = Article(
        title="Again",
        slug="weekly-update",
        channel=Channel.objects.get(slug="government-news"),
        summary="s",
        body="<p>b</p>",
    )
    with pytest.raises(ValidationError):
        duplicate.full_clean()


def test_reserved_slugs_are_refused_for_channels_and_articles(channel):
    with pytest.raises(ValidationError) as error:
        Channel(name="Feed", slug="feed").full_clean()
    assert "used by the portal" in str(error.value)

    article = Article(title="Images", slug="images", channel=channel, summary="s", body="b")
    with pytest.raises(ValidationError):
        article.full_clean()


def test_a_photo_needs_alt_text(make_article):
    article = make_article(photo=True)
    article.image_alt = ""

    with pytest.raises(ValidationError) as error:
        article.full_clean()

    assert error.value.message_dict == {
        "image_alt": ["Describe the photo for people who cannot see it."]
    }


def test_the_body_is_sanitised_even_when_saved_outside_a_form(make_article):
    article = make_article(body='<p onclick="steal()">Hi</p><script>alert(1)</script>')

    article.refresh_from_db()
    assert article.body == "<p>Hi</p>"
