"""The demo content's Simplified Chinese: the newest and featured articles of each channel, every
FAQ, every service with its questions, and the site profile; some articles stay English only."""

import pytest
from django.core.management import call_command
from django.utils import translation

from applications.models import Question as ServiceQuestion
from applications.models import Service
from faq.models import Question, Topic
from news.models import Article, Channel
from portal.models import SiteProfile
from tests.html import h1, select

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(media_root):
    call_command("seed_demo", verbosity=0)


def has_chinese(model):
    return model.objects.filter(model.with_chinese_version())


def test_the_demo_has_chinese_versions_of_the_newest_and_featured_articles(demo):
    for channel in Channel.objects.all():
        articles = Article.objects.in_channel(channel).newest_first()
        assert articles.first().has_chinese_version, channel.slug
        featured = articles.featured().first()
        assert featured is None or featured.has_chinese_version, channel.slug
    assert has_chinese(Article).count() == 3
    assert Article.objects.exclude(Article.with_chinese_version()).count() >= 1
    assert has_chinese(Channel).count() == Channel.objects.count() == 2
    translated = has_chinese(Article).exclude(image="")
    assert all(article.image_alt_zh_hans for article in translated)


def test_every_demo_faq_service_and_the_site_profile_have_chinese(demo):
    assert has_chinese(Topic).count() == Topic.objects.count() == 5
    assert has_chinese(Question).count() == Question.objects.count() == 24
    assert not Question.objects.filter(answer_zh_hans="").exists()
    assert has_chinese(Service).count() == Service.objects.count() == 6
    assert not ServiceQuestion.objects.filter(label_zh_hans="").exists()
    with translation.override("zh-hans"):
        for question in ServiceQuestion.objects.exclude(options=""):
            assert [shown for _, shown in question.option_labels] != question.option_list
    profile = SiteProfile.objects.get()
    assert profile.name_zh_hans
    assert profile.postal_address_zh_hans
    assert profile.office_hours_zh_hans


def test_a_second_run_keeps_what_editors_changed(demo):
    Topic.objects.filter(slug="getting-around").update(name_zh_hans="出行")

    call_command("seed_demo", verbosity=0)

    assert Topic.objects.get(slug="getting-around").name_zh_hans == "出行"


def test_the_demo_news_page_in_chinese_shows_chinese_and_marked_english(client, demo):
    with translation.override("en"):
        response = client.get("/zh-hans/news/")

    shown = {
        title.get_text(): title.get("lang") for title in select(response, ".news-item__title a")
    }
    chinese_titles = set(has_chinese(Article).values_list("title_zh_hans", flat=True))
    english_only = Article.objects.exclude(Article.with_chinese_version())
    english_titles = set(english_only.values_list("title", flat=True))
    assert {title for title, lang in shown.items() if lang is None} <= chinese_titles
    assert {title for title, lang in shown.items() if lang == "en"} <= english_titles
    assert None in shown.values()
    assert "en" in shown.values()
    article = has_chinese(Article).newest_first().first()
    with translation.override("en"):
        assert h1(client.get(f"/zh-hans{article.get_absolute_url()}")) == article.title_zh_hans
