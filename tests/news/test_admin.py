import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from news.models import Article
from tests.news.conftest import image_bytes
from tests.staff import sign_in_with_two_factors

pytestmark = pytest.mark.django_db

GPS_EXIF = Image.Exif()
GPS_EXIF[0x8825] = {1: "N", 2: (31.0, 14.0, 0.0)}


def article_form(channel, **fields):
    return {
        "title": "Ferry timetable changes",
        "slug": "ferry-timetable-changes",
        "channel": channel.pk,
        "summary": "Ferries across the river run later on Fridays.",
        "body": '<h2>New times</h2><p onclick="x()">Until 23:00.</p><script>alert(1)</script>',
        "image_alt": "",
        "image_caption": "",
        "status": "draft",
        "publish_at_0": timezone.localdate().isoformat(),
        "publish_at_1": "00:00:00",
        "source": "Municipal Transport Commission",
        **fields,
    }


def test_an_editor_creates_previews_and_publishes_an_article(client, editor, channel):
    sign_in_with_two_factors(client, editor)
    photo = SimpleUploadedFile("ferry.jpg", image_bytes(exif=GPS_EXIF), content_type="image/jpeg")

    response = client.post(
        reverse("admin:news_article_add"),
        article_form(channel, image=photo, image_alt="A ferry at the pier"),
    )

    assert response.status_code == 302, response.context["adminform"].form.errors
    article = Article.objects.get()
    assert article.author == editor
    assert article.body == "<h2>New times</h2><p>Until 23:00.</p>"
    assert article.status == "draft"
    with Image.open(article.image.path) as image:
        assert not image.getexif()
    assert client.get(article.get_absolute_url()).status_code == 404

    preview = client.get(reverse("admin:news_article_preview", args=[article.pk]))
    html = preview.content.decode()
    assert preview.status_code == 200
    assert "<h1>Ferry timetable changes</h1>" in html
    assert "This is a draft: the public cannot see it." in html
    assert 'alt="A ferry at the pier"' in html

    response = client.post(
        reverse("admin:news_article_change", args=[article.pk]),
        article_form(channel, status="published", image_alt="A ferry at the pier"),
    )
    assert response.status_code == 302
    client.logout()
    assert client.get(article.get_absolute_url()).status_code == 200


def test_the_admin_form_says_what_is_wrong_with_a_bad_photo(client, editor, channel):
    sign_in_with_two_factors(client, editor)
    not_a_photo = SimpleUploadedFile("ferry.jpg", b"GIF89a broken", content_type="image/jpeg")

    response = client.post(
        reverse("admin:news_article_add"), article_form(channel, image=not_a_photo)
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["image"] == [
        "Upload a valid image. The file you uploaded was either not an image or a corrupted image."
    ]
    assert not Article.objects.exists()


def test_a_photo_without_alt_text_is_refused_next_to_the_field(client, editor, channel):
    sign_in_with_two_factors(client, editor)
    photo = SimpleUploadedFile("ferry.jpg", image_bytes(), content_type="image/jpeg")

    response = client.post(reverse("admin:news_article_add"), article_form(channel, image=photo))

    assert response.context["adminform"].form.errors["image_alt"] == [
        "Describe the photo for people who cannot see it."
    ]


def test_preview_shows_when_a_scheduled_article_will_appear(client, editor, make_article):
    article = make_article(days_ago=-3)
    sign_in_with_two_factors(client, editor)

    html = client.get(reverse("admin:news_article_preview", args=[article.pk])).content.decode()

    assert "This article is scheduled: it will appear by itself on" in html


def test_view_on_site_points_drafts_at_the_preview(client, editor, make_article):
    draft = make_article(status="draft")
    sign_in_with_two_factors(client, editor)

    html = client.get(reverse("admin:news_article_change", args=[draft.pk])).content.decode()

    assert reverse("admin:news_article_preview", args=[draft.pk]) in html


def test_the_article_form_loads_the_rich_text_editor_under_the_csp(client, editor):
    sign_in_with_two_factors(client, editor)

    response = client.get(reverse("admin:news_article_add"))

    html = response.content.decode()
    policy = response["Content-Security-Policy"]
    assert "data-django-prose-editor-configurable" in html
    nonce = policy.split("'nonce-")[1].split("'")[0]
    assert f'<script type="importmap" nonce="{nonce}">' in html
    assert "unsafe-inline" not in policy


def test_the_article_list_has_filters_search_and_dates(client, editor, make_article, other_channel):
    make_article(title="Harbour news")
    make_article(title="Library news", channel=other_channel)
    sign_in_with_two_factors(client, editor)

    response = client.get(reverse("admin:news_article_changelist"), {"q": "harbour"})

    html = response.content.decode()
    assert "Harbour news" in html
    assert "Library news" not in html
    assert "By channel" in html and "By status" in html and "By publish time" in html
    # No date hierarchy: it reads every article to list the years and months.
    assert "publish_at__year=" not in html


def test_the_article_list_is_searched_through_the_full_text_index(client, editor, make_article):
    make_article(title="Ferry timetable", body="<p>Boats to the harbours leave hourly.</p>")
    make_article(title="Harbourside", body="<p>A new park.</p>")
    sign_in_with_two_factors(client, editor)

    def found(term):
        changelist = client.get(reverse("admin:news_article_changelist"), {"q": term})
        return [article.title for article in changelist.context["cl"].result_list]

    assert found("harbour boats") == ["Ferry timetable"]  # words, in any form
    assert found('"new park"') == ["Harbourside"]
    assert found("bour") == []  # not parts of words

    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
    queryset = client.get(reverse("admin:news_article_changelist"), {"q": "boats"}).context["cl"]
    assert "news_search_entry_idx" in queryset.queryset.explain()


def test_the_article_search_finds_drafts_and_scheduled_articles(client, editor, make_article):
    make_article(title="Harbour draft", status="draft")
    make_article(title="Harbour tomorrow", days_ago=-1)
    sign_in_with_two_factors(client, editor)

    changelist = client.get(reverse("admin:news_article_changelist"), {"q": "harbour"})

    assert {article.title for article in changelist.context["cl"].result_list} == {
        "Harbour draft",
        "Harbour tomorrow",
    }


def test_the_article_list_reads_the_newest_from_an_index_and_counts_once(
    client, editor, make_article
):
    make_article()
    sign_in_with_two_factors(client, editor)

    with CaptureQueriesContext(connection) as context:
        changelist = client.get(reverse("admin:news_article_changelist"), {"_facets": "True"})
    counts = [query for query in context.captured_queries if "COUNT(" in query["sql"]]

    assert len(counts) == 1
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_sort = off")
    assert "news_article_newest_idx" in changelist.context["cl"].queryset[:100].explain()


def test_staff_outside_the_editors_group_cannot_touch_news(client, other_staff, make_article):
    article = make_article()
    sign_in_with_two_factors(client, other_staff)

    assert client.get(reverse("admin:news_article_add")).status_code == 403
    assert client.get(reverse("admin:news_article_change", args=[article.pk])).status_code == 403
    assert client.get(reverse("admin:news_article_preview", args=[article.pk])).status_code == 403
    assert client.post(reverse("admin:news_article_delete", args=[article.pk])).status_code == 403


def test_the_public_cannot_preview(client, make_article):
    article = make_article(status="draft")

    response = client.get(reverse("admin:news_article_preview", args=[article.pk]))

    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
