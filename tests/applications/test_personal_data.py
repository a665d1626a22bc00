import pytest

from applications.personal_data import export
from applications.services import application_change_status
from tests.factories import make_inquiry

pytestmark = pytest.mark.django_db


def test_export_has_my_cases_and_their_history_but_no_internal_notes(
    citizen, other_citizen, caseworker, make_application
):
    application = make_application(applicant=citizen)
    application_change_status(
        application=application,
        to_status="received",
        by=caseworker,
        note_to_citizen="Complete.",
        internal_note="Secret desk note.",
    )
    make_inquiry(author=citizen, answered_by=caseworker, answer="Open at nine.")
    make_application(applicant=other_citizen)

    data = export(citizen)

    assert [a["reference"] for a in data["applications"]] == [application.reference]
    assert data["applications"][0]["status"] == "Received"
    assert data["applications"][0]["history"][-1] == {
        "from": "Submitted",
        "to": "Received",
        "note_to_citizen": "Complete.",
        "changed_at": application.history.last().changed_at.isoformat(),
        "files": [],
    }
    assert data["inquiries"][0]["answer"] == "Open at nine."
    assert "Secret desk note." not in str(data)
    assert caseworker.email not in str(data)


def test_the_export_names_a_status_retired_since_its_history_row_was_written(
    citizen, caseworker, make_application
):
    application = make_application(applicant=citizen)
    application.history.create(from_status="submitted", to_status="on_hold", changed_by=caseworker)

    history = export(citizen)["applications"][0]["history"]

    assert [(row["from"], row["to"]) for row in history] == [
        ("", "Submitted"),
        ("Submitted", "On hold"),
    ]
