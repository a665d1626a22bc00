from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from applications.models import Application, Draft, Inquiry
from applications.services import application_change_status, inquiry_answer
from applications.statuses import ApplicationStatus
from portal.models import OutgoingEmail
from tests.factories import PDF_BYTES, make_inquiry, make_user, upload
from tests.html import (
    buttons,
    errors,
    field_by_label,
    h1,
    headings,
    hint,
    links,
    main,
    messages,
    region,
    select,
    text,
    text_of,
    texts_of,
)
from tests.images import image_bytes
from tests.staff import sign_in_with_two_factors

pytestmark = pytest.mark.django_db


def test_anonymous_visitors_are_sent_to_sign_in(client, citizen, make_application, service):
    application = make_application(applicant=citizen)
    pages = [
        reverse("applications:application_list"),
        application.get_absolute_url(),
        reverse("applications:application_withdraw", args=[application.reference]),
        reverse("applications:application_create", args=[service.slug]),
        reverse("applications:inquiry_list"),
        reverse("applications:inquiry_create"),
        reverse("applications:attachment_download", args=[application.reference, 1]),
    ]

    for page in pages:
        response = client.get(page)
        assert response.status_code == 302, page
        assert response["Location"].startswith(reverse("account_login") + "?next="), page


def test_a_user_without_a_verified_email_is_asked_to_verify_it(client):
    client.force_login(make_user(email="new@example.com"))

    response = client.get(reverse("applications:application_list"))

    assert response.status_code == 200
    assert h1(main(response)) == "Confirm your email address"
    assert "My applications" not in headings(response)


def test_someone_elses_application_inquiry_and_attachment_are_not_found(
    client, citizen, other_citizen, make_application
):
    application = make_application(
        applicant=citizen, attachments=[check(upload("scan.pdf", PDF_BYTES))]
    )
    inquiry = make_inquiry(author=citizen)
    attachment = application.attachments.get()
    client.force_login(other_citizen)

    for page in [
        application.get_absolute_url(),
        reverse("applications:application_submitted", args=[application.reference]),
        reverse("applications:application_withdraw", args=[application.reference]),
        attachment.get_absolute_url(),
        inquiry.get_absolute_url(),
    ]:
        assert client.get(page).status_code == 404, page
    assert (
        client.post(
            reverse("applications:application_withdraw", args=[application.reference])
        ).status_code
        == 404
    )
    assert Application.objects.get(pk=application.pk).status == ApplicationStatus.SUBMITTED


def first_page(service):
    return reverse("applications:application_page", args=[service.slug, 1])


def check(file):
    from applications.uploads import check_upload

    return check_upload(file)


def test_the_owner_and_caseworkers_download_an_attachment(
    client, citizen, caseworker, make_application
):
    application = make_application(
        applicant=citizen, attachments=[check(upload("scan.pdf", PDF_BYTES))]
    )
    url = application.attachments.get().get_absolute_url()

    client.force_login(citizen)
    owners = client.get(url)
    sign_in_with_two_factors(client, caseworker)
    caseworkers = client.get(url)

    for response in [owners, caseworkers]:
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == PDF_BYTES
        assert response["Content-Type"] == "application/pdf"
        assert 'attachment; filename="scan.pdf"' in response["Content-Disposition"]


def test_an_attachment_is_downloaded_under_the_name_it_was_sent_with(
    client, citizen, make_application
):
    application = make_application(
        applicant=citizen, attachments=[check(upload("site plan 现场.pdf", PDF_BYTES))]
    )
    client.force_login(citizen)

    response = client.get(application.attachments.get().get_absolute_url())

    assert response["Content-Disposition"] == (
        "attachment; filename*=utf-8''site%20plan%20%E7%8E%B0%E5%9C%BA.pdf"
    )


def test_attachments_are_not_stored_under_the_public_media_root(
    settings, citizen, make_application, attachment_root
):
    application = make_application(
        applicant=citizen, attachments=[check(upload("scan.pdf", PDF_BYTES))]
    )
    path = application.attachments.get().file.path

    assert path.startswith(str(attachment_root.resolve()))
    assert not path.startswith(str(settings.MEDIA_ROOT))


def test_a_citizen_applies_and_gets_a_reference_and_an_email(
    client, citizen, service, django_capture_on_commit_callbacks, delivered_mail
):
    client.force_login(citizen)
    photo = upload("photo.jpg", image_bytes(), "image/jpeg")

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            first_page(service),
            {"qdetails": "I need my permit renewed.", "qdocuments": [photo]},
        )
        response = client.post(
            reverse("applications:application_check", args=[service.slug]), follow=True
        )

    application = Application.objects.get()
    assert response.redirect_chain[-1][0] == reverse(
        "applications:application_submitted", args=[application.reference]
    )
    assert h1(response) == "Application submitted"
    assert text_of(response, ".confirmation-panel") == (
        f"Application submitted Your reference number {application.reference}"
    )
    assert application.attachments.get().original_name == "photo.jpg"
    assert len(delivered_mail()) == 1
    assert application.reference in delivered_mail()[0].subject
    assert delivered_mail()[0].to == [citizen.email]
    assert "http://testserver/applications/" in delivered_mail()[0].body


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"qdetails": ""}, "qdetails", "Enter an answer"),
        ({"qdetails": "x" * 5001}, "qdetails", "Enter 5,000 characters or fewer"),
        (
            {"qdetails": "ok", "qdocuments": [upload("virus.pdf", b"MZ\x90\x00 not a pdf")]},
            "qdocuments",
            "is not a PDF, JPEG or PNG file",
        ),
        (
            {"qdetails": "ok", "qdocuments": [upload("big.pdf", PDF_BYTES + b"0" * 6_000_000)]},
            "qdocuments",
            "must be 5.0 MB or smaller",
        ),
        (
            {
                "qdetails": "ok",
                "qdocuments": [upload(f"p{n}.pdf", PDF_BYTES) for n in range(6)],
            },
            "qdocuments",
            "Attach at most 5",
        ),
    ],
)
def test_bad_application_input_gives_a_field_error_and_saves_nothing(
    client, citizen, service, data, field, message, attachment_root
):
    client.force_login(citizen)

    response = client.post(first_page(service), data)

    assert response.status_code == 200
    problems = errors(response)
    assert message in " ".join(problems.fields[field])
    assert message in " ".join(problems.summary)
    assert not Application.objects.exists()
    assert not Draft.objects.exists()
    assert not OutgoingEmail.objects.exists()
    assert not attachment_root.exists() or not any(attachment_root.rglob("*.*"))


def test_a_closed_service_cannot_be_applied_for(client, citizen, service):
    service.is_open = False
    service.save()
    client.force_login(citizen)

    url = reverse("applications:application_create", args=[service.slug])
    assert client.get(url).status_code == 404
    assert client.post(url, {"details": "Please"}).status_code == 404
    assert not client.get(reverse("applications:service_list")).context["services"]


def test_my_applications_are_listed_newest_first_and_filtered_by_status(
    client, citizen, other_citizen, caseworker, make_application
):
    older = make_application(applicant=citizen)
    newer = make_application(applicant=citizen)
    make_application(applicant=other_citizen)
    application_change_status(application=older, to_status="received", by=caseworker)
    client.force_login(citizen)

    everything = client.get(reverse("applications:application_list"))
    received = client.get(reverse("applications:application_list"), {"status": "received"})

    assert list(everything.context["applications"]) == [newer, older]
    assert list(received.context["applications"]) == [older]
    assert (
        client.get(reverse("applications:application_list"), {"status": "bogus"}).status_code == 200
    )


def test_the_status_filter_shows_the_chosen_status_and_says_when_one_is_unknown(client, citizen):
    client.force_login(citizen)
    url = reverse("applications:application_list")

    chosen = field_by_label(client.get(url, {"status": "received"}), "Show")
    unknown = client.get(url, {"status": "bogus"})

    assert chosen.name == "select"
    assert chosen["name"] == "status"
    assert [option.get_text() for option in chosen.find_all("option")][:3] == [
        "All statuses",
        "Submitted",
        "Received",
    ]
    assert [option["value"] for option in chosen.find_all("option", selected=True)] == ["received"]
    assert errors(unknown).fields["status"] == [
        "Select a valid choice. bogus is not one of the available choices."
    ]
    assert hint(unknown, "Show") == (
        "Select a valid choice. bogus is not one of the available choices."
    )
    assert field_by_label(unknown, "Show")["aria-invalid"] == "true"


def test_the_detail_page_explains_the_status_and_shows_the_timeline(
    client, citizen, caseworker, make_application
):
    application = make_application(applicant=citizen)
    application_change_status(
        application=application,
        to_status="received",
        by=caseworker,
        note_to_citizen="All documents are here.",
        internal_note="Checked by the front desk, stamp 7.",
    )
    client.force_login(citizen)

    page = client.get(application.get_absolute_url())

    status = region(page, "Status: Received")
    assert "Your application is with our caseworkers" in text(status)
    assert "What happens next: It will be assigned to a caseworker" in text(status)
    assert texts_of(page, ".timeline__title") == ["Received", "Submitted"]
    assert texts_of(page, ".timeline__note") == ["All documents are here."]
    assert "stamp 7" not in text(page)
    assert links(page)["Withdraw application"] == reverse(
        "applications:application_withdraw", args=[application.reference]
    )


def test_a_citizen_withdraws_with_confirmation(
    client, citizen, make_application, django_capture_on_commit_callbacks, delivered_mail
):
    application = make_application(applicant=citizen)
    client.force_login(citizen)
    url = reverse("applications:application_withdraw", args=[application.reference])

    assert "Yes, withdraw my application" in buttons(client.get(url))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"reason": "I found another way."}, follow=True)

    application.refresh_from_db()
    assert application.status == ApplicationStatus.WITHDRAWN
    assert [message for message in messages(response) if "You withdrew application" in message]
    assert "Status: Withdrawn" in headings(response)
    assert "Withdraw application" not in links(response)
    assert "is now “Withdrawn”" in delivered_mail()[-1].subject


def test_withdrawing_twice_says_it_is_withdrawn_already_not_that_a_decision_is_made(
    client, citizen, make_application
):
    application = make_application(applicant=citizen)
    client.force_login(citizen)
    withdraw_url = reverse("applications:application_withdraw", args=[application.reference])
    client.post(withdraw_url, {"reason": ""})

    # Back to the form in another tab, sent again.
    response = client.post(withdraw_url, {"reason": ""}, follow=True)

    assert "You have already withdrawn this application." in messages(response)
    assert not [message for message in messages(response) if "decision" in message]
    assert application.history.filter(to_status=ApplicationStatus.WITHDRAWN).count() == 1


def test_a_decided_application_cannot_be_withdrawn(client, citizen, caseworker, make_application):
    application = make_application(applicant=citizen)
    for status in ["received", "processing", "approved"]:
        application_change_status(application=application, to_status=status, by=caseworker)
    client.force_login(citizen)

    response = client.post(
        reverse("applications:application_withdraw", args=[application.reference]), follow=True
    )

    application.refresh_from_db()
    assert application.status == ApplicationStatus.APPROVED
    assert [message for message in messages(response) if "can no longer be withdrawn" in message]


def test_a_citizen_sends_an_inquiry_and_later_reads_the_answer(
    client, citizen, caseworker, django_capture_on_commit_callbacks, delivered_mail
):
    client.force_login(citizen)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("applications:inquiry_create"),
            {"subject": "English map", "message": "Where can I get an English city map?"},
            follow=True,
        )
    inquiry = Inquiry.objects.get()
    assert h1(response) == f"Inquiry {inquiry.reference}"
    assert len(delivered_mail()) == 1

    with django_capture_on_commit_callbacks(execute=True):
        inquiry_answer(inquiry=inquiry, answer="At any visitor centre, free.", by=caseworker)

    page = client.get(inquiry.get_absolute_url())
    assert "Status: Answered" in headings(page)
    assert text(region(page, "Our answer")).endswith("At any visitor centre, free.")
    assert "At any visitor centre, free." in delivered_mail()[-1].body


def test_a_question_too_long_is_kept_and_said_to_be_too_long_not_cut_short(client, citizen):
    client.force_login(citizen)
    form_page = client.get(reverse("applications:inquiry_create"))
    # A box with maxlength would cut pasted text short without a word.
    assert [box.get("maxlength") for box in select(form_page, "textarea")] == [None]

    written = "Where can I park? " * 250  # 4,500 characters
    response = client.post(
        reverse("applications:inquiry_create"), {"subject": "Parking", "message": written}
    )

    assert errors(response).fields["message"] == [
        "Your question must be 4,000 characters or fewer."
    ]
    assert text_of(response, "textarea") == written.strip()
    assert not Inquiry.objects.exists()


def test_an_inquiry_sent_twice_is_kept_once_and_its_author_told(
    client, citizen, django_capture_on_commit_callbacks, delivered_mail
):
    client.force_login(citizen)
    sent = {"subject": "English map", "message": "Where can I get an English city map?"}
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("applications:inquiry_create"), sent, follow=True)

    # Back to the form, then Send again (or the same form sent from a second tab).
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("applications:inquiry_create"), sent, follow=True)

    inquiry = Inquiry.objects.get()
    assert h1(response) == f"Inquiry {inquiry.reference}"
    assert messages(response) == [
        f"You sent this inquiry already, as {inquiry.reference}. It was not sent again."
    ]
    assert len(delivered_mail()) == 1
    # Another question, or the same one asked again later, is a new inquiry.
    client.post(reverse("applications:inquiry_create"), {**sent, "subject": "City map"})
    Inquiry.objects.update(submitted_at=timezone.now() - timedelta(hours=2))
    client.post(reverse("applications:inquiry_create"), sent)
    assert Inquiry.objects.count() == 3


def test_the_receipt_of_an_inquiry_lists_the_files_sent_with_it(
    client, citizen, django_capture_on_commit_callbacks, delivered_mail
):
    client.force_login(citizen)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("applications:inquiry_create"),
            {
                "subject": "Noise at night",
                "message": "Building work goes on after 22:00; a recording is attached.",
                "attachments": [upload("street noise.pdf", PDF_BYTES)],
            },
        )

    [receipt] = delivered_mail()
    assert "Files you sent:\n- street noise.pdf\n" in receipt.body
    assert "street noise.pdf" in receipt.alternatives[0].content


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"subject": "", "message": "Hello"}, "subject", "Enter a subject for your question."),
        ({"subject": "Hi", "message": ""}, "message", "Enter your question."),
        (
            {"subject": "s" * 151, "message": "Hello"},
            "subject",
            "The subject must be 150 characters or fewer.",
        ),
        (
            {"subject": "Hi", "message": "m" * 4001},
            "message",
            "Your question must be 4,000 characters or fewer.",
        ),
    ],
)
def test_bad_inquiry_input_gives_a_field_error_and_saves_nothing(
    client, citizen, data, field, message
):
    client.force_login(citizen)

    response = client.post(reverse("applications:inquiry_create"), data)

    assert response.status_code == 200
    assert errors(response).fields[field] == [message]
    assert not Inquiry.objects.exists()


def test_the_inquiry_form_shows_the_length_limits(client, citizen):
    client.force_login(citizen)

    page = client.get(reverse("applications:inquiry_create"))

    assert "Up to 150 characters" in hint(page, "Subject")
    assert hint(page, "Your question").endswith("You can enter up to 4,000 characters")


def test_a_line_break_counts_as_one_character_as_the_page_counts_it(client, citizen):
    client.force_login(citizen)
    # Browsers send each line break of a box as two characters (CR LF).
    lines = ["Where can I park near the library on Sundays?"] * 86
    written = "\r\n".join(lines)
    assert len(written) == 4_040
    assert len("\n".join(lines)) == 3_955

    response = client.post(
        reverse("applications:inquiry_create"), {"subject": "Parking", "message": written}
    )

    assert errors(response).fields == {}
    assert Inquiry.objects.get().message == "\n".join(lines)


def test_staff_without_two_factor_authentication_cannot_download_others_attachments(
    client, citizen, make_application
):
    application = make_application(
        applicant=citizen, attachments=[check(upload("scan.pdf", PDF_BYTES))]
    )
    staff = make_user(email="new.staff@city.example", is_staff=True, is_superuser=True)
    client.force_login(staff)

    assert client.get(application.attachments.get().get_absolute_url()).status_code == 404


@pytest.mark.parametrize("lost", ["staff status", "two-factor sign-in"])
def test_a_caseworker_who_may_not_use_the_admin_cannot_download_attachments(
    client, citizen, caseworker, make_application, lost
):
    application = make_application(
        applicant=citizen, attachments=[check(upload("scan.pdf", PDF_BYTES))]
    )
    if lost == "staff status":
        sign_in_with_two_factors(client, caseworker)
        caseworker.is_staff = False
        caseworker.save()
    else:
        client.force_login(caseworker)

    response = client.get(application.attachments.get().get_absolute_url())

    assert response.status_code == 404


def test_a_person_may_send_ten_new_cases_an_hour(client, citizen, service):
    client.force_login(citizen)
    for number in range(10):
        sent = client.post(
            reverse("applications:inquiry_create"),
            {"subject": f"Question {number}", "message": "When?"},
        )
        assert sent.status_code == 302

    client.post(first_page(service), {"qdetails": "One more."})
    refused = client.post(reverse("applications:application_check", args=[service.slug]))

    assert refused.status_code == 200
    assert "the most we accept" in refused.content.decode()
    assert Inquiry.objects.count() == 10
    assert not Application.objects.exists()


def test_invalid_forms_do_not_count_towards_the_hourly_limit(client, citizen):
    client.force_login(citizen)
    for _ in range(12):
        client.post(reverse("applications:inquiry_create"), {"subject": "", "message": ""})

    sent = client.post(
        reverse("applications:inquiry_create"), {"subject": "Hours", "message": "When?"}
    )

    assert sent.status_code == 302
