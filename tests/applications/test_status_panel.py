import pytest
from django.utils.dateformat import format as format_date
from django.utils.timezone import localtime

from applications.services import application_change_status
from tests.factories import ask_the_citizen, make_inquiry
from tests.html import texts_of

pytestmark = pytest.mark.django_db


def status_panel(client, url):
    """The text of each heading and paragraph in the page's status panel."""
    return texts_of(client.get(url), ".status-panel h2, .status-panel p")


def test_an_open_application_says_where_it_stands_and_when_a_decision_is_due(
    client, citizen, make_application
):
    application = make_application(applicant=citizen)
    client.force_login(citizen)

    panel = status_panel(client, application.get_absolute_url())

    assert panel[0] == "Status: Submitted"
    assert panel[1] == application.explanation.meaning
    assert panel[2] == f"What happens next: {application.explanation.next_step}"
    assert (
        panel[3] == f"Decision expected by {format_date(localtime(application.due_at), 'j F Y')}."
    )


def test_an_application_waiting_for_its_citizen_gives_no_decision_date(
    client, citizen, caseworker, make_application, delivered_mail
):
    application = make_application(applicant=citizen)
    ask_the_citizen(application, by=caseworker, note_to_citizen="Send a copy of your lease.")
    client.force_login(citizen)

    panel = status_panel(client, application.get_absolute_url())
    [*_, update] = delivered_mail()

    assert "Your application is paused until then." in " ".join(panel)
    assert not [line for line in panel if line.startswith("Decision expected by")]
    assert "Decision expected by" not in update.body


def test_an_inquiry_says_where_it_stands_with_no_decision_date(client, citizen):
    inquiry = make_inquiry(author=citizen)
    client.force_login(citizen)

    panel = status_panel(client, inquiry.get_absolute_url())

    assert panel == [
        "Status: Received",
        inquiry.explanation.meaning,
        f"What happens next: {inquiry.explanation.next_step}",
    ]


def test_in_chinese_the_status_follows_its_full_width_colon_without_a_space(
    client, citizen, make_application
):
    application = make_application(applicant=citizen)
    client.force_login(citizen)

    panel = status_panel(client, f"/zh-hans{application.get_absolute_url()}")

    assert panel[0] == "状态：已提交"


@pytest.mark.parametrize(
    ("decision", "note"),
    [
        ("approved", "Collect your permit at the Huangpu service centre with your passport."),
        ("rejected", "The address is outside the resident parking zone."),
    ],
)
def test_a_decision_shows_the_caseworkers_note_under_the_status(
    client, citizen, caseworker, make_application, decision, note
):
    application = make_application(applicant=citizen)
    for status in ["received", "processing"]:
        application_change_status(application=application, to_status=status, by=caseworker)
    application_change_status(
        application=application, to_status=decision, by=caseworker, note_to_citizen=note
    )
    client.force_login(citizen)

    panel = status_panel(client, application.get_absolute_url())

    assert panel[2] == f"What happens next: {application.explanation.next_step}"
    assert panel[3].startswith("Your caseworker wrote on ")
    assert panel[4] == note


def test_a_case_on_its_way_shows_no_note_under_the_status(
    client, citizen, caseworker, make_application
):
    application = make_application(applicant=citizen)
    application_change_status(
        application=application,
        to_status="received",
        by=caseworker,
        note_to_citizen="Thank you, we have everything we need.",
    )
    client.force_login(citizen)

    panel = status_panel(client, application.get_absolute_url())

    assert not any(line.startswith("Your caseworker wrote") for line in panel)
