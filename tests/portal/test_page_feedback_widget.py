""" "Is this page useful?" and "Report a problem with this page" at the foot of every page a
visitor can open without signing in, and nowhere else: not on a person's own pages (their
addresses hold case references), not where the address carries a one-time key, not in the admin,
not on error pages and not on the feedback pages themselves."""

import pytest
from django.urls import resolve, reverse

from portal.feedback import takes_page_feedback
from tests.factories import (
    PASSWORD,
    make_application,
    make_article,
    make_inquiry,
    make_question,
    make_service,
)
from tests.html import buttons, links, select, texts_of

pytestmark = pytest.mark.django_db

QUESTION = "Is this page useful?"
REPORT = "Report a problem with this page"


def asks(response):
    """Whether the page shows the question with its buttons and the report link."""
    legends = texts_of(response, "main legend")
    shown = QUESTION in legends
    if shown:
        assert {"Yes this page is useful", "No this page is not useful"} <= set(buttons(response))
        assert REPORT in links(response)
    else:
        assert REPORT not in links(response)
    return shown


def about(response):
    """The page the question and the report link say they are about."""
    [page] = [field["value"] for field in select(response, 'input[name="page"]')]
    assert links(response)[REPORT] == f"{reverse('feedback_report')}?page={page}"
    return page


@pytest.fixture
def content(channel, topic):
    article = make_article(channel=channel, slug="ferry-timetable")
    question = make_question(topic=topic, slug="english-city-map")
    return article, question


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/news/",
        "/news/government-news/",
        "/news/government-news/ferry-timetable/",
        "/faq/",
        "/faq/topics/getting-around/",
        "/faq/english-city-map/",
        "/search/",
        "/services/",
        "/status/",
        "/status/applications/",
        "/answers/",
        "/contact/",
        "/accessibility/",
        "/privacy/",
        "/accounts/login/",
        "/accounts/signup/",
        "/accounts/password/reset/",
    ],
)
def test_every_public_page_asks_about_itself(client, content, path):
    response = client.get(path)

    assert response.status_code == 200
    assert asks(response)
    assert about(response) == path


def test_a_page_of_results_asks_about_the_page_without_what_was_searched_for(client, content):
    response = client.get("/news/", {"page": "1"})

    assert about(response) == "/news/"


def test_the_question_comes_last_in_the_main_content(client, content):
    response = client.get("/faq/english-city-map/")

    main = select(response, "main")[0]
    last = main.find_all(recursive=False)[-1]
    assert QUESTION in texts_of(last, "legend")


def test_signed_in_people_are_asked_on_public_pages(client, citizen, content):
    client.force_login(citizen)

    assert asks(client.get("/news/"))
    assert asks(client.get("/faq/english-city-map/"))


def test_a_persons_own_pages_do_not_ask(client, citizen):
    service = make_service()
    application = make_application(applicant=citizen, service=service)
    inquiry = make_inquiry(author=citizen)
    client.force_login(citizen)

    for path in [
        "/applications/",
        application.get_absolute_url(),
        "/inquiries/",
        inquiry.get_absolute_url(),
        "/inquiries/new/",
        f"/services/{service.slug}/apply/",
        "/account/",
        "/account/details/",
        "/accounts/email/",
        "/accounts/password/change/",
    ]:
        response = client.get(path, follow=True)
        assert response.status_code == 200, path
        assert not asks(response), path


@pytest.mark.parametrize(
    "path",
    [
        "/accounts/confirm-email/a-one-time-key/",
        "/accounts/password/reset/key/1-a-one-time-key/",
    ],
)
def test_pages_whose_address_carries_a_key_do_not_ask(client, path):
    response = client.get(path, follow=True)

    assert response.status_code == 200
    assert not asks(response)


def test_error_pages_do_not_ask(client):
    not_found = client.get("/no-such-page/")
    refused = client.post(
        reverse("public:status_check"),
        {"reference": "12345678", "email": "a@example.com"},
        headers={"Sec-Fetch-Site": "cross-site"},
    )

    assert not_found.status_code == 404
    assert not asks(not_found)
    assert refused.status_code == 403
    assert not asks(refused)


def test_the_feedback_pages_do_not_ask(client):
    for path in [
        f"{reverse('feedback_report')}?page=/faq/",
        f"{reverse('feedback_sent')}?page=/faq/",
    ]:
        response = client.get(path)
        assert response.status_code == 200
        assert not asks(response)


def test_the_administration_does_not_ask():
    # Its preview of an FAQ answer is drawn with the public page's template.
    assert not takes_page_feedback(resolve("/admin/faq/question/1/preview/"))
    assert not takes_page_feedback(resolve("/admin/"))


MFA_PAGES = [
    "/accounts/2fa/",
    "/accounts/2fa/totp/activate/",
    "/accounts/2fa/recovery-codes/generate/",
]


@pytest.mark.parametrize("path", MFA_PAGES)
def test_the_two_factor_pages_do_not_ask(client, citizen, content, path):
    # Signed in through the form: the pages that ask for the password again take a recent
    # sign-in as that.
    client.post("/accounts/login/", {"login": citizen.email, "password": PASSWORD})

    response = client.get(path)

    assert response.status_code == 200
    assert not asks(response)
    assert not takes_page_feedback(resolve(path))
    assert asks(client.get("/news/"))
