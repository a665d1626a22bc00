"""The new pages run the same number of queries with few and with many questions, answers,
files, drafts and replies."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from applications.services import (
    application_change_status,
    application_reply,
    application_submit,
    draft_save_page,
    inquiry_answer,
    inquiry_follow_up,
)
from applications.uploads import check_upload
from tests.factories import PDF_BYTES, make_inquiry, make_service, upload
from tests.staff import sign_in_with_two_factors

pytestmark = pytest.mark.django_db

KINDS = ["short_text", "number", "choices", "yes_no", "file"]


def queries_for(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(context.captured_queries)


def service_asking(slug, *, pages, per_page):
    """A service whose every page asks per_page questions, of every kind in turn."""
    questions = []
    for page in range(1, pages + 1):
        for position in range(per_page):
            kind = KINDS[(page + position) % len(KINDS)]
            questions.append(
                {
                    "page": page,
                    "position": position,
                    "page_heading": "A page" if position == 0 else "",
                    "label": f"Question {page}.{position}",
                    "kind": kind,
                    "required": False,
                    "options": "One\nTwo" if kind == "choices" else "",
                }
            )
    return make_service(slug=slug, processing_days=5, questions=questions)


def answers_for(service):
    answers, uploads = {}, {}
    for question in service.questions.all():
        if question.kind == "file":
            uploads[question.key] = [check_upload(upload("a.pdf", PDF_BYTES))]
        else:
            answers[question.key] = {"number": "3", "choices": ["One"], "yes_no": "yes"}.get(
                question.kind, "text"
            )
    return answers, uploads


def test_question_pages_and_check_answers_cost_the_same_with_few_and_many_questions(
    client, citizen
):
    costs = []
    # Each page asks every kind of question: a page with a file question reads its files.
    for slug, pages, per_page in [("few", 1, len(KINDS)), ("many", 6, 10)]:
        service = service_asking(slug, pages=pages, per_page=per_page)
        answers, uploads = answers_for(service)
        client.force_login(citizen)
        draft_save_page(applicant=citizen, service=service, answers=answers, uploads=uploads)
        client.get(service.get_absolute_url())  # the shared parts of the page are cached
        costs.append(
            [
                queries_for(client, service.get_absolute_url()),
                queries_for(client, reverse("applications:application_page", args=[slug, 1])),
                queries_for(client, reverse("applications:application_check", args=[slug])),
            ]
        )

    assert costs[0] == costs[1]


def test_my_applications_costs_the_same_with_one_draft_and_many(client, citizen):
    client.force_login(citizen)
    url = reverse("applications:application_list")
    services = [service_asking(f"service-{n}", pages=1, per_page=1) for n in range(12)]
    draft_save_page(applicant=citizen, service=services[0], answers={}, uploads={})
    client.get(url)
    few = queries_for(client, url)

    for service in services[1:]:
        draft_save_page(applicant=citizen, service=service, answers={}, uploads={})

    assert queries_for(client, url) == few


def sent_application(citizen, caseworker, service, replies):
    answers, uploads = answers_for(service)
    application = application_submit(
        applicant=citizen, service=service, answers=answers, uploads=uploads
    )
    application_change_status(application=application, to_status="received", by=caseworker)
    for _ in range(replies):
        application_change_status(
            application=application, to_status="action_required", by=caseworker
        )
        application_reply(
            application=application,
            by=citizen,
            message="Here it is.",
            uploads=[check_upload(upload("b.pdf", PDF_BYTES))],
        )
    application_change_status(application=application, to_status="action_required", by=caseworker)
    return application


def test_an_application_costs_the_same_with_few_and_many_answers_files_and_replies(
    client, citizen, caseworker
):
    few = sent_application(citizen, caseworker, service_asking("few", pages=1, per_page=1), 0)
    many = sent_application(citizen, caseworker, service_asking("many", pages=6, per_page=8), 6)
    client.force_login(citizen)
    citizen_pages = [queries_for(client, a.get_absolute_url()) for a in (few, many)]
    sign_in_with_two_factors(client, caseworker)
    admin_pages = [
        queries_for(client, reverse("admin:applications_application_change", args=[a.pk]))
        for a in (few, many)
    ]

    assert citizen_pages[0] == citizen_pages[1]
    assert admin_pages[0] == admin_pages[1]


def test_an_inquiry_with_files_and_a_follow_up_costs_the_same_as_a_plain_one(
    client, citizen, caseworker
):
    plain = make_inquiry(author=citizen, answered_by=caseworker, answer="Yes.")
    full = make_inquiry(
        author=citizen,
        subject="Files",
        message="See the files.",
        attachments=[check_upload(upload(f"{n}.pdf", PDF_BYTES)) for n in range(5)],
        answered_by=caseworker,
        answer="Yes.",
    )
    inquiry_follow_up(
        inquiry=full,
        by=citizen,
        question="And?",
        uploads=[check_upload(upload(f"f{n}.pdf", PDF_BYTES)) for n in range(3)],
    )
    inquiry_answer(inquiry=full, answer="Also yes.", by=caseworker)
    client.force_login(citizen)

    assert queries_for(client, plain.get_absolute_url()) == queries_for(
        client, full.get_absolute_url()
    )
