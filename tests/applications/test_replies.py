"""Replying when action is required: the citizen sends what the caseworker asked for, the case
goes back to the caseworkers, who find it in "Citizen replied" with the message and files."""

import pytest
from django.urls import reverse

from applications.models import Application
from applications.services import (
    TransitionRefused,
    application_change_status,
    application_reply,
)
from applications.statuses import ApplicationStatus
from applications.uploads import check_upload
from tests.factories import PDF_BYTES, ask_the_citizen, upload
from tests.html import (
    errors,
    fields,
    find,
    h1,
    headings,
    links,
    region,
    select,
    text,
    text_of,
    texts_of,
    title,
)
from tests.images import image_bytes
from tests.staff import sign_in_with_two_factors

pytestmark = pytest.mark.django_db

NOTE = "Please send a site plan that shows where the tables stand."


@pytest.fixture
def waiting(citizen, caseworker, make_application):
    """An application waiting for the citizen: "Action required" with the caseworker's note."""
    application = make_application(applicant=citizen)
    return ask_the_citizen(
        application,
        by=caseworker,
        note_to_citizen=NOTE,
        internal_note="Fire service asks for a 3.5 m lane.",
    )


def reply_url(application):
    return reverse("applications:application_reply", args=[application.reference])


def test_the_case_page_shows_what_was_asked_for_and_a_form_to_send_it(client, citizen, waiting):
    client.force_login(citizen)

    page = client.get(waiting.get_absolute_url())

    reply = region(page, "Send what was asked for")
    assert NOTE in text_of(reply, "div.inset-text")
    assert find(reply, "form")["action"] == reply_url(waiting)
    assert find(reply, "form")["enctype"] == "multipart/form-data"
    assert {"message", "attachments"} <= set(fields(page))
    assert "Fire service" not in text(page)


def test_a_reply_with_a_file_goes_back_to_the_caseworkers_with_history_and_a_receipt(
    client, citizen, caseworker, waiting, django_capture_on_commit_callbacks, delivered_mail
):
    client.force_login(citizen)
    delivered_mail().clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reply_url(waiting),
            {
                "message": "Here is the site plan, with a 4 m lane.",
                "attachments": [upload("site plan.pdf", PDF_BYTES)],
            },
            follow=True,
        )

    waiting.refresh_from_db()
    assert waiting.status == ApplicationStatus.RECEIVED
    change = waiting.history.last()
    assert (change.from_status, change.to_status, change.changed_by) == (
        "action_required",
        "received",
        citizen,
    )
    assert change.note_to_citizen == "Here is the site plan, with a 4 m lane."
    [attachment] = change.attachments.all()
    assert attachment.application == waiting
    assert attachment.original_name == "site plan.pdf"
    assert attachment.file.storage.exists(attachment.file.name)

    assert "We have received what you sent." in text_of(response, "div.messages")
    assert "Send what was asked for" not in headings(response)
    latest = find(response, "li.timeline__item")
    assert text_of(latest, "h3") == "Received"
    assert "You sent: Here is the site plan, with a 4 m lane." in text(latest)
    assert links(latest)["site plan.pdf"] == attachment.get_absolute_url()

    [receipt] = delivered_mail()
    assert receipt.to == [citizen.email]
    assert receipt.subject.startswith(
        f"We have received your reply about application {waiting.reference}"
    )
    assert "It is back with our caseworkers." in receipt.body
    assert "- site plan.pdf" in receipt.body

    # The caseworker finds it in the queue, newest reply first, and opens the file.
    sign_in_with_two_factors(client, caseworker)
    queue = client.get(
        reverse("admin:applications_application_changelist"), {"queue": "citizen_replied"}
    )
    assert texts_of(queue, "th.field-reference") == [waiting.reference]
    case_page = client.get(reverse("admin:applications_application_change", args=[waiting.pk]))
    assert "Here is the site plan, with a 4 m lane." in text(case_page)
    # The reply is in the history's column of what the citizen's page shows, not "note to".
    history_headings = [text(th) for th in select(case_page, "#history-group thead th")]
    assert "Note on the citizen's page" in history_headings
    assert not [heading for heading in history_headings if "to citizen" in heading.lower()]
    assert links(case_page)["site plan.pdf"] == attachment.get_absolute_url()
    download = client.get(attachment.get_absolute_url())
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF_BYTES


def test_the_queue_holds_only_replies_not_yet_moved_on_newest_first(
    citizen, caseworker, make_application
):
    def replied(message):
        application = make_application(applicant=citizen)
        for status in ["received", "action_required"]:
            application_change_status(application=application, to_status=status, by=caseworker)
        application_reply(application=application, by=citizen, message=message)
        return application

    first, second, moved_on = replied("One"), replied("Two"), replied("Three")
    application_change_status(application=moved_on, to_status="processing", by=caseworker)
    make_application(applicant=citizen)

    assert list(Application.objects.citizen_replied().order_by("-status_changed_at")) == [
        second,
        first,
    ]


def test_the_admin_lists_the_queue_newest_reply_first(
    client, citizen, caseworker, make_application
):
    older, newer = make_application(applicant=citizen), make_application(applicant=citizen)
    for application in [newer, older]:  # the older application replies last
        for status in ["received", "action_required"]:
            application_change_status(application=application, to_status=status, by=caseworker)
        application_reply(application=application, by=citizen, message="Sent.")
    sign_in_with_two_factors(client, caseworker)

    page = client.get(
        reverse("admin:applications_application_changelist"), {"queue": "citizen_replied"}
    )

    assert texts_of(page, "th.field-reference") == [
        older.reference,
        newer.reference,
    ]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"message": ""}, "Write a message or choose a file to send"),
        ({"message": "x" * 4001}, "Write at most 4,000 characters: this has 4,001"),
        ({"attachments": [upload("virus.pdf", b"MZ not a pdf")]}, "is not a PDF, JPEG or PNG"),
    ],
)
def test_a_bad_reply_is_shown_on_the_case_page_with_its_error_and_changes_nothing(
    client, citizen, waiting, data, message, delivered_mail
):
    client.force_login(citizen)
    delivered_mail().clear()

    response = client.post(reply_url(waiting), data)

    assert response.status_code == 200
    assert title(response).startswith("Error: ")
    assert h1(response) == f"Application {waiting.reference}"
    [(problem, href)] = errors(response).summary_links.items()
    assert message in problem
    assert href in {"#id_message", "#id_attachments"}
    waiting.refresh_from_db()
    assert waiting.status == ApplicationStatus.ACTION_REQUIRED
    assert not delivered_mail()


def test_a_photo_alone_is_a_reply(client, citizen, waiting):
    client.force_login(citizen)

    client.post(reply_url(waiting), {"attachments": [upload("plan.jpg", image_bytes())]})

    waiting.refresh_from_db()
    assert waiting.status == ApplicationStatus.RECEIVED
    assert waiting.history.last().attachments.get().content_type == "image/jpeg"


def test_nobody_else_can_reply_and_nothing_but_action_required_takes_a_reply(
    client, citizen, other_citizen, caseworker, waiting, make_application
):
    client.force_login(other_citizen)
    assert client.post(reply_url(waiting), {"message": "Me too"}).status_code == 404
    assert client.get(reply_url(waiting)).status_code == 404
    with pytest.raises(TransitionRefused):
        application_reply(application=waiting, by=other_citizen, message="Me too")

    processing = make_application(applicant=citizen)
    application_change_status(application=processing, to_status="received", by=caseworker)
    client.force_login(citizen)
    response = client.post(reply_url(processing), {"message": "Anything?"})
    assert response.url == processing.get_absolute_url()
    processing.refresh_from_db()
    assert processing.status == ApplicationStatus.RECEIVED
    assert processing.history.count() == 2
    with pytest.raises(TransitionRefused):
        application_reply(application=processing, by=citizen, message="Anything?")
    # Staff cannot use the citizen's transition either: the map says who may.
    with pytest.raises(TransitionRefused):
        application_change_status(application=waiting, to_status="received", by=caseworker)


def test_files_of_a_reply_that_fails_are_removed(citizen, waiting, attachment_root):
    waiting.status = ApplicationStatus.PROCESSING  # the page was open while a caseworker moved it
    Application.objects.filter(pk=waiting.pk).update(status=ApplicationStatus.PROCESSING)

    with pytest.raises(TransitionRefused):
        application_reply(
            application=waiting,
            by=citizen,
            message="Late",
            uploads=[check_upload(upload("late.pdf", PDF_BYTES))],
        )

    assert not any(path.is_file() for path in attachment_root.rglob("*"))
