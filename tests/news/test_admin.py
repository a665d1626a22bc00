import io
from datetime import UTC, datetime

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from news.models import Article
from tests.factories import PDF_BYTES
from tests.html import (
    field_by_label,
    find,
    h1,
    link_targets,
    links,
    main,
    messages,
    text,
    text_of,
    texts_of,
)
from tests.images import image_bytes
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
    assert preview.status_code == 200
    assert h1(preview) == "Ferry timetable changes"
    assert "This is a draft: the public cannot see it." in text_of(preview, ".news-preview")
    assert find(preview, ".news-article figure img")["alt"] == "A ferry at the pier"

    response = client.post(
        reverse("admin:news_article_change", args=[article.pk]),
        article_form(channel, status="published", image_alt="A ferry at the pier"),
    )
    assert response.status_code == 302
    client.logout()
    assert client.get(article.get_absolute_url()).status_code == 200


def withdrawn_notice(title):
    seconds = settings.PAGE_CACHE_SECONDS + settings.PAGE_MAX_AGE_SECONDS
    return (
        f"“{title}” is no longer public. Visitors who open it may still be shown it for up to "
        f"{seconds} seconds, from copies kept to serve the portal quickly."
    )


def test_an_editor_who_withdraws_an_article_is_told_how_long_visitors_may_still_see_it(
    client, editor, channel
):
    sign_in_with_two_factors(client, editor)
    client.post(reverse("admin:news_article_add"), article_form(channel, status="published"))
    article = Article.objects.get()
    change_url = reverse("admin:news_article_change", args=[article.pk])

    edited = client.post(change_url, article_form(channel, status="published"), follow=True)
    withdrawn = client.post(change_url, article_form(channel), follow=True)
    edited_draft = client.post(change_url, article_form(channel), follow=True)

    assert withdrawn_notice("Ferry timetable changes") in messages(withdrawn)
    assert not [m for m in messages(edited) + messages(edited_draft) if "no longer" in m]


def test_an_editor_who_deletes_a_public_article_is_told_how_long_it_may_still_be_seen(
    client, editor, make_article
):
    article = make_article(title="Night buses return")
    draft = make_article(title="Night buses plan", status=Article.Status.DRAFT)
    sign_in_with_two_factors(client, editor)

    deleted = client.post(
        reverse("admin:news_article_delete", args=[article.pk]), {"post": "yes"}, follow=True
    )
    deleted_draft = client.post(
        reverse("admin:news_article_delete", args=[draft.pk]), {"post": "yes"}, follow=True
    )

    assert withdrawn_notice("Night buses return") in messages(deleted)
    assert not [m for m in messages(deleted_draft) if "no longer" in m]
    assert not Article.objects.exists()


def test_deleting_several_articles_says_how_long_the_public_ones_may_still_be_seen(
    client, editor, make_article
):
    chosen = [
        make_article(title="Night buses return"),
        make_article(title="Ferry fares frozen"),
        make_article(title="Night buses plan", status=Article.Status.DRAFT),
    ]
    sign_in_with_two_factors(client, editor)

    deleted = client.post(
        reverse("admin:news_article_changelist"),
        {
            "action": "delete_selected",
            "_selected_action": [article.pk for article in chosen],
            "post": "yes",
        },
        follow=True,
    )

    seconds = settings.PAGE_CACHE_SECONDS + settings.PAGE_MAX_AGE_SECONDS
    assert (
        f"2 pages are no longer public. Visitors who open them may still be shown them for up "
        f"to {seconds} seconds, from copies kept to serve the portal quickly."
    ) in messages(deleted)
    assert not Article.objects.exists()


def a_decompression_bomb():
    # A small PNG file that opens as 30,000 × 30,000 pixels.
    output = io.BytesIO()
    Image.new("1", (30_000, 30_000)).save(output, format="PNG")
    return output.getvalue()


@pytest.mark.parametrize(
    ("name", "made", "said"),
    [
        ("ferry.jpg", lambda: b"GIF89a broken", "“ferry.jpg” is not a JPEG, PNG or WebP image"),
        ("timetable.pdf", lambda: PDF_BYTES, "“timetable.pdf” is not a JPEG, PNG or WebP image"),
        ("panorama.png", a_decompression_bomb, "“panorama.png” has too many pixels"),
    ],
    ids=["broken", "pdf", "too many pixels"],
)
def test_the_admin_form_says_what_is_wrong_with_a_bad_photo(
    client, editor, channel, name, made, said
):
    sign_in_with_two_factors(client, editor)
    # The file picker offers only the kinds of photo taken.
    add_page = client.get(reverse("admin:news_article_add"))
    assert find(add_page, 'input[name="image"]')["accept"] == "image/jpeg,image/png,image/webp"
    not_a_photo = SimpleUploadedFile(name, made(), content_type="image/jpeg")

    response = client.post(
        reverse("admin:news_article_add"), article_form(channel, image=not_a_photo)
    )

    assert response.status_code == 200
    [error] = response.context["adminform"].form.errors["image"]
    assert error.startswith(said)
    assert not Article.objects.exists()


def test_a_photo_without_alt_text_is_refused_next_to_the_field(client, editor, channel):
    sign_in_with_two_factors(client, editor)
    photo = SimpleUploadedFile("ferry.jpg", image_bytes(), content_type="image/jpeg")

    response = client.post(reverse("admin:news_article_add"), article_form(channel, image=photo))

    errors = response.context["adminform"].form.errors
    assert errors["image_alt"] == ["Describe the photo for people who cannot see it."]
    assert errors["image"] == [
        "Choose the photo again: a chosen file is not kept while other fields need correcting."
    ]


def test_preview_shows_when_a_scheduled_article_will_appear(client, editor, make_article):
    make_article(title="Published last week", days_ago=7)
    article = make_article(days_ago=-3)
    make_article(title="Scheduled later", days_ago=-5)
    sign_in_with_two_factors(client, editor)

    preview = client.get(reverse("admin:news_article_preview", args=[article.pk]))

    assert "This article is scheduled: it will appear by itself on" in text_of(
        preview, ".news-preview"
    )
    # Its neighbours are the ones it will have: the later one is not published yet.
    assert texts_of(preview, ".news-article__neighbours li") == ["Older Published last week"]


def test_a_preview_switches_to_the_other_language(client, editor, make_article):
    article = make_article(status="draft")
    sign_in_with_two_factors(client, editor)
    url = reverse("admin:news_article_preview", args=[article.pk])

    english = client.get(url, {"language": "en"})
    chinese = client.get(url, {"language": "zh-hans"})

    assert links(english)["中文"] == f"{url}?language=zh-hans"
    assert links(chinese)["English"] == f"{url}?language=en"


def test_view_on_site_points_drafts_at_the_preview(client, editor, make_article):
    draft = make_article(status="draft")
    sign_in_with_two_factors(client, editor)

    page = client.get(reverse("admin:news_article_change", args=[draft.pk]))

    assert links(page)["View on site"] == reverse("admin:news_article_preview", args=[draft.pk])


def test_the_article_form_loads_the_rich_text_editor_under_the_csp(client, editor):
    sign_in_with_two_factors(client, editor)

    response = client.get(reverse("admin:news_article_add"))

    policy = response["Content-Security-Policy"]
    assert field_by_label(response, "Body").has_attr("data-django-prose-editor-configurable")
    nonce = policy.split("'nonce-")[1].split("'")[0]
    assert find(response, 'script[type="importmap"]')["nonce"] == nonce
    assert "unsafe-inline" not in policy


def test_the_article_list_has_filters_search_and_dates(client, editor, make_article, other_channel):
    make_article(title="Harbour news")
    make_article(title="Library news", channel=other_channel)
    sign_in_with_two_factors(client, editor)

    response = client.get(reverse("admin:news_article_changelist"), {"q": "harbour"})

    assert texts_of(response, "#result_list .field-title") == ["Harbour news"]
    filters = texts_of(response, "#changelist-filter summary")
    assert {"By channel", "By status", "By publish time"} <= set(filters)
    # No date hierarchy: it reads every article to list the years and months.
    assert not [url for url in link_targets(response) if "publish_at__year=" in url]


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


def test_the_article_list_shows_a_scheduled_time_in_the_portals_time_zone(
    client, editor, make_article
):
    # 01:30 in UTC is 09:30 in Shanghai (settings.TIME_ZONE).
    make_article(publish_at=datetime(2030, 1, 1, 1, 30, tzinfo=UTC))
    sign_in_with_two_factors(client, editor)

    page = main(client.get(reverse("admin:news_article_changelist")))

    # Written as the list's other times are.
    assert "Scheduled for 1 January 2030, 09:30" in text(page)


def test_the_photo_upload_has_a_label_of_its_own(client, editor):
    sign_in_with_two_factors(client, editor)

    page = main(client.get(reverse("admin:news_article_add")))

    assert text_of(page, 'label[for="id_image"]') == "Lead photo:"


def test_a_photo_of_the_wrong_kind_is_refused_in_the_editors_language(client, editor, channel):
    editor.contact_language = "zh-hans"
    editor.save()
    sign_in_with_two_factors(client, editor)
    gif = SimpleUploadedFile("bus.gif", image_bytes(image_format="GIF"), content_type="image/gif")

    response = client.post(reverse("admin:news_article_add"), article_form(channel, image=gif))

    assert response.context["adminform"].form.errors["image"] == [
        "“bus.gif”不是 JPEG、PNG 或 WebP 图片，或文件已损坏。"
    ]
