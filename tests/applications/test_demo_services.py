"""The demo services ask real questions, made as staff would make them in the admin."""

import pytest

from applications import demo
from applications.models import Application, Draft, Question, Service

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(attachment_root):
    demo.seed(stdout=None, style=None)


def test_every_demo_question_is_one_the_admin_would_accept(seeded):
    for question in Question.objects.all():
        question.full_clean()
    assert set(Question.objects.values_list("kind", flat=True)) == set(Question.Kind.values)


def test_the_residence_permit_and_parking_permit_ask_what_they_need(seeded):
    def asked(slug):
        return {(q.label, q.kind) for q in Service.objects.get(slug=slug).questions.all()}

    assert {
        ("What is your passport number?", "short_text"),
        ("When does your current residence permit expire?", "date"),
        ("Address", "long_text"),
        ("Passport photo page", "file"),
    } <= asked("residence-permit-renewal")
    assert {
        ("What is your car's plate number?", "short_text"),
        ("Which district is your registered address in?", "choice"),
    } <= asked("resident-parking-permit")


def test_the_demo_citizen_has_a_draft_and_a_reply_waiting_for_a_caseworker(seeded):
    citizen_email = demo.cases()["citizen"]["email"]

    draft = Draft.objects.get(applicant__email=citizen_email)
    assert draft.service.slug == "residence-permit-renewal"
    [replied] = Application.objects.citizen_replied()
    assert replied.service.slug == "small-business-licence"
    assert replied.history.last().attachments.get().original_name == "lease-signed.pdf"
    permit = Application.objects.get(service__slug="residence-permit-renewal")
    assert permit.attachments.count() == 2
    assert permit.answers.get(question_text="District").value == "Jing'an"
