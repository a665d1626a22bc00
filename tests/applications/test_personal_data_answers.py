"""What "Download my data" holds: each application's answers with the questions as asked, and
the drafts not sent yet."""

import pytest

from applications.models import Question
from applications.personal_data import export
from applications.services import draft_save_page
from applications.uploads import check_upload

from .conftest import PDF_BYTES, upload

pytestmark = pytest.mark.django_db


def test_answers_files_and_drafts_are_in_my_data(citizen, service, submit_application):
    submit_application(
        citizen, details="Renew it.", attachments=[check_upload(upload("scan.pdf", PDF_BYTES))]
    )
    Question.objects.create(service=service, page=1, label="Passport number", kind="short_text")
    Question.objects.create(service=service, page=2, label="Expiry", kind="date")
    draft_save_page(applicant=citizen, service=service, answers={}, uploads={})
    draft = citizen.drafts.get()
    draft.answers = {str(service.questions.get(label="Expiry").pk): "2030-12-20"}
    draft.save()

    data = export(citizen)

    [sent] = data["applications"]
    assert sent["answers"] == [
        {"question": "What are you asking for, and why?", "answer": "Renew it."},
        {
            "question": "Supporting documents (optional)",
            "answer": [{"name": "scan.pdf", "size": len(PDF_BYTES)}],
        },
    ]
    assert data["drafts"] == [
        {
            "service": "Residence permit renewal",
            "updated_at": draft.updated_at.isoformat(),
            "deleted_after": draft.expires_at.isoformat(),
            "answers": [{"question": "Expiry", "answer": "20 December 2030"}],
        }
    ]
