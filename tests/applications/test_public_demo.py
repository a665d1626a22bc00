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
    # One answered in Chinese, to a resident who asked in Chinese.
    assert sorted(PublishedAnswer.objects.values_list("language", flat=True)) == [
        "en",
        "en",
        "zh-hans",
    ]
    # The demo citizen's own cases stay private.
    citizen = demo.cases()["citizen"]["email"]
    assert not Application.objects.listed_publicly().filter(applicant__email=citizen).exists()
    assert not Inquiry.objects.listed_publicly().filter(author__email=citizen).exists()


@pytest.mark.parametrize(
    ("subject", "name"),
    [("Library opening hours at Spring Festival", "He Jun"), ("社区食堂的老人优惠", "林晓雨")],
)
def test_a_published_demo_answer_leaves_out_the_name_its_question_gave(subject, name):
    demo.seed(stdout=None, style=None)

    published = PublishedAnswer.objects.get(inquiry__subject=subject)

    assert name in published.inquiry.message
    assert name not in published.question
