"""The demo makes the home page's status boxes look like the city's front page."""

import pytest

from applications import demo
from applications.models import Application, Inquiry, PublishedAnswer

pytestmark = pytest.mark.django_db


def test_the_demo_lists_cases_in_several_statuses_and_publishes_answers():
    demo.seed(stdout=None, style=None)

    listed_applications = Application.objects.listed_publicly()
    assert listed_applications.count() >= 5
    assert {a.status for a in listed_applications} >= {
        "submitted",
        "received",
        "processing",
        "action_required",
        "approved",
        "rejected",
    }
    assert len({a.submitted_at.date() for a in listed_applications}) > 1
    assert Inquiry.objects.listed_publicly().count() >= 4
    assert PublishedAnswer.objects.count() == 2
    # The demo citizen's own cases stay private.
    citizen = demo.cases()["citizen"]["email"]
    assert not Application.objects.listed_publicly().filter(applicant__email=citizen).exists()
    assert not Inquiry.objects.listed_publicly().filter(author__email=citizen).exists()


def test_a_published_demo_answer_leaves_out_the_name_its_question_gave():
    demo.seed(stdout=None, style=None)

    published = PublishedAnswer.objects.get(
        inquiry__subject="Library opening hours at Spring Festival"
    )

    assert "He Jun" in published.inquiry.message
    assert "He Jun" not in published.question
