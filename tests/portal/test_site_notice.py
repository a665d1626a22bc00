"""The notice staff put at the top of every page: an office closed, a severe weather warning."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from portal.models import SiteProfile
from tests.factories import make_article
from tests.html import errors, find, headings, hint, links, messages, region, select, text
from tests.staff import sign_in_with_two_factors

pytestmark = pytest.mark.django_db

CLOSED = "The Citizen Service Centre is closed on Friday 4 December because of Typhoon Lan."
CLOSED_ZH = "受台风影响，市民服务中心12月4日（周五）暂停开放。"
PROFILE_URL = reverse("admin:portal_siteprofile_change", args=[1])


def set_notice(**fields):
    profile = SiteProfile.load()
    for name, value in fields.items():
        setattr(profile, name, value)
    profile.save()


def notice(page):
    return region(page, "Important")


def profile_form(client):
    """What the profile's admin form holds now, as it would be sent back."""
    form = find(client.get(PROFILE_URL), "form#siteprofile_form")
    values = {field["name"]: field.get("value", "") for field in select(form, "input[name]")}
    values |= {box["name"]: box.text.strip() for box in select(form, "textarea")}
    return values


def test_there_is_no_notice_until_staff_write_one(client):
    assert "Important" not in headings(client.get(reverse("home")))


def test_a_notice_shows_at_once_on_every_page_kept_or_not(client, citizen, channel):
    article = make_article(channel=channel, title="Bus routes in Xuhui")
    client.get(reverse("home"))  # kept by the page cache

    set_notice(notice=CLOSED, notice_link="https://cityportal.example/news/typhoon-lan/")

    for url in [reverse("home"), article.get_absolute_url(), reverse("search") + "?q=bus"]:
        shown = notice(client.get(url))
        assert text(shown) == f"Important {CLOSED} Read more about this", url
        assert links(shown) == {
            "Read more about this": "https://cityportal.example/news/typhoon-lan/"
        }
    assert "Important" in headings(client.get("/no-such-page/"))
    client.force_login(citizen)
    assert text(notice(client.get(reverse("applications:application_list")))).startswith(
        f"Important {CLOSED}"
    )


def test_a_notice_is_shown_as_written_never_as_markup(client):
    set_notice(notice='Closed <b onclick="x()">today</b>.\nOpen tomorrow.')

    shown = notice(client.get(reverse("home")))

    assert text(shown) == 'Important Closed <b onclick="x()">today</b>. Open tomorrow.'
    assert select(shown, "b") == []
    assert len(select(shown, "br")) == 1


def test_chinese_pages_show_the_chinese_notice_or_the_english_one_marked_as_english(client):
    set_notice(notice=CLOSED, notice_zh_hans=CLOSED_ZH)
    assert text(region(client.get("/zh-hans/"), "重要通知")) == f"重要通知 {CLOSED_ZH}"

    set_notice(notice_zh_hans="")
    shown = region(client.get("/zh-hans/"), "重要通知")
    assert text(shown) == f"重要通知 {CLOSED}"
    assert find(shown, "p")["lang"] == "en"


def test_the_notice_adds_no_query_to_a_page(client, citizen):
    client.force_login(citizen)
    url = reverse("applications:application_list")
    client.get(url)
    with CaptureQueriesContext(connection) as without_notice:
        client.get(url)

    set_notice(notice=CLOSED)
    client.get(url)
    with CaptureQueriesContext(connection) as with_notice:
        page = client.get(url)

    assert CLOSED in text(notice(page))
    assert len(with_notice) == len(without_notice)


def test_editors_write_the_notice_in_the_admin(client, editor):
    sign_in_with_two_factors(client, editor)

    response = client.post(
        PROFILE_URL,
        profile_form(client) | {"notice": CLOSED, "notice_zh_hans": CLOSED_ZH},
        follow=True,
    )

    assert response.status_code == 200
    assert SiteProfile.load().notice == CLOSED
    assert text(region(client.get("/zh-hans/"), "重要通知")) == f"重要通知 {CLOSED_ZH}"


@pytest.mark.parametrize(
    ("written", "told"),
    [
        (
            {"notice_zh_hans": CLOSED_ZH},
            "Write the notice in English too: English pages show the English notice only.",
        ),
        (
            {"notice_link": "https://cityportal.example/news/typhoon-lan/"},
            "Write the notice that the link is for, or remove the link.",
        ),
        ({"notice": "x" * 401}, "Write at most 400 characters: this has 401"),
    ],
)
def test_a_notice_that_would_not_make_sense_is_refused_and_nothing_changes(
    client, editor, written, told
):
    sign_in_with_two_factors(client, editor)

    response = client.post(PROFILE_URL, profile_form(client) | written)

    assert errors(response).fields["notice"] == [told]
    profile = SiteProfile.load()
    assert (profile.notice, profile.notice_zh_hans, profile.notice_link) == ("", "", "")


def test_the_notice_box_counts_as_the_portals_other_boxes_and_says_when_visitors_see_it(
    client, editor
):
    sign_in_with_two_factors(client, editor)
    form = client.get(PROFILE_URL)
    assert find(form, "textarea[name=notice]").get("maxlength") is None
    assert hint(form, "Notice").endswith("You can enter up to 400 characters")
    two_lines = "x" * 200 + "\r\n" + "y" * 199  # 400 characters, a line break counted once

    response = client.post(PROFILE_URL, profile_form(client) | {"notice": two_lines}, follow=True)

    assert SiteProfile.load().notice == "x" * 200 + "\n" + "y" * 199
    assert "Visitors see the change within 35 seconds" in " ".join(messages(response))
