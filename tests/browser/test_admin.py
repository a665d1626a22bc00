"""The admin pages staff use every day, checked with axe-core as an editor and as a caseworker,
each signed in with two factors."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.core.files.base import ContentFile
from django.test import Client
from django.utils import timezone

from applications.models import Service
from applications.services import inquiry_submit
from faq.models import Question, Topic
from news.models import Article, Channel
from news.services import article_save
from tests.browser.sessions import context_with_session_of
from tests.factories import make_application, make_staff, make_user
from tests.images import image_bytes
from tests.staff import sign_in_with_two_factors

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def file_roots(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.APPLICATIONS_ATTACHMENT_ROOT = tmp_path / "attachments"


def staff_with_permissions_of(email, app_labels):
    """A member of staff with two factors set up, allowed what the apps' pages need. The groups
    come from data migrations, which an earlier transactional test may have emptied."""
    user = make_staff(email=email)
    user.user_permissions.set(Permission.objects.filter(content_type__app_label__in=app_labels))
    return user


def staff_context(browser, live_server, user):
    client = Client()
    sign_in_with_two_factors(client, user)
    return context_with_session_of(client, browser, live_server)


@pytest.fixture
def article(db):
    channel = Channel.objects.create(name="Government News", slug="government-news", position=1)
    article = Article(
        title="Ferry timetable changes",
        slug="ferry-timetable-changes",
        channel=channel,
        summary="Ferries run later from Monday.",
        body="<h2>New times</h2><p>Until 23:00.</p>",
        status=Article.Status.PUBLISHED,
        publish_at=timezone.now() + timedelta(days=2),
        image=ContentFile(image_bytes(), name="ferry.jpg"),
        image_alt="A ferry at the pier",
    )
    return article_save(article=article, by=None)


@pytest.fixture
def question(db):
    topic = Topic.objects.create(name="Getting around", slug="getting-around", position=1)
    return Question.objects.create(
        topic=topic,
        question="Is the ferry free?",
        slug="is-the-ferry-free",
        answer="<p>No: a single trip costs 2 yuan.</p>",
    )


@pytest.fixture
def cases(db):
    citizen = make_user(email="li.na@example.com", full_name="Li Na", contact_language="zh-hans")
    service = Service.objects.create(
        name="Street event permit",
        slug="street-event-permit",
        summary="Hold a market or festival on a public street.",
        description="Needed for any event that closes a street to traffic.",
        processing_days=10,
    )
    application = make_application(
        applicant=citizen, service=service, details="A night market on Fuxing Road."
    )
    inquiry = inquiry_submit(
        author=citizen, subject="Library opening hours", message="When is it open on holidays?"
    )
    return application, inquiry


def violations_on(context, live_server, axe_violations, paths):
    """Each page's violations, for the pages that have any."""
    page = context.new_page()
    found = {}
    for path in paths:
        response = page.goto(f"{live_server.url}{path}")
        assert response.status == 200, path
        if violations := axe_violations(page):
            found[path] = violations
    return found


def test_the_pages_an_editor_uses(browser, live_server, axe_violations, article, question):
    editor = staff_with_permissions_of("editor@city.example", ["news", "faq"])
    context = staff_context(browser, live_server, editor)

    found = violations_on(
        context,
        live_server,
        axe_violations,
        [
            "/admin/",
            "/admin/news/article/",
            "/admin/news/article/add/",
            f"/admin/news/article/{article.pk}/change/",
            "/admin/faq/question/",
            "/admin/faq/question/add/",
            f"/admin/faq/question/{question.pk}/change/",
            f"/admin/faq/question/{question.pk}/preview/",
        ],
    )

    assert found == {}
    context.close()


def test_the_pages_a_caseworker_uses(browser, live_server, axe_violations, cases):
    application, inquiry = cases
    caseworker = staff_with_permissions_of("caseworker@city.example", ["applications"])
    context = staff_context(browser, live_server, caseworker)

    found = violations_on(
        context,
        live_server,
        axe_violations,
        [
            "/admin/",
            "/admin/applications/application/",
            "/admin/applications/inquiry/",
            f"/admin/applications/application/{application.pk}/change/",
            f"/admin/applications/application/{application.pk}/status/",
            f"/admin/applications/inquiry/{inquiry.pk}/change/",
            f"/admin/applications/inquiry/{inquiry.pk}/status/",
        ],
    )

    assert found == {}
    context.close()
