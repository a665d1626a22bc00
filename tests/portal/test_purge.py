"""On several machines a change that anonymous visitors see retires every server process's page
copies within CHECK_SECONDS (portal.purge), through a generation number in the shared cache:
Redis there, the database cache here (the mechanism is the same)."""

from datetime import timedelta

import pytest
from django.core.cache import caches
from django.urls import reverse
from django.utils import timezone

from applications.services import application_change_status, inquiry_change_status
from news.models import Article
from portal import purge
from portal.models import SiteProfile
from tests.factories import (
    make_application,
    make_inquiry,
    make_public_service,
    make_question,
    make_service,
)
from tests.html import text

pytestmark = pytest.mark.django_db

NEWS = reverse("news:article_list")


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now

    def advance(self, seconds):
        self.now += seconds


@pytest.fixture
def clock(monkeypatch):
    clock = Clock()
    monkeypatch.setattr(purge, "clock", clock)
    return clock


@pytest.fixture
def shared(settings, monkeypatch, clock):
    """Page copies retired through the shared cache, as with REDIS_URL set; a process that has
    seen nothing yet."""
    settings.PAGE_GENERATION_CACHE = "default"
    monkeypatch.setattr(purge, "seen", purge.Seen())
    return caches["default"]


def generation(cache):
    return cache.get(purge.GENERATION_KEY)


def test_a_change_counts_once_it_is_committed(
    shared, make_article, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as committing:
        make_article(title="Night buses on the Bund")
        assert generation(shared) is None  # others could still read the old article

    for callback in committing:
        callback()
    assert generation(shared) == 1


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda make_article: make_article(), id="article published"),
        pytest.param(lambda make_article: make_article().delete(), id="article deleted"),
        pytest.param(lambda _: make_question(), id="FAQ"),
        pytest.param(lambda _: make_service(), id="service"),
        pytest.param(lambda _: SiteProfile(name="Riverside City Portal").save(), id="profile"),
    ],
)
def test_what_anonymous_visitors_see_retires_the_copies(
    shared, make_article, change, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        change(make_article)

    assert generation(shared) >= 1


def test_a_status_change_retires_the_copies_only_when_the_case_is_listed(
    shared, citizen, caseworker, django_capture_on_commit_callbacks
):
    listed = make_application(applicant=citizen, service=make_public_service())
    private = make_inquiry(author=citizen)
    shared.delete(purge.GENERATION_KEY)

    with django_capture_on_commit_callbacks(execute=True):
        inquiry_change_status(inquiry=private, to_status="processing", by=caseworker)
    assert generation(shared) is None

    with django_capture_on_commit_callbacks(execute=True):
        application_change_status(application=listed, to_status="received", by=caseworker)
    assert generation(shared) == 1


def test_a_change_on_another_server_shows_here_at_the_next_check(
    shared, client, clock, make_article
):
    article = make_article(title="Night buses on the Bund", days_ago=-1)  # scheduled
    client.get(NEWS)  # this process keeps the page without it
    # Another server publishes it: its commit, then the number it adds one to.
    Article.objects.filter(pk=article.pk).update(publish_at=timezone.now() - timedelta(hours=1))
    purge.next_generation()

    clock.advance(purge.CHECK_SECONDS - 0.1)
    assert "Night buses on the Bund" not in text(client.get(NEWS))
    clock.advance(0.1)
    assert "Night buses on the Bund" in text(client.get(NEWS))


def test_between_two_checks_a_request_reads_nothing_shared(
    shared, client, clock, django_assert_num_queries
):
    client.get(NEWS)

    with django_assert_num_queries(0):  # the database cache is read as a query
        for _ in range(10):
            clock.advance(purge.CHECK_SECONDS / 20)
            client.get(NEWS)
    clock.advance(purge.CHECK_SECONDS)
    with django_assert_num_queries(1):  # the number, unchanged: the copy is still good
        client.get(NEWS)


def test_on_one_machine_nothing_is_shared(
    settings, client, make_article, django_capture_on_commit_callbacks, django_assert_num_queries
):
    assert settings.PAGE_GENERATION_CACHE is None
    client.get(NEWS)

    with django_assert_num_queries(0):
        client.get(NEWS)
    with django_capture_on_commit_callbacks(execute=True):
        make_article()
    assert generation(caches["default"]) is None
