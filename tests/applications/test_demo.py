import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from applications import demo
from applications.models import Application, Inquiry, Service
from applications.statuses import ApplicationStatus, InquiryStatus

pytestmark = pytest.mark.django_db

CITIZEN_EMAIL = demo.cases()["citizen"]["email"]


def test_the_demo_citizen_has_cases_in_several_statuses_with_histories():
    demo.seed(stdout=None, style=None)

    applications = Application.objects.filter(applicant__email=CITIZEN_EMAIL)
    assert Service.objects.open().count() == 5
    assert Service.objects.count() == 6
    assert {a.status for a in applications} == {
        "received",
        "processing",
        "action_required",
        "approved",
    }
    assert applications.get(status="approved").history.count() == 4
    # Every demo service asks questions of its own, and every demo application answers them.
    assert all(service.questions.exists() for service in Service.objects.all())
    assert all(a.answers.count() >= 4 for a in applications)
    assert {i.status for i in Inquiry.objects.all()} == {"answered", "processing", "received"}


def test_a_second_seed_writes_nothing():
    demo.seed(stdout=None, style=None)

    with CaptureQueriesContext(connection) as context:
        demo.seed(stdout=None, style=None)

    writes = [
        q["sql"]
        for q in context.captured_queries
        if q["sql"].startswith(("INSERT", "UPDATE", "DELETE"))
    ]
    assert writes == []


def test_the_seed_reports_what_it_added():
    lines = []

    class Out:
        def write(self, text):
            lines.append(text)

    demo.seed(stdout=Out(), style=None)

    assert lines == [
        (
            f"Applications: 6 services; 7 demo cases added for {CITIZEN_EMAIL}; "
            "12 listed publicly for other residents."
        )
    ]
    assert "password" not in " ".join(lines).lower()


def test_every_demo_case_has_the_fields_the_seed_reads_and_no_others():
    cases = demo.cases()
    services = {service["slug"] for service in demo.services()}
    assert cases["citizen"].keys() == cases["caseworker"].keys() == {"email", "full_name"}
    for application in cases["applications"]:
        required = {"service", "answers"}
        assert required <= application.keys() <= required | {"changes"}
        assert application["service"] in services
        for change in application.get("changes", []):
            if "reply" in change:
                assert change.keys() == {"reply"}
                assert change["reply"].keys() <= {"message", "files"}
                continue
            assert change.keys() <= {"status", "note_to_citizen", "internal_note"}
            assert change["status"] in ApplicationStatus.values
    for inquiry in cases["inquiries"]:
        required = {"subject", "message"}
        assert required <= inquiry.keys() <= required | {"changes", "answer"}
        assert set(inquiry.get("changes", [])) <= set(InquiryStatus.values)
