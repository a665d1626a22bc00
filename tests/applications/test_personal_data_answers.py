"""What "Download my data" holds: each application's answers with the questions as asked, the
files of replies and follow-ups, and the drafts not sent yet."""

import pytest

from applications.models import Question
from applications.personal_data import export
from applications.services import (
    application_change_status,
    application_reply,
    draft_save_page,
    inquiry_follow_up,
)
from applications.uploads import check_upload
from tests.factories import PDF_BYTES, make_inquiry, upload

pytestmark = pytest.mark.django_db


def test_answers_files_drafts_and_follow_ups_are_in_my_data(
    citizen, caseworker, service, make_application
):
    application = make_application(
        applicant=citizen,
        details="Renew it.",
        attachments=[check_upload(upload("scan.pdf", PDF_BYTES))],
    )
    for status in ["received", "action_required"]:
        application_change_status(application=application, to_status=status, by=caseworker)
    application_reply(
        application=application,
        by=citizen,
        message="The missing page.",
        uploads=[check_upload(upload("page.pdf", PDF_BYTES))],
    )
    Question.objects.create(service=service, page=1, label="Passport number", kind="short_text")
    Question.objects.create(service=service, page=2, label="Expiry", kind="date")
    draft_save_page(applicant=citizen, service=service, answers={}, uploads={})
    draft = citizen.drafts.get()
    draft.answers = {str(service.questions.get(label="Expiry").pk): "2030-12-20"}
    draft.save()
    inquiry = make_inquiry(author=citizen, answered_by=caseworker, answer="At nine.")
    inquiry_follow_up(inquiry=inquiry, by=citizen, question="On Sundays too?")

    data = export(citizen)

    [sent] = data["applications"]
    assert sent["answers"] == [
        {"question": "What are you asking for, and why?", "answer": "Renew it."},
        {
            "question": "Supporting documents (optional)",
            "answer": [{"name": "scan.pdf", "size": len(PDF_BYTES)}],
        },
    ]
    assert sent["history"][-1]["note_to_citizen"] == "The missing page."
    assert sent["history"][-1]["files"] == [{"name": "page.pdf", "size": len(PDF_BYTES)}]
    assert data["drafts"] == [
        {
            "service": "Residence permit renewal",
            "updated_at": draft.updated_at.isoformat(),
            "deleted_after": draft.expires_at.isoformat(),
            "answers": [{"question": "Expiry", "answer": "20 December 2030"}],
        }
    ]
    assert data["inquiries"][0]["follow_up"] == "On Sundays too?"
