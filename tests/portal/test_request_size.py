"""A request body over the limit is refused with a clear 413 page before anything reads it."""

import pytest
from django.urls import reverse

from tests.factories import make_citizen
from tests.html import h1, links, main, text

pytestmark = pytest.mark.django_db

MB = 1024 * 1024


def post_claiming(client, url, length):
    # The body itself is small: if anything tried to read the length claimed, the test client
    # would fail, so a 413 here also shows that nothing read it.
    return client.post(url, {"login": "x"}, CONTENT_LENGTH=str(length))


def test_an_anonymous_200_mb_post_is_refused_unread(client):
    response = post_claiming(client, reverse("account_login"), 200 * MB)

    assert response.status_code == 413
    assert h1(response) == "What you sent is too large"


def test_anonymous_forms_are_held_to_a_small_size(client, settings):
    response = post_claiming(client, reverse("account_login"), 2 * MB)

    assert response.status_code == 413


def test_signed_in_people_may_send_more_than_anonymous_visitors_but_not_without_end(client, db):
    client.force_login(make_citizen())
    url = reverse("applications:inquiry_create")

    within = client.post(url, {"subject": "Large", "message": "x" * (2 * MB)})
    beyond = post_claiming(client, url, 33 * MB)

    assert within.status_code == 200
    assert "must be 4,000 characters or fewer" in within.content.decode()  # the form's answer
    assert beyond.status_code == 413


def test_staff_sending_too_large_a_photo_are_told_its_limit_and_led_back_to_the_admin(
    client, editor, settings
):
    client.force_login(editor)

    response = post_claiming(client, reverse("admin:news_article_add"), 40 * MB)

    assert response.status_code == 413
    assert settings.NEWS_MAX_IMAGE_BYTES == 10 * MB
    assert "A news article's photo may be at most 10 MB" in text(main(response))
    assert "each file sent to a citizen with a status change at most 5 MB" in text(main(response))
    assert "application" not in text(main(response))
    assert links(response)["Go to the administration's home page"] == reverse("admin:index")


def test_the_limit_is_above_the_largest_legitimate_upload(settings):
    attachments = settings.APPLICATIONS_MAX_ATTACHMENTS * settings.APPLICATIONS_MAX_ATTACHMENT_BYTES
    form_fields = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    assert attachments + form_fields < settings.PORTAL_MAX_REQUEST_BYTES
    assert settings.NEWS_MAX_IMAGE_BYTES + form_fields < settings.PORTAL_MAX_REQUEST_BYTES
