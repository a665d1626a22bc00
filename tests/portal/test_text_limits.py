"""Every box of text with a limit says how much it takes, under the box and in its description:
without scripts, that is all a person learns before sending too much."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from applications.models import Question, Service
from applications.questions import QuestionPageForm, question_pages
from portal.feedback import page_for_feedback
from portal.forms import ProblemReportForm
from tests.factories import ask_the_citizen, make_inquiry
from tests.html import hint

pytestmark = pytest.mark.django_db

LIMIT_SAID = "You can enter up to {} characters"


def test_the_reply_to_a_caseworker_says_its_limit(client, citizen, caseworker, make_application):
    waiting = ask_the_citizen(make_application(applicant=citizen), by=caseworker)
    client.force_login(citizen)

    page = client.get(waiting.get_absolute_url())

    assert hint(page, "Your message").endswith(LIMIT_SAID.format("4,000"))


def test_a_follow_up_question_says_its_limit(client, citizen, caseworker):
    answered = make_inquiry(author=citizen, answered_by=caseworker, answer="From nine to nine.")
    client.force_login(citizen)

    page = client.get(answered.get_absolute_url())

    assert hint(page, "Your follow-up question").endswith(LIMIT_SAID.format("4,000"))


def test_the_reason_for_withdrawing_says_its_limit(client, citizen, make_application):
    application = make_application(applicant=citizen)
    client.force_login(citizen)

    page = client.get(reverse("applications:application_withdraw", args=[application.reference]))

    assert hint(page, "Why are you withdrawing? (optional)").endswith(LIMIT_SAID.format("2,000"))


def test_a_problem_report_says_its_limit(client):
    page = client.get(reverse("feedback_report"), {"page": "/"})

    assert hint(page, "What went wrong?").endswith(LIMIT_SAID.format("1,000"))


@pytest.mark.parametrize(("max_length", "said"), [(None, "5,000"), (600, "600")])
def test_a_long_answer_says_its_limit_and_a_short_one_its_box_alone(max_length, said):
    long = Question(kind=Question.Kind.LONG_TEXT, label="Describe the event", page=1, pk=1)
    long.max_length = max_length
    short = Question(kind=Question.Kind.SHORT_TEXT, label="Its name", page=1, pk=2)
    [page] = question_pages(Service(name="Street event permit"), [long, short])

    form = QuestionPageForm(page=page).as_div()

    assert hint(form, "Describe the event") == LIMIT_SAID.format(said)
    assert hint(form, "Its name") == ""


def test_the_scripts_messages_come_in_the_pages_language_and_are_asked_again_cheaply(client):
    with translation.override("zh-hans"):
        catalogue_url = reverse("javascript_catalog")
    assert catalogue_url == "/zh-hans/jsi18n/"

    with CaptureQueriesContext(connection) as queries:
        catalogue = client.get(catalogue_url)

    assert catalogue["Content-Type"].startswith("text/javascript")
    # The catalogue writes its messages as JSON, escaped.
    assert r"\u8fd8\u53ef\u4ee5\u8f93\u5165%(count)s\u4e2a\u5b57\u7b26" in catalogue.text
    assert len(queries) == 0
    again = client.get(catalogue_url, headers={"if-none-match": catalogue["ETag"]})
    assert again.status_code == 304
    assert page_for_feedback(catalogue_url) is None  # a script, not a page to ask about


def test_a_box_in_a_form_without_ids_is_shown_without_its_count():
    rendered = ProblemReportForm(auto_id=False).as_div()

    assert rendered.count("<textarea") == 2
    assert "character-count" not in rendered


def test_a_case_page_loads_the_counts_scripts_only_with_a_box_to_count(
    client, citizen, caseworker, make_application
):
    application = make_application(applicant=citizen)
    client.force_login(citizen)
    assert "/jsi18n/" not in client.get(application.get_absolute_url()).text

    ask_the_citizen(application, by=caseworker)

    assert "/jsi18n/" in client.get(application.get_absolute_url()).text
