"""Editors write the Chinese beside the English, preview both, and see which items have one."""

import pytest
from django.urls import reverse
from django.utils import timezone

from news.models import Article
from tests.html import field_by_label, h1, headings, links, main, select, text
from tests.staff import sign_in_with_two_factors

pytestmark = pytest.mark.django_db


def article_form(channel, **fields):
    return {
        "title": "Ferry timetable changes",
        "title_zh_hans": "轮渡时刻调整",
        "slug": "ferry-timetable-changes",
        "channel": channel.pk,
        "summary": "Ferries run later on Fridays.",
        "summary_zh_hans": "周五轮渡延长运营时间。",
        "body": "<p>Until 23:00.</p>",
        "body_zh_hans": '<p onclick="x()">运营至23:00。</p><script>alert(1)</script>',
        "status": "draft",
        "publish_at_0": timezone.localdate().isoformat(),
        "publish_at_1": "00:00:00",
        **fields,
    }


def test_the_article_form_has_the_chinese_fields_in_their_own_section(client, editor):
    sign_in_with_two_factors(client, editor)

    form = client.get(reverse("admin:news_article_add"))

    assert "Chinese (Simplified) version" in headings(form)
    assert field_by_label(form, "Title (Chinese)")["name"] == "title_zh_hans"
    assert field_by_label(form, "Summary (Chinese)")["name"] == "summary_zh_hans"
    assert field_by_label(form, "Body (Chinese)")["name"] == "body_zh_hans"


def test_an_editor_saves_both_languages_and_previews_each(client, editor, channel):
    sign_in_with_two_factors(client, editor)

    response = client.post(reverse("admin:news_article_add"), article_form(channel))

    assert response.status_code == 302, response.context["adminform"].form.errors
    article = Article.objects.get()
    assert article.title_zh_hans == "轮渡时刻调整"
    assert article.body_zh_hans == "<p>运营至23:00。</p>"
    change = main(client.get(reverse("admin:news_article_change", args=[article.pk])))
    english = client.get(links(change)["Preview this article as it will look"])
    chinese = client.get(links(change)["Preview in Chinese"])
    assert h1(english) == "Ferry timetable changes"
    assert h1(chinese) == "轮渡时刻调整"


def test_the_article_list_says_which_have_a_chinese_version(client, editor, make_article):
    make_article(title="Translated", title_zh_hans="已翻译")
    make_article(title="English only")
    sign_in_with_two_factors(client, editor)
    changelist = reverse("admin:news_article_changelist")

    everything = client.get(changelist)
    with_chinese = client.get(changelist, {"chinese": "yes"})
    without = client.get(changelist, {"chinese": "no"})

    rows = select(everything, "#result_list tbody tr")
    assert {text(row.select_one("th")): row.select_one("td.field-chinese_version img")["alt"]
            for row in rows} == {"Translated": "True", "English only": "False"}  # fmt: skip
    assert [
        text(row.select_one("th")) for row in select(with_chinese, "#result_list tbody tr")
    ] == ["Translated"]
    assert [text(row.select_one("th")) for row in select(without, "#result_list tbody tr")] == [
        "English only"
    ]


@pytest.mark.parametrize(
    ("changelist", "add", "label"),
    [
        ("admin:faq_question_changelist", "admin:faq_question_add", "Question (Chinese)"),
        ("admin:faq_topic_changelist", "admin:faq_topic_add", "Name (Chinese)"),
        ("admin:news_channel_changelist", "admin:news_channel_add", "Name (Chinese)"),
    ],
)
def test_editors_write_faqs_and_channels_in_both_languages(client, editor, changelist, add, label):
    sign_in_with_two_factors(client, editor)

    assert client.get(reverse(changelist), {"chinese": "no"}).status_code == 200
    assert field_by_label(client.get(reverse(add)), label)


def test_the_faq_preview_in_chinese(client, editor, make_question):
    question = make_question(question="Lost card?", question_zh_hans="卡丢了怎么办？")
    sign_in_with_two_factors(client, editor)

    change = main(client.get(reverse("admin:faq_question_change", args=[question.pk])))

    assert h1(client.get(links(change)["Preview in Chinese"])) == "卡丢了怎么办？"
    assert h1(client.get(links(change)["Preview this answer as it will look"])) == "Lost card?"


def test_the_service_form_has_chinese_fields_for_the_service_and_its_questions(client):
    from tests.factories import make_staff

    admin = make_staff(email="admin@city.example", is_superuser=True)
    sign_in_with_two_factors(client, admin)

    form = client.get(reverse("admin:applications_service_add"))

    assert field_by_label(form, "Name (Chinese)")["name"] == "name_zh_hans"
    assert field_by_label(form, "Who can apply (Chinese)")["name"] == "who_can_apply_zh_hans"
    assert client.get(reverse("admin:applications_service_changelist"), {"chinese": "yes"})


def test_the_site_profile_form_has_chinese_fields(client):
    from tests.factories import make_staff

    admin = make_staff(email="admin@city.example", is_superuser=True)
    sign_in_with_two_factors(client, admin)

    form = client.get(reverse("admin:portal_siteprofile_change", args=[1]))

    assert field_by_label(form, "Tagline (Chinese)")["name"] == "tagline_zh_hans"
    assert field_by_label(form, "Office hours (Chinese)")["name"] == "office_hours_zh_hans"
    assert "Chinese (Simplified) version" in text(form)
