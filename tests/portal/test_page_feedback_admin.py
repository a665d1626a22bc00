"""Editors read what visitors said about pages in the admin: newest first, filtered by kind and
date, found by the page's address. Nobody edits it."""

import time
from datetime import timedelta

import pytest
from allauth.mfa import app_settings
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from portal.models import PageFeedback
from tests.factories import make_staff
from tests.html import buttons, find, links, select, table, texts_of

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:portal_pagefeedback_changelist")


def sign_in_with_two_factors(client, user):
    """The admin opens only in a session that passed an authenticator code."""
    client.force_login(user)
    step = int(time.time()) // app_settings.TOTP_PERIOD
    code = format_hotp_value(hotp_value(user.totp_secret, step))
    assert client.post(reverse("mfa_reauthenticate"), {"code": code}).status_code == 302


@pytest.fixture
def feedback(db):
    now = timezone.now()
    return [
        PageFeedback.objects.create(
            path="/faq/ferry/",
            kind=PageFeedback.Kind.NOT_USEFUL,
            what_missing="When the last ferry leaves.",
            created_at=now - timedelta(days=3),
        ),
        PageFeedback.objects.create(
            path="/news/", kind=PageFeedback.Kind.USEFUL, created_at=now - timedelta(days=2)
        ),
        PageFeedback.objects.create(
            path="/faq/",
            kind=PageFeedback.Kind.PROBLEM,
            what_doing="Looking for maps",
            what_wrong="The topic list does not open.",
            created_at=now - timedelta(days=1),
        ),
    ]


def rows(response):
    if not select(response, "#result_list"):  # the admin says "0 page feedback" instead
        return []
    return [
        (row["Page"], row["Kind"], row["What they wrote"])
        for row in table(response, "#result_list")
    ]


def test_editors_read_the_newest_feedback_first(client, editor, feedback):
    sign_in_with_two_factors(client, editor)

    response = client.get(CHANGELIST)

    assert response.status_code == 200
    assert rows(response) == [
        ("/faq/", "Problem reported", "The topic list does not open."),
        ("/news/", "Useful", "-"),
        ("/faq/ferry/", "Not useful", "When the last ferry leaves."),
    ]
    assert "Add page feedback" not in links(response)


def test_the_list_filters_by_kind_and_date(client, editor, feedback):
    sign_in_with_two_factors(client, editor)

    changelist = client.get(CHANGELIST)
    by_kind = client.get(CHANGELIST, {"kind__exact": "not_useful"})
    filters = links(find(changelist, "#changelist-filter"))
    today = client.get(CHANGELIST + filters["Today"])

    assert {"Useful", "Not useful", "Problem reported", "Past 7 days"} <= set(filters)
    assert [path for path, _, _ in rows(by_kind)] == ["/faq/ferry/"]
    assert rows(today) == []


@pytest.mark.parametrize(
    ("search", "found"),
    [
        ("/faq/", ["/faq/", "/faq/ferry/"]),
        ("faq/ferry", ["/faq/ferry/"]),
        ("http://testserver/faq/ferry/", ["/faq/ferry/"]),
        ("/news", ["/news/"]),
        ("ferry", []),  # the beginning of an address, not a word in it
    ],
)
def test_the_list_is_searched_by_the_beginning_of_the_address(
    client, editor, feedback, search, found
):
    sign_in_with_two_factors(client, editor)

    response = client.get(CHANGELIST, {"q": search})

    assert [path for path, _, _ in rows(response)] == found


def test_feedback_is_read_never_changed(client, editor, feedback):
    sign_in_with_two_factors(client, editor)
    problem = feedback[-1]
    change_url = reverse("admin:portal_pagefeedback_change", args=[problem.pk])

    response = client.get(change_url)
    client.post(change_url, {"what_wrong": "Changed"})

    assert response.status_code == 200
    assert texts_of(response, ".readonly") == [
        texts_of(response, ".field-created_at .readonly")[0],
        "/faq/",
        "Problem reported",
        "-",
        "Looking for maps",
        "The topic list does not open.",
    ]
    assert "Save" not in buttons(response)
    assert "Delete" not in links(response)
    problem.refresh_from_db()
    assert problem.what_wrong == "The topic list does not open."
    assert client.get(reverse("admin:portal_pagefeedback_add")).status_code == 403


def test_editors_may_view_page_feedback_and_keep_the_site_profile_and_nothing_more():
    editors = Group.objects.get(name="Editors")

    assert set(
        editors.permissions.filter(content_type__app_label="portal").values_list(
            "codename", flat=True
        )
    ) == {"view_pagefeedback", "view_siteprofile", "change_siteprofile"}


def test_a_superuser_may_delete_what_someone_wrote_by_mistake(client, feedback):
    sign_in_with_two_factors(client, make_staff(is_superuser=True))
    problem = feedback[-1]

    response = client.post(
        reverse("admin:portal_pagefeedback_delete", args=[problem.pk]), {"post": "yes"}
    )

    assert response.status_code == 302
    assert not PageFeedback.objects.filter(pk=problem.pk).exists()
