""" "Is this page useful?", "No" and what was missing, and "Report a problem with this page": each
answer is stored with the page's address and nothing about who gave it; one answer per visitor
and page a day; every address has a rate limit."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from portal.models import PageFeedback, PageFeedbackTally
from portal.services import VOTE_WINDOW_SECONDS
from tests.html import (
    buttons,
    errors,
    field_by_label,
    fields,
    h1,
    links,
    messages,
    select,
    texts_of,
    title,
)

pytestmark = pytest.mark.django_db

USEFUL_URL = reverse("feedback_useful")
REPORT_URL = reverse("feedback_report")
ADDRESS = "203.0.113.9"
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0"


def answer(client, path, useful, *, address=ADDRESS, browser=BROWSER, follow=True):
    """Press Yes or No on a page, as the browser sends it from the portal's own page."""
    return client.post(
        USEFUL_URL,
        {"page": path, "useful": useful},
        headers={"Sec-Fetch-Site": "same-origin", "User-Agent": browser},
        REMOTE_ADDR=address,
        follow=follow,
    )


def report(client, path, *, what_doing="", what_wrong="", follow=True):
    return client.post(
        REPORT_URL,
        {"page": path, "what_doing": what_doing, "what_wrong": what_wrong},
        REMOTE_ADDR=ADDRESS,
        follow=follow,
    )


def stored():
    return list(PageFeedback.objects.order_by("pk").values_list("path", "kind"))


def breadcrumbs(response):
    return texts_of(response, 'nav[aria-label="Breadcrumb"] li')


def said_in_place_of_the_question(response):
    """What the page says where it asked "Is this page useful?", nothing of it at the top."""
    assert messages(response) == []
    return texts_of(response, "#page-feedback [role]")


def test_yes_is_stored_with_the_page_and_thanked_for_where_it_was_asked(client):
    response = answer(client, "/news/", "yes")

    assert response.redirect_chain == [("/news/#page-feedback", 302)]
    assert said_in_place_of_the_question(response) == ["Thank you for your feedback."]
    assert "Yes this page is useful" not in buttons(response)
    assert "Report a problem with this page" in links(response)
    assert stored() == [("/news/", "useful")]
    # Shown once: the page asks again when it is next opened.
    assert "Yes this page is useful" in buttons(client.get("/news/"))


def test_an_answer_keeps_nothing_about_who_gave_it(client):
    answer(client, "/faq/", "no")

    feedback = PageFeedback.objects.get()
    kept = {field.attname: getattr(feedback, field.attname) for field in feedback._meta.fields}
    assert set(kept) == {
        "id", "path", "kind", "what_missing", "what_doing", "what_wrong", "created_at",
    }  # fmt: skip
    assert ADDRESS not in str(kept)
    assert BROWSER not in str(kept)
    [tally] = PageFeedbackTally.objects.all()
    assert ADDRESS not in tally.fingerprint
    assert BROWSER not in tally.fingerprint


@pytest.mark.parametrize(
    ("headers", "status", "answers"),
    [
        ({"Sec-Fetch-Site": "same-origin"}, 302, 1),
        ({"Origin": "http://testserver"}, 302, 1),
        ({"Sec-Fetch-Site": "cross-site"}, 403, 0),
        ({"Origin": "https://elsewhere.example"}, 403, 0),
        ({}, 403, 0),
    ],
    ids=["from the page", "same origin", "from another site", "another origin", "no headers"],
)
def test_answers_from_the_cached_page_need_no_token_but_must_come_from_the_portal(
    headers, status, answers
):
    browser = Client(enforce_csrf_checks=True)
    cached = browser.get("/faq/")
    assert "Yes this page is useful" in buttons(cached)
    assert "csrfmiddlewaretoken" not in fields(cached)
    assert cached["Cache-Control"].startswith("public")

    response = browser.post(USEFUL_URL, {"page": "/faq/", "useful": "yes"}, headers=headers)

    assert response.status_code == status
    assert PageFeedback.objects.count() == answers


def test_answers_are_posted_never_fetched(client):
    assert client.get(USEFUL_URL, {"page": "/faq/", "useful": "yes"}).status_code == 405
    assert not PageFeedback.objects.exists()


def test_neither_yes_nor_no_stores_nothing_and_says_why(client):
    response = answer(client, "/faq/", "maybe")

    assert response.redirect_chain == [("/faq/#page-feedback", 302)]
    assert said_in_place_of_the_question(response) == [
        "Choose Yes or No to tell us whether this page is useful."
    ]
    assert "Yes this page is useful" in buttons(response)
    assert not PageFeedback.objects.exists()


@pytest.mark.parametrize(
    "path",
    [
        "/no-such-page/",
        "/applications/",  # needs signing in: a person's own cases
        "/inquiries/12345678/",
        "/account/",
        "/admin/",
        "/accounts/confirm-email/a-one-time-key/",  # a key in the address
        "/feedback/report/",
        "//elsewhere.example/",
        "https://elsewhere.example/",
        "/faq/?q=my name",
        "faq/",
        "",
    ],
)
def test_only_pages_that_ask_take_answers_and_reports(client, path):
    assert answer(client, path, "yes").status_code == 404
    assert report(client, path, what_wrong="Broken").status_code == 404
    assert client.get(REPORT_URL, {"page": path}).status_code == 404
    assert not PageFeedback.objects.exists()


def test_a_visitor_answers_once_per_page(client):
    answer(client, "/faq/", "yes")

    again = answer(client, "/faq/", "no")

    assert again.redirect_chain == [("/faq/#page-feedback", 302)]
    assert said_in_place_of_the_question(again) == ["Thank you, you have already told us."]
    assert stored() == [("/faq/", "useful")]


def test_another_page_another_address_or_another_browser_counts_apart(client):
    answer(client, "/faq/", "yes")

    answer(client, "/news/", "yes")
    answer(client, "/faq/", "yes", address="198.51.100.7")
    answer(client, "/faq/", "yes", browser="Mozilla/5.0 (iPhone) Safari/604.1")

    assert sorted(stored()) == [("/faq/", "useful")] * 3 + [("/news/", "useful")]


def test_a_visitor_may_answer_again_the_next_day(client):
    answer(client, "/faq/", "yes")
    PageFeedbackTally.objects.update(
        window_started_at=timezone.now() - timedelta(seconds=VOTE_WINDOW_SECONDS + 1)
    )

    answer(client, "/faq/", "no", follow=False)

    assert stored() == [("/faq/", "useful"), ("/faq/", "not_useful")]
    assert PageFeedbackTally.objects.count() == 1  # the old window is forgotten


def test_an_address_that_sends_too_much_is_asked_to_wait(client):
    pages = ["/", "/news/", "/faq/", "/services/", "/status/", "/answers/", "/search/"]
    pages += ["/contact/", "/privacy/", "/accessibility/"]
    for path in pages:  # ten a minute
        answer(client, path, "yes")

    refused = answer(client, "/status/applications/", "yes")
    reported = report(client, "/status/applications/", what_wrong="The list is empty.")

    assert said_in_place_of_the_question(refused) == [
        "You have sent us a lot of feedback in a short time. Thank you: please try again later."
    ]
    assert errors(reported).summary == [
        "You have sent us a lot of feedback in a short time. Thank you: please try again later."
    ]
    assert field_by_label(reported, "What went wrong?").text.strip() == "The list is empty."
    assert len(stored()) == 10
    # Another address is not held back.
    answer(client, "/status/applications/", "yes", address="198.51.100.7", follow=False)
    assert len(stored()) == 11


def test_no_asks_what_was_missing_and_offers_to_ask_a_question(client):
    response = answer(client, "/news/", "no")

    [(missing_url, _)] = response.redirect_chain
    assert missing_url.startswith(reverse("feedback_missing"))
    assert messages(response) == ["Thank you for your feedback."]
    assert h1(response) == "Help us improve this page"
    assert breadcrumbs(response) == ["Home", "Help us improve this page"]
    assert "Do not include personal details" in texts_of(response, "main p")[1]
    assert field_by_label(response, "What was missing?")["name"] == "what_missing"
    assert links(response)["ask us a question"] == reverse("applications:inquiry_create")
    assert links(response)["Go back to the page"] == "/news/"
    assert stored() == [("/news/", "not_useful")]

    sent = client.post(missing_url, {"what_missing": "When the ferry runs."}, follow=True)

    assert sent.redirect_chain == [(f"{reverse('feedback_sent')}?page=%2Fnews%2F", 302)]
    assert h1(sent) == "Thank you for your feedback"
    assert breadcrumbs(sent) == ["Home", "Thank you for your feedback"]
    assert links(sent)["Go back to the page you were on"] == "/news/"
    feedback = PageFeedback.objects.get()
    assert (feedback.kind, feedback.what_missing) == ("not_useful", "When the ferry runs.")


def test_what_was_missing_is_added_once(client):
    missing_url = answer(client, "/news/", "no").redirect_chain[0][0]
    client.post(missing_url, {"what_missing": "Ferry times."})

    again = client.post(missing_url, {"what_missing": "Something else."}, follow=True)

    assert again.redirect_chain[-1][0] == "/news/#page-feedback"
    assert said_in_place_of_the_question(again) == ["Thank you, you have already told us."]
    assert PageFeedback.objects.get().what_missing == "Ferry times."


def test_what_was_missing_needs_words_and_says_so(client):
    missing_url = answer(client, "/news/", "no").redirect_chain[0][0]

    response = client.post(missing_url, {"what_missing": "  "})

    assert title(response).startswith("Error: ")
    assert errors(response).fields == {"what_missing": ["Enter what was missing from the page"]}


@pytest.mark.parametrize("token", ["", "1", "MQ:forged:signature"])
def test_only_the_visitor_who_said_no_can_add_to_it(client, token):
    answer(client, "/news/", "no")
    missing_url = f"{reverse('feedback_missing')}?answer={token}"

    assert client.get(missing_url).status_code == 404
    assert client.post(missing_url, {"what_missing": "Spam"}).status_code == 404
    assert PageFeedback.objects.get().what_missing == ""


def test_report_a_problem_is_a_page_of_its_own_that_says_not_to_include_personal_details(client):
    page = client.get("/services/")
    report_url = links(page)["Report a problem with this page"]
    assert report_url == f"{REPORT_URL}?page=/services/"

    response = client.get(report_url)

    assert h1(response) == "Report a problem with this page"
    assert breadcrumbs(response) == ["Home", "Report a problem with this page"]
    assert "Do not include personal details" in " ".join(texts_of(response, "main p"))
    assert field_by_label(response, "What were you doing? (optional)")["name"] == "what_doing"
    assert field_by_label(response, "What went wrong?")["name"] == "what_wrong"
    assert buttons(response)[-1] == "Send report"
    assert links(response)["Go back to the page"] == "/services/"
    assert "Is this page useful?" not in texts_of(response, "legend")


def test_a_report_is_stored_with_the_page_and_nothing_else(client):
    response = report(
        client,
        "/services/",
        what_doing="Looking for a parking permit",
        what_wrong="The link to the form is broken",
    )

    assert response.redirect_chain == [(f"{reverse('feedback_sent')}?page=%2Fservices%2F", 302)]
    assert h1(response) == "Thank you for your feedback"
    assert list(
        PageFeedback.objects.values_list("path", "kind", "what_doing", "what_wrong", "what_missing")
    ) == [
        (
            "/services/",
            "problem",
            "Looking for a parking permit",
            "The link to the form is broken",
            "",
        )
    ]


def test_a_report_says_what_went_wrong(client):
    response = report(client, "/services/", what_doing="x" * 1001)

    assert title(response).startswith("Error: ")
    assert errors(response).fields == {
        "what_doing": ["Write at most 1,000 characters: this has 1,001"],
        "what_wrong": ["Enter what went wrong"],
    }
    assert errors(response).summary_links == {
        "What were you doing? (optional): Write at most 1,000 characters: this has 1,001": (
            "#id_what_doing"
        ),
        "What went wrong? Enter what went wrong": "#id_what_wrong",
    }
    assert not PageFeedback.objects.exists()


def test_the_thank_you_page_links_back_only_to_a_page_of_the_portal(client):
    sent = client.get(reverse("feedback_sent"), {"page": "//elsewhere.example/"})

    assert h1(sent) == "Thank you for your feedback"
    assert "//elsewhere.example/" not in links(sent).values()
    assert links(sent)["Go to the home page"] == "/"


def test_search_words_never_reach_the_stored_address(client):
    page = client.get("/search/", {"q": "Li Na 13800138000"})

    assert links(page)["Report a problem with this page"] == f"{REPORT_URL}?page=/search/"
    assert [field["value"] for field in select(page, 'input[name="page"]')] == ["/search/"]
