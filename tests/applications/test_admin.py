import re
from datetime import timedelta

import pytest
from django.contrib.admin import RelatedFieldListFilter
from django.contrib.admin.models import LogEntry
from django.contrib.admin.templatetags import admin_list
from django.contrib.admin.views.main import ChangeList
from django.core.paginator import EmptyPage
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from applications.admin.cases import ServiceFilter
from applications.admin.rows import result_rows
from applications.models import Application, Inquiry
from applications.services import (
    application_change_status,
    application_reply,
    inquiry_answer,
    inquiry_follow_up,
)
from applications.statuses import ApplicationStatus, InquiryStatus
from applications.templatetags import case_lists
from applications.uploads import check_upload
from portal.models import OutgoingEmail
from portal.pagination import LargeTablePaginator
from tests.factories import (
    PDF_BYTES,
    approve_with_a_permit,
    ask_the_citizen,
    make_inquiry,
    make_service,
    make_staff,
    make_user,
    upload,
)
from tests.html import (
    errors,
    field_by_label,
    fields,
    find,
    headings,
    hint,
    labels,
    links,
    main,
    messages,
    page,
    region,
    select,
    table,
    text,
    text_of,
    texts_of,
    title,
)
from tests.staff import sign_in_with_two_factors

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:applications_application_changelist")


def status_url(case):
    return reverse(f"admin:applications_{case._meta.model_name}_status", args=[case.pk])


def test_a_caseworker_changes_a_status_and_the_citizen_sees_it(
    client, citizen, caseworker, make_application
):
    application = make_application(applicant=citizen)
    application_change_status(application=application, to_status="received", by=caseworker)
    sign_in_with_two_factors(client, caseworker)

    form_page = client.get(status_url(application))
    response = client.post(
        status_url(application),
        {
            "to_status": "processing",
            "note_to_citizen": "An officer is reviewing your documents.",
            "internal_note": "Priority: expiring soon.",
        },
        follow=True,
    )

    assert labels(find(form_page, "#id_to_status")) == [
        "Processing",
        "Action required",
        "Approved",
        "Rejected",
    ]
    assert field_by_label(form_page, "Processing")["value"] == "processing"
    assert [message for message in messages(response) if "is now “Processing”" in message]
    application.refresh_from_db()
    assert application.status == ApplicationStatus.PROCESSING
    last = application.history.last()
    assert (last.changed_by, last.internal_note) == (caseworker, "Priority: expiring soon.")

    client.force_login(citizen)
    page = client.get(application.get_absolute_url())
    assert "Status: Processing" in headings(page)
    assert "An officer is reviewing your documents." in texts_of(page, ".timeline__note")
    assert "Priority" not in text(page)


def test_a_received_application_is_decided_at_once_with_one_email_to_its_citizen(
    client, citizen, caseworker, make_application, delivered_mail
):
    application = make_application(applicant=citizen)
    application_change_status(application=application, to_status="received", by=caseworker)
    sign_in_with_two_factors(client, caseworker)
    emails_before = len(delivered_mail())

    client.post(
        status_url(application),
        {"to_status": "approved", "note_to_citizen": "Collect your permit at the front desk."},
    )

    application.refresh_from_db()
    assert application.status == ApplicationStatus.APPROVED
    [decision] = delivered_mail()[emails_before:]
    assert decision.to == [citizen.email]
    assert "Collect your permit at the front desk." in decision.body
    assert application.history.last().from_status == "received"


def test_the_status_form_shows_the_citizens_reply_it_follows(
    client, citizen, caseworker, make_application, django_capture_on_commit_callbacks
):
    application = ask_the_citizen(
        make_application(applicant=citizen), by=caseworker, note_to_citizen="Send a site plan."
    )
    with django_capture_on_commit_callbacks(execute=True):
        application_reply(
            application=application,
            by=citizen,
            message="Here is the plan, with the fire lane.",
            uploads=[check_upload(upload("site plan.pdf", PDF_BYTES))],
        )
    [plan] = application.history.last().attachments.all()
    sign_in_with_two_factors(client, caseworker)

    reply = region(client.get(status_url(application)), "The citizen's reply")
    application_change_status(application=application, to_status="processing", by=caseworker)
    moved_on = client.get(status_url(application))

    assert "Here is the plan, with the fire lane." in text(reply)
    assert links(reply)["site plan.pdf"] == plan.get_absolute_url()
    assert "The citizen's reply" not in headings(moved_on)


def test_a_caseworker_sends_the_citizen_a_file_with_a_decision(
    client,
    citizen,
    caseworker,
    make_application,
    delivered_mail,
    django_capture_on_commit_callbacks,
):
    application = make_application(applicant=citizen)
    application_change_status(application=application, to_status="received", by=caseworker)
    sign_in_with_two_factors(client, caseworker)
    delivered_mail().clear()

    form_page = client.get(status_url(application))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            status_url(application),
            {
                "to_status": "approved",
                "note_to_citizen": "Your permit is attached. Keep it in the car.",
                "attachments": [upload("parking permit.pdf", PDF_BYTES)],
            },
        )

    assert find(form_page, "form[enctype]")["enctype"] == "multipart/form-data"
    assert "Files for the citizen (optional):" in labels(form_page)
    change = application.history.last()
    [permit] = change.attachments.all()
    assert (change.to_status, change.changed_by, permit.original_name) == (
        "approved",
        caseworker,
        "parking permit.pdf",
    )
    [decision] = delivered_mail()
    assert (
        "Files from the city, to download from the case page:\n- parking permit.pdf"
        in decision.body
    )
    case_page = client.get(reverse("admin:applications_application_change", args=[application.pk]))
    [sent_with] = texts_of(case_page, "#attachments-group td.field-sent_with")
    assert sent_with.startswith("Sent by the city on ")
    client.force_login(citizen)
    case_page = client.get(application.get_absolute_url())
    latest = find(case_page, "li.timeline__item")
    assert text_of(latest, "h3") == "Approved"
    assert links(latest)["parking permit.pdf"] == permit.get_absolute_url()
    # Beside the decision's note at the top of the page, too.
    status_panel = find(case_page, ".status-panel")
    assert links(status_panel)["parking permit.pdf"] == permit.get_absolute_url()
    download = client.get(permit.get_absolute_url())
    assert b"".join(download.streaming_content) == PDF_BYTES


def test_an_answer_goes_with_a_file(client, citizen, caseworker, delivered_mail, attachment_root):
    inquiry = make_inquiry(author=citizen, subject="English map of the city")
    sign_in_with_two_factors(client, caseworker)
    delivered_mail().clear()

    client.post(
        status_url(inquiry),
        {
            "to_status": "answered",
            "answer": "The map is attached; visitor centres hand it out too.",
            "attachments": [upload("city map.pdf", PDF_BYTES)],
        },
    )

    inquiry.refresh_from_db()
    assert inquiry.status == InquiryStatus.ANSWERED
    [map_file] = inquiry.history.last().attachments.all()
    assert map_file.original_name == "city map.pdf"
    client.force_login(citizen)
    answer_section = region(client.get(inquiry.get_absolute_url()), "Our answer")
    assert links(answer_section)["city map.pdf"] == map_file.get_absolute_url()
    [answer] = delivered_mail()
    assert "Files from the city, to download from the case page:\n- city map.pdf" in (answer.body)


def test_the_answer_to_a_follow_up_goes_with_its_own_file(client, citizen, caseworker):
    inquiry = make_inquiry(author=citizen, answered_by=caseworker)
    inquiry_follow_up(inquiry=inquiry, by=citizen, question="And on the third day?")
    inquiry_answer(
        inquiry=inquiry,
        answer="The timetable is attached.",
        by=caseworker,
        uploads=[check_upload(upload("timetable.pdf", PDF_BYTES))],
    )
    [timetable] = inquiry.history.last().attachments.all()
    client.force_login(citizen)

    page = client.get(inquiry.get_absolute_url())

    assert "timetable.pdf" not in links(region(page, "Our answer"))
    follow_up_answer = region(page, "Our answer to your follow-up question")
    assert links(follow_up_answer)["timetable.pdf"] == timetable.get_absolute_url()


def test_a_status_change_with_a_file_refused_changes_nothing(
    client, citizen, caseworker, make_application, delivered_mail, attachment_root
):
    application = make_application(applicant=citizen)
    application_change_status(application=application, to_status="received", by=caseworker)
    sign_in_with_two_factors(client, caseworker)
    delivered_mail().clear()
    history = application.history.count()

    response = client.post(
        status_url(application),
        {
            "to_status": "approved",
            "note_to_citizen": "Your permit is attached.",
            "attachments": [upload("permit.pdf", b"MZ\x90\x00 not a PDF at all")],
        },
    )

    assert response.status_code == 200
    assert list(errors(response).fields) == ["attachments"]
    application.refresh_from_db()
    assert application.status == ApplicationStatus.RECEIVED
    assert application.history.count() == history
    assert not delivered_mail()
    assert not any(path.is_file() for path in attachment_root.rglob("*"))


def test_the_files_of_a_status_change_that_fails_once_written_are_removed(
    citizen, caseworker, make_application, attachment_root, monkeypatch
):
    application = make_application(applicant=citizen)
    application_change_status(application=application, to_status="received", by=caseworker)

    def fails(**_email):
        raise OSError("the outbox could not be written")

    monkeypatch.setattr("applications.services.case_update_email_send", fails)
    with pytest.raises(OSError, match="outbox"):
        approve_with_a_permit(application, by=caseworker)

    application.refresh_from_db()
    assert application.status == ApplicationStatus.RECEIVED
    assert not application.attachments.exists()
    assert not any(path.is_file() for path in attachment_root.rglob("*"))


def test_a_transition_outside_the_map_is_refused_in_the_admin(
    client, citizen, caseworker, make_application
):
    application = make_application(applicant=citizen)
    sign_in_with_two_factors(client, caseworker)

    response = client.post(status_url(application), {"to_status": "approved"})

    assert response.status_code == 200
    assert response.context["form"].errors["to_status"]
    assert Application.objects.get(pk=application.pk).status == ApplicationStatus.SUBMITTED


@pytest.mark.parametrize(
    ("to_status", "message"),
    [
        ("action_required", "Write in the note to the citizen what they need to send us."),
        ("approved", "Write in the note to the citizen what they should do now."),
        ("rejected", "Write in the note to the citizen why the application was not approved."),
    ],
)
def test_a_status_whose_explanation_points_to_the_note_needs_one(
    client, citizen, caseworker, make_application, to_status, message
):
    application = make_application(applicant=citizen)
    for step in ["received", "processing"]:
        application_change_status(application=application, to_status=step, by=caseworker)
    sign_in_with_two_factors(client, caseworker)
    emails = OutgoingEmail.objects.count()

    response = client.post(
        status_url(application), {"to_status": to_status, "note_to_citizen": " "}
    )

    assert response.status_code == 200
    assert errors(response).fields == {"note_to_citizen": [message]}
    assert Application.objects.get(pk=application.pk).status == ApplicationStatus.PROCESSING
    assert OutgoingEmail.objects.count() == emails


def test_a_status_no_longer_offered_is_refused_in_words_and_the_choices_are_named(
    client, citizen, caseworker, make_application
):
    application = make_application(applicant=citizen)
    sign_in_with_two_factors(client, caseworker)
    form_page = client.get(status_url(application))
    application_change_status(application=application, to_status="received", by=caseworker)

    stale = client.post(status_url(application), {"to_status": "received"})
    missing = client.post(status_url(application), {"to_status": ""})

    choices = find(form_page, "#id_to_status").find_parent("fieldset")
    assert text(choices.legend) == "New status:"
    assert errors(stale).fields["to_status"] == [
        "Choose one of the statuses offered: the case may have changed since this page was opened."
    ]
    assert errors(missing).fields["to_status"] == ["Choose the new status."]
    described = find(missing, "#id_to_status").find_parent("fieldset")["aria-describedby"]
    assert find(missing, f"#{described.split()[-1]}").name == "ul"


def test_the_status_is_not_editable_on_the_case_page(client, citizen, caseworker, make_application):
    application = make_application(applicant=citizen)
    sign_in_with_two_factors(client, caseworker)
    url = reverse("admin:applications_application_change", args=[application.pk])

    page = client.get(url)
    client.post(
        url,
        {
            "status": "approved",
            "assigned_to": caseworker.pk,
            **{
                f"{prefix}-{key}": "0"
                for prefix in ["attachments", "history"]
                for key in ["TOTAL_FORMS", "INITIAL_FORMS"]
            },
        },
    )

    assert "status" not in fields(page)
    assert links(page)["Change status"] == status_url(application)
    assert "Status history (read-only)" in headings(page)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    assert application.assigned_to == caseworker


def test_a_case_page_sent_back_with_more_rows_than_it_has_shows_only_its_own(
    client, citizen, caseworker, make_application
):
    # A form altered, or sent after a file was removed: the read-only tables claim rows that are
    # not in the database, and the page comes back with an error of its own.
    lease = check_upload(upload("lease.pdf", PDF_BYTES))
    application = make_application(applicant=citizen, attachments=[lease])
    [attachment] = application.attachments.all()
    [first_change] = application.history.all()
    sign_in_with_two_factors(client, caseworker)
    url = reverse("admin:applications_application_change", args=[application.pk])

    response = client.post(
        url,
        {
            "assigned_to": "nobody",
            "attachments-TOTAL_FORMS": "3",
            "attachments-INITIAL_FORMS": "2",
            "attachments-0-id": attachment.pk,
            "attachments-1-id": attachment.pk + 1000,
            "history-TOTAL_FORMS": "2",
            "history-INITIAL_FORMS": "1",
            "history-0-id": first_change.pk,
        },
    )

    assert response.status_code == 200
    assert "assigned_to" in errors(response).fields
    assert texts_of(response, "#attachments-group td.field-download") == ["lease.pdf"]
    assert len(select(response, "#history-group tbody tr")) == 1


def test_the_case_page_gives_a_files_size_as_people_read_it(
    client, citizen, caseworker, make_application
):
    three_kilobytes = PDF_BYTES.replace(
        b"trailer", b"%" + b"x" * (3072 - len(PDF_BYTES) - 2) + b"\ntrailer"
    )
    lease = check_upload(upload("lease.pdf", three_kilobytes))
    application = make_application(applicant=citizen, attachments=[lease])
    sign_in_with_two_factors(client, caseworker)

    page = client.get(reverse("admin:applications_application_change", args=[application.pk]))

    [size] = select(page, "#attachments-group td.field-size_shown")
    assert text(size) == "3.0 KB"
    assert "Size" in [text(th) for th in select(page, "#attachments-group thead th")]


def test_a_status_retired_since_a_history_row_was_written_still_shows(
    client, citizen, caseworker, make_application
):
    # History rows are never rewritten, so they may hold a status a later release no longer has.
    application = make_application(applicant=citizen)
    application.history.create(from_status="submitted", to_status="on_hold", changed_by=caseworker)
    sign_in_with_two_factors(client, caseworker)

    admin_page = client.get(reverse("admin:applications_application_change", args=[application.pk]))
    client.force_login(citizen)
    citizen_page = client.get(application.get_absolute_url())

    assert admin_page.status_code == citizen_page.status_code == 200
    assert "Submitted On hold" in text(region(admin_page, "Status history (read-only)"))
    assert texts_of(citizen_page, ".timeline__title") == ["On hold", "Submitted"]


def test_answering_an_inquiry_moves_it_to_answered_in_one_step(client, citizen, caseworker):
    inquiry = make_inquiry(author=citizen)
    sign_in_with_two_factors(client, caseworker)

    without_answer = client.post(status_url(inquiry), {"to_status": "answered"})
    client.post(
        status_url(inquiry),
        {
            "to_status": "answered",
            "answer": "From 9:00 to 17:00 daily.",
            "note_to_citizen": "Holidays are on our website.",
        },
    )

    assert without_answer.context["form"].errors["answer"]
    inquiry.refresh_from_db()
    assert inquiry.status == InquiryStatus.ANSWERED
    assert inquiry.answer == "From 9:00 to 17:00 daily."
    assert inquiry.answered_by == caseworker
    assert [c.to_status for c in inquiry.history.all()] == ["received", "answered"]
    assert inquiry.history.last().note_to_citizen == "Holidays are on our website."


def test_the_status_form_shows_the_question_its_answer_answers(client, citizen, caseworker):
    inquiry = make_inquiry(author=citizen, subject="Library hours", message="When is it open?")
    sign_in_with_two_factors(client, caseworker)

    first = client.get(status_url(inquiry))
    inquiry_answer(inquiry=inquiry, answer="From nine to nine.", by=caseworker)
    inquiry_follow_up(inquiry=inquiry, by=citizen, question="On holidays too?")
    follow_up = client.get(status_url(inquiry))

    assert text(region(first, "The citizen's question")) == (
        "The citizen's question Library hours When is it open?"
    )
    assert text(region(follow_up, "The citizen's follow-up question")) == (
        "The citizen's follow-up question On holidays too?"
    )
    assert "The citizen's question" not in headings(follow_up)


def test_a_note_too_long_for_a_status_needing_one_gets_one_error(
    client, citizen, caseworker, make_application
):
    application = make_application(applicant=citizen)
    application_change_status(application=application, to_status="received", by=caseworker)
    sign_in_with_two_factors(client, caseworker)

    response = client.post(
        status_url(application), {"to_status": "action_required", "note_to_citizen": "x" * 2001}
    )

    assert errors(response).fields == {
        "note_to_citizen": ["Write at most 2,000 characters: this has 2,001"]
    }


def test_an_inquiry_closed_without_an_answer_tells_its_author_why(client, citizen, caseworker):
    inquiry = make_inquiry(author=citizen)
    sign_in_with_two_factors(client, caseworker)

    without_note = client.post(status_url(inquiry), {"to_status": "closed"})
    with_answer = client.post(
        status_url(inquiry),
        {"to_status": "closed", "answer": "It opens at 9:00.", "note_to_citizen": "Answered."},
    )
    closed = client.post(
        status_url(inquiry),
        {"to_status": "closed", "note_to_citizen": "You asked the same in 02000001."},
    )

    assert errors(without_note).fields == {
        "note_to_citizen": [
            "Write in the note to the citizen why the inquiry is closed without an answer."
        ]
    }
    assert errors(with_answer).fields == {
        "answer": ["To send this answer, choose “Answered”; “Closed” sends no answer."]
    }
    assert closed.status_code == 302
    inquiry.refresh_from_db()
    assert inquiry.status == InquiryStatus.CLOSED
    assert inquiry.history.last().note_to_citizen == "You asked the same in 02000001."


def test_an_answered_inquiry_is_closed_without_an_answer_box(client, citizen, caseworker):
    inquiry = make_inquiry(author=citizen, answered_by=caseworker)
    sign_in_with_two_factors(client, caseworker)

    form_page = client.get(status_url(inquiry))
    closed = client.post(status_url(inquiry), {"to_status": "closed"})

    assert labels(find(form_page, "#id_to_status")) == ["Closed"]
    assert select(form_page, "#id_answer") == []
    assert closed.status_code == 302
    inquiry.refresh_from_db()
    assert inquiry.status == InquiryStatus.CLOSED


def test_caseworkers_filter_and_search_the_cases(
    client, citizen, other_citizen, caseworker, make_application
):
    mine = make_application(applicant=citizen)
    late = make_application(applicant=other_citizen)
    Application.objects.filter(pk=mine.pk).update(assigned_to=caseworker)
    Application.objects.filter(pk=late.pk).update(due_at=timezone.now() - timedelta(days=2))
    sign_in_with_two_factors(client, caseworker)

    def listed(**params):
        return set(client.get(CHANGELIST, params).context["cl"].result_list)

    assert listed() == {mine, late}
    assert listed(assigned="me") == {mine}
    assert listed(overdue="yes") == {late}
    assert listed(status__exact="submitted") == {mine, late}
    assert listed(q=mine.reference) == {mine}
    assert listed(q="zhou.bin@") == {late}
    assert listed(q="Li Na") == {mine}
    overdue = links(region(client.get(CHANGELIST), "Filter"))["Overdue"]
    assert overdue == "?overdue=yes"


def test_a_decided_case_has_no_decision_due_in_the_list(
    client, citizen, caseworker, make_application
):
    waiting, decided = make_application(applicant=citizen), make_application(applicant=citizen)
    Application.objects.filter(pk=decided.pk).update(status=ApplicationStatus.APPROVED)
    sign_in_with_two_factors(client, caseworker)

    rows = {row["Reference"]: row for row in table(client.get(CHANGELIST), "#result_list")}

    assert rows[decided.reference]["Decision due"] == "-"
    due = timezone.localtime(waiting.due_at).strftime("%-d %B %Y")
    assert rows[waiting.reference]["Decision due"] == due


@pytest.mark.parametrize(
    ("url", "params"),
    [
        (CHANGELIST, {}),
        (CHANGELIST, {"status__exact": "submitted", "assigned": "me"}),
        (CHANGELIST, {"o": "-1"}),
        (reverse("admin:applications_inquiry_changelist"), {"status__exact": "received"}),
    ],
    ids=["applications", "filtered", "sorted", "inquiries"],
)
def test_the_case_lists_rows_are_the_admins_own(
    client, citizen, other_citizen, caseworker, make_application, url, params
):
    mine = make_application(applicant=citizen)
    late = make_application(applicant=other_citizen)
    decided = make_application(applicant=other_citizen)
    Application.objects.filter(pk=mine.pk).update(assigned_to=caseworker)
    Application.objects.filter(pk__in=[late.pk, decided.pk]).update(
        due_at=timezone.now() - timedelta(days=2)
    )
    for status in ["received", "processing", "rejected"]:
        application_change_status(application=decided, to_status=status, by=caseworker)
    make_inquiry(author=citizen, subject="<Noise> & nuisance")
    sign_in_with_two_factors(client, caseworker)

    response = client.get(url, params)
    changelist = response.context["cl"]

    case = changelist.result_list[0]
    assert changelist.url_for_result(case) == ChangeList.url_for_result(changelist, case)
    admins = ["".join(cells) for cells in admin_list.results(changelist)]
    assert ["".join(cells) for cells in result_rows(changelist)] == admins
    assert len(admins) == len(changelist.result_list) > 0
    assert "admin/applications/case_change_list.html" in [t.name for t in response.templates]
    assert all(f"<tr>{row}</tr>" in response.content.decode() for row in admins)


def test_the_service_filter_offers_the_admins_own_choices(
    client, citizen, caseworker, make_application
):
    make_application(applicant=citizen, service=make_service(name="Tree felling permit"))
    sign_in_with_two_factors(client, caseworker)

    response = client.get(CHANGELIST)
    changelist = response.context["cl"]
    [spec] = [spec for spec in changelist.filter_specs if isinstance(spec, ServiceFilter)]
    admins = RelatedFieldListFilter.field_choices(
        spec, spec.field, response.wsgi_request, changelist.model_admin
    )
    assert spec.lookup_choices == admins


def test_a_caseworker_reading_chinese_sees_the_services_chinese_names(
    client, citizen, caseworker, make_application
):
    service = make_service(name="Tree felling permit", name_zh_hans="树木砍伐许可")
    make_application(applicant=citizen, service=service)
    make_application(applicant=citizen, service=make_service(name="Street party"))
    caseworker.contact_language = "zh-hans"
    caseworker.save()
    sign_in_with_two_factors(client, caseworker)

    page = client.get(CHANGELIST)

    assert sorted(texts_of(page, "#result_list td.field-service_name")) == [
        "Street party",
        "树木砍伐许可",
    ]
    assert {"树木砍伐许可", "Street party"} <= set(links(region(page, "筛选")))
    # The case's own page is titled with them too.
    felling = Application.objects.get(service=service)
    case_page = client.get(reverse("admin:applications_application_change", args=[felling.pk]))
    assert f"{felling.reference} (树木砍伐许可)" in title(case_page)
    assert "Tree felling permit" not in text(case_page)
    # The change log stays in one language, whoever writes it.
    client.post(status_url(felling), {"to_status": "received"})
    [logged] = LogEntry.objects.filter(object_id=str(felling.pk))
    assert logged.object_repr == f"{felling.reference} (Tree felling permit)"


@pytest.mark.parametrize("url", [CHANGELIST, reverse("admin:applications_inquiry_changelist")])
def test_another_caseworkers_cases_are_chosen_from_a_list_that_keeps_the_other_filters(
    client, citizen, caseworker, make_application, url
):
    colleague = make_staff(email="aaron@city.example", group="Caseworkers")
    make_user(email="not.staff@city.example")
    theirs, _unassigned = [
        make_application(applicant=citizen) if url == CHANGELIST else make_inquiry(author=citizen)
        for _ in range(2)
    ]
    type(theirs).objects.filter(pk=theirs.pk).update(assigned_to=colleague)
    sign_in_with_two_factors(client, caseworker)

    page_source = client.get(url, {"status__exact": theirs.status, "o": "-1", "p": "1"})
    form = find(page_source, "#changelist-filter form")
    chooser = field_by_label(form, "Assigned to")
    assert [text(option) for option in select(chooser, "option")] == sorted(
        ["aaron@city.example", caseworker.email]
    )
    assert text(find(chooser, "option[selected]")) == caseworker.email
    assert fields(form) == ["status__exact", "o", "assigned"]
    assert [find(form, f"input[name={name}]")["value"] for name in ["status__exact", "o"]] == [
        theirs.status,
        "-1",
    ]

    chosen = client.get(url, {"status__exact": theirs.status, "o": "-1", "assigned": colleague.pk})
    assert list(chosen.context["cl"].result_list) == [theirs]
    chooser = field_by_label(find(chosen, "#changelist-filter form"), "Assigned to")
    assert text(find(chooser, "option[selected]")) == "aaron@city.example"


@pytest.mark.parametrize("value", ["abc", "99999999999999999999999", "", "-1"])
def test_a_caseworker_filter_value_that_names_nobody_lists_every_case(
    client, citizen, caseworker, make_application, value
):
    cases = {make_application(applicant=citizen), make_application(applicant=citizen)}
    citizen_pk = str(citizen.pk)
    sign_in_with_two_factors(client, caseworker)

    for asked in [value, citizen_pk]:
        response = client.get(CHANGELIST, {"assigned": asked})
        assert response.status_code == 200
        assert set(response.context["cl"].result_list) == cases


def test_the_assign_to_me_action(client, citizen, caseworker, make_application):
    application = make_application(applicant=citizen)
    sign_in_with_two_factors(client, caseworker)

    page = client.get(CHANGELIST).content.decode()
    [checkbox] = re.findall(r'<input type="checkbox" name="_selected_action"[^>]*>', page)
    assert f'value="{application.pk}"' in checkbox
    assert 'class="action-select"' in checkbox
    assert f'aria-label="Select this object for an action - {application}"' in checkbox
    client.post(
        CHANGELIST,
        {"action": "assign_to_me", "_selected_action": [application.pk], "index": 0},
    )

    assert Application.objects.get(pk=application.pk).assigned_to == caseworker


def test_assigning_counts_only_the_cases_not_mine_already(
    client, citizen, caseworker, make_application
):
    mine, new = make_application(applicant=citizen), make_application(applicant=citizen)
    Application.objects.filter(pk=mine.pk).update(assigned_to=caseworker)
    sign_in_with_two_factors(client, caseworker)

    def assign(*cases):
        selected = {"action": "assign_to_me", "_selected_action": [c.pk for c in cases]}
        return messages(client.post(CHANGELIST, {**selected, "index": 0}, follow=True))

    assert assign(mine, new) == ["1 case assigned to you."]
    assert assign(mine, new) == ["The selected cases were assigned to you already."]


def test_the_action_list_is_the_admins_own_form(client, citizen, caseworker, make_application):
    make_application(applicant=citizen)
    sign_in_with_two_factors(client, caseworker)

    response = client.get(CHANGELIST)
    form = response.context["action_form"]

    def described(element):
        select, hidden = element.select_one("select"), element.select_one("input[type=hidden]")
        options = [(o["value"], text(o), o.has_attr("selected")) for o in select.select("option")]
        return select.attrs, options, hidden.attrs

    written = described(find(response, ".actions"))
    assert "admin/applications/actions.html" in [t.name for t in response.templates]
    assert written == described(page(f"{form['action']}{form['select_across']}"))
    assert [label for _, label, _ in written[1]] == [
        "- Select an option -",
        "Assign the selected cases to me",
    ]


def test_the_admin_index_leads_a_caseworker_to_their_queues(
    client, citizen, caseworker, make_application
):
    mine = make_application(applicant=citizen)
    untaken = make_application(applicant=citizen)
    # Decided cases are no longer anybody's work, whoever has them.
    mine_decided = make_application(applicant=citizen)
    untaken_withdrawn = make_application(applicant=citizen)
    Application.objects.filter(pk=mine_decided.pk).update(status=ApplicationStatus.APPROVED)
    Application.objects.filter(pk=untaken_withdrawn.pk).update(status=ApplicationStatus.WITHDRAWN)
    Application.objects.filter(pk__in=[mine.pk, mine_decided.pk]).update(assigned_to=caseworker)
    sign_in_with_two_factors(client, caseworker)

    asked = make_inquiry(author=citizen)
    answered = make_inquiry(author=citizen, answered_by=caseworker)
    Inquiry.objects.update(assigned_to=caseworker)

    work = region(client.get(reverse("admin:index")), "Your work")
    assigned = client.get(links(work)["Applications assigned to you (1)"])
    nobodys = client.get(links(work)["Applications nobody has taken (1)"])
    inquiries = client.get(links(work)["Inquiries assigned to you (1)"])

    assert list(links(work)) == [
        "Applications assigned to you (1)",
        "Applications nobody has taken (1)",
        "Inquiries assigned to you (1)",
        "Inquiries nobody has taken (0)",
    ]
    assert list(assigned.context["cl"].result_list) == [mine]
    assert list(nobodys.context["cl"].result_list) == [untaken]
    assert list(inquiries.context["cl"].result_list) == [asked]
    assert answered.status == InquiryStatus.ANSWERED


def test_your_work_counts_up_to_a_limit_from_the_index_of_open_cases(
    client, citizen, caseworker, make_application, monkeypatch
):
    monkeypatch.setattr(case_lists, "COUNTED_UP_TO", 2)
    for _ in range(3):
        make_application(applicant=citizen)
    sign_in_with_two_factors(client, caseworker)

    with CaptureQueriesContext(connection) as index_queries:
        work = region(client.get(reverse("admin:index")), "Your work")
    counts = [query["sql"] for query in index_queries if "COUNT(" in query["sql"]]

    assert "Applications nobody has taken (more than 2)" in links(work)
    assert [plan_of(sql) for sql in counts] == [
        "application_open_assigned_idx",
        "application_open_assigned_idx",
        "inquiry_open_assigned_idx",
        "inquiry_open_assigned_idx",
    ]
    listed = client.get(CHANGELIST, {"assigned": "me", "stage": "open"}).context["cl"]
    assert "application_open_assigned_idx" in plan_in_order(listed.queryset[:25])


def test_the_admin_index_shows_no_case_queues_to_editors(client, editor):
    sign_in_with_two_factors(client, editor)

    assert "Your work" not in headings(client.get(reverse("admin:index")))


def test_editors_cannot_see_applications_or_inquiries(client, editor):
    sign_in_with_two_factors(client, editor)

    assert client.get(CHANGELIST).status_code == 403
    assert client.get(reverse("admin:applications_inquiry_changelist")).status_code == 403
    assert not editor.has_perm("applications.change_application")


def test_caseworkers_see_the_outbox_but_nobody_adds_or_deletes_cases(
    client, citizen, caseworker, make_application
):
    make_application(applicant=citizen)
    sign_in_with_two_factors(client, caseworker)

    outbox = client.get(reverse("admin:portal_outgoingemail_changelist"))

    assert outbox.status_code == 200
    assert [row["To"] for row in table(outbox, "#result_list")] == [citizen.email]
    assert client.get(reverse("admin:applications_application_add")).status_code == 403
    assert client.get(reverse("admin:applications_inquiry_add")).status_code == 403


# Every case list reads the session, the user, whether they have an authenticator, their
# permissions (one query) and the choices of the service and caseworker filters, then counts
# (up to 1,001), estimates and reads a page of cases.
CASE_LIST_QUERIES = 9


@pytest.mark.parametrize(
    ("params", "listed"),
    [
        ({}, 25),
        ({"status__exact": "received"}, 25),
        ({"assigned": "me"}, 25),
        ({"q": "reference"}, 1),
    ],
    ids=["newest", "by status", "assigned to me", "by reference"],
)
def test_the_case_lists_run_the_same_queries_for_3_and_100_cases(
    client, citizen, caseworker, make_application, django_assert_num_queries, params, listed
):
    def add(count):
        for _ in range(count):
            application = make_application(applicant=citizen)
            application_change_status(application=application, to_status="received", by=caseworker)
            Application.objects.filter(pk=application.pk).update(assigned_to=caseworker)
        return application

    sign_in_with_two_factors(client, caseworker)
    application = add(3)
    if "q" in params:
        params = {"q": application.reference}
    with CaptureQueriesContext(connection) as few:
        client.get(CHANGELIST, params)
    add(97)
    assert Inquiry.objects.count() == 0

    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(CHANGELIST, params)
    assert len(response.context["cl"].result_list) == listed
    assert len(few.captured_queries) == CASE_LIST_QUERIES


# The admin's index reads the session, the user, whether they have an authenticator and their
# permissions, counts each of the four queues of "Your work" (up to 1,001 cases each), and reads
# the person's recent actions.
ADMIN_INDEX_QUERIES = 9
# The status form reads the session, the user, whether they have an authenticator, the case, the
# permissions, the citizen's reply it follows with its files, and the case's service (its name).
STATUS_FORM_QUERIES = 8


def test_the_admin_index_and_the_status_form_run_the_same_queries_for_few_and_many(
    client, citizen, caseworker, make_application, django_assert_num_queries
):
    def waiting_with_a_reply(files):
        application = ask_the_citizen(make_application(applicant=citizen), by=caseworker)
        uploads = [check_upload(upload(f"{n}.pdf", PDF_BYTES)) for n in range(files)]
        application_reply(application=application, by=citizen, message="Sent.", uploads=uploads)
        Application.objects.filter(pk=application.pk).update(assigned_to=caseworker)
        return application

    sign_in_with_two_factors(client, caseworker)
    few = waiting_with_a_reply(files=1)
    with CaptureQueriesContext(connection) as index_queries:
        client.get(reverse("admin:index"))
    with CaptureQueriesContext(connection) as form_queries:
        client.get(status_url(few))
    many = waiting_with_a_reply(files=4)
    for _ in range(20):
        waiting_with_a_reply(files=0)
        make_inquiry(author=citizen)

    with django_assert_num_queries(len(index_queries.captured_queries)):
        client.get(reverse("admin:index"))
    with django_assert_num_queries(len(form_queries.captured_queries)):
        client.get(status_url(many))
    assert len(index_queries.captured_queries) == ADMIN_INDEX_QUERIES
    assert len(form_queries.captured_queries) == STATUS_FORM_QUERIES


# The case lists at city scale: millions of cases are read through indexes, never counted whole.

INQUIRIES = reverse("admin:applications_inquiry_changelist")


def listed_queries(client, url, **params):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url, params)
    assert response.status_code == 200
    return response, [query["sql"] for query in context.captured_queries]


def plan_with(queryset, *settings):
    with connection.cursor() as cursor:
        for setting in settings:
            cursor.execute(f"SET LOCAL {setting} = off")
    return queryset.explain()


def plan_of(sql):
    """The index through which PostgreSQL finds the rows of a query as sent (a table scan
    forbidden), or else its plan whole."""
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}")
        plan = "\n".join(row[0] for row in cursor.fetchall())
    found = re.search(r"(?:Index (?:Only )?Scan using|Bitmap Index Scan on) (\w+)", plan)
    return found.group(1) if found else plan


def plan_finding(queryset):
    """How PostgreSQL finds the rows of a large table: through an index condition, or else by
    reading the whole table."""
    return plan_with(queryset, "enable_seqscan", "enable_indexscan", "enable_indexonlyscan")


def plan_in_order(queryset):
    """How PostgreSQL orders the rows of a large table: read in order from an index, or else
    sorted."""
    return plan_with(queryset, "enable_seqscan", "enable_sort")


def test_a_reference_is_found_through_its_unique_index(
    client, citizen, caseworker, make_application
):
    application = make_application(applicant=citizen)
    sign_in_with_two_factors(client, caseworker)

    response, _ = listed_queries(client, CHANGELIST, q=f" {application.reference} ")
    changelist = response.context["cl"]
    plan = plan_finding(changelist.queryset)

    assert list(changelist.result_list) == [application]
    assert "Bitmap Index Scan on applications_application_reference" in plan
    assert "Seq Scan on applications_application" not in plan


def test_a_reference_is_found_whatever_the_filters_the_list_had(
    client, citizen, caseworker, make_application
):
    application = make_application(applicant=citizen)  # submitted
    inquiry = make_inquiry(author=citizen, subject="Library opening hours")
    sign_in_with_two_factors(client, caseworker)

    filtered = {"status__exact": "processing", "stage": "open", "assigned": "me", "p": "2"}
    found = client.get(CHANGELIST, {**filtered, "q": f" {application.reference} "}, follow=True)
    found_inquiry = client.get(INQUIRIES, {**filtered, "q": inquiry.reference}, follow=True)

    assert found.redirect_chain == [(f"{CHANGELIST}?q={application.reference}", 302)]
    assert list(found.context["cl"].result_list) == [application]
    cleared = (
        f"Reference {application.reference} was looked up among all applications, so the "
        "filters were cleared."
    )
    assert messages(found) == [cleared]
    assert list(found_inquiry.context["cl"].result_list) == [inquiry]
    # Other words are searched within the filters, and a reference without filters stays put,
    # sorted as asked.
    assert client.get(CHANGELIST, {**filtered, "q": "Li Na"}).status_code == 200
    assert client.get(CHANGELIST, {"q": application.reference, "o": "1"}).status_code == 200
    sorted_too = client.get(CHANGELIST, {"q": application.reference, "o": "1", "stage": "open"})
    assert sorted_too.url == f"{CHANGELIST}?q={application.reference}&o=1"


def test_the_newest_cases_and_each_status_are_read_in_order_from_an_index(
    client, citizen, caseworker, make_application
):
    make_application(applicant=citizen)
    sign_in_with_two_factors(client, caseworker)

    everything = client.get(CHANGELIST).context["cl"].queryset
    received = client.get(CHANGELIST, {"status__exact": "received"}).context["cl"].queryset
    inquiries = client.get(INQUIRIES, {"status__exact": "received"}).context["cl"].queryset

    for queryset in [everything, received, inquiries]:
        plan = plan_in_order(queryset[:50])
        assert "newest_idx" in plan
        assert "Sort" not in plan


def test_a_caseworkers_own_queue_is_read_in_order_from_its_own_index(
    client, citizen, caseworker, make_application
):
    service = make_application(applicant=citizen).service
    colleague = make_staff(email="colleague@city.example", group="Caseworkers")
    # A tenth of the cases are this caseworker's, as in a team of ten, and the statistics say
    # so: with a handful of rows the planner finds every index as good as another.
    queues = [caseworker if n % 10 == 0 else colleague for n in range(300)]
    Application.objects.bulk_create(
        Application(applicant=citizen, service=service, due_at=timezone.now(), assigned_to=who)
        for who in queues
    )
    Inquiry.objects.bulk_create(
        Inquiry(author=citizen, subject="Opening hours", message="When?", assigned_to=who)
        for who in queues
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE applications_application, applications_inquiry")
    sign_in_with_two_factors(client, caseworker)

    for url in [CHANGELIST, INQUIRIES]:
        queryset = client.get(url, {"assigned": "me"}).context["cl"].queryset
        plan = plan_in_order(queryset[:50])
        assert "assigned_idx" in plan
        assert "Index Cond: (assigned_to_id =" in plan
        # No row of the queue is read and then dropped (a join's filter against the one service
        # it meets is the planner's choice, and costs nothing).
        assert not re.search(r"^\s*Filter:", plan, re.MULTILINE)
        assert "Sort" not in plan


@pytest.mark.parametrize(
    ("url", "params"),
    [
        (CHANGELIST, {}),
        (CHANGELIST, {"status__exact": "submitted"}),
        (CHANGELIST, {"q": "li.na@"}),
        (CHANGELIST, {"overdue": "no"}),
        (CHANGELIST, {"_facets": "True"}),
        (INQUIRIES, {}),
        (INQUIRIES, {"status__exact": "received"}),
        (INQUIRIES, {"q": "library"}),
        (INQUIRIES, {"_facets": "True"}),
    ],
)
def test_the_case_lists_never_count_or_scan_every_case(
    client, citizen, caseworker, make_application, url, params
):
    make_application(applicant=citizen)
    make_inquiry(author=citizen)
    sign_in_with_two_factors(client, caseworker)

    response, queries = listed_queries(client, url, **params)
    counts = [sql for sql in queries if "COUNT(" in sql.upper()]

    assert response.context["cl"].result_count == 1
    # One count, and it stops after the first thousand rows; no filter counts ("facets").
    assert len(counts) == 1
    assert "LIMIT 1001" in counts[0]
    # No date hierarchy: it reads every case to list the years and months.
    assert not [sql for sql in queries if "DATE_TRUNC" in sql or "MIN(" in sql]


def test_the_case_lists_read_only_what_their_rows_show(
    client, citizen, caseworker, make_application
):
    make_application(applicant=citizen)
    make_inquiry(author=citizen)
    sign_in_with_two_factors(client, caseworker)

    for url, model in [(CHANGELIST, Application), (INQUIRIES, Inquiry)]:
        _, queries = listed_queries(client, url)
        [rows] = [sql for sql in queries if sql.startswith(f'SELECT "{model._meta.db_table}"')]
        assert '"password"' not in rows
        assert "search_vector" not in rows
        # Of the Chinese texts, only the service's name, shown on a page in Chinese.
        assert set(re.findall(r'"(\w+_zh_hans)"', rows)) <= {"name_zh_hans"}


def test_a_case_lists_estimate_plans_the_cases_alone(client, citizen, caseworker, make_application):
    make_application(applicant=citizen)
    sign_in_with_two_factors(client, caseworker)

    _, queries = listed_queries(client, CHANGELIST, status__exact="submitted")
    [estimate] = [sql for sql in queries if sql.startswith("EXPLAIN")]

    assert "JOIN" not in estimate
    assert '"applications_application"."status" = ' in estimate


def test_a_long_case_list_shows_an_estimate_and_stops_its_links(
    client, citizen, caseworker, make_application, monkeypatch
):
    for _ in range(12):
        make_application(applicant=citizen)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE applications_application")
    monkeypatch.setattr(LargeTablePaginator, "EXACT_COUNT", 5)
    monkeypatch.setattr(LargeTablePaginator, "MAX_PAGES", 3)

    paginator = LargeTablePaginator(Application.objects.all(), 2)

    assert paginator.count == 12  # the plan's estimate, right after ANALYZE
    assert paginator.num_pages == 3
    with pytest.raises(EmptyPage):
        paginator.page(4)

    sign_in_with_two_factors(client, caseworker)
    assert text_of(client.get(CHANGELIST), ".paginator").endswith(" 12 applications")


def test_on_time_or_decided_is_the_other_cases(client, citizen, caseworker, make_application):
    late, on_time, decided = (make_application(applicant=citizen) for _ in range(3))
    past = timezone.now() - timedelta(days=2)
    Application.objects.filter(pk__in=[late.pk, decided.pk]).update(due_at=past)
    Application.objects.filter(pk=decided.pk).update(status=ApplicationStatus.APPROVED)
    sign_in_with_two_factors(client, caseworker)

    listed = client.get(CHANGELIST, {"overdue": "no"}).context["cl"].result_list

    assert set(listed) == {on_time, decided}
    # One condition on each case, not "NOT IN (every overdue case)".
    assert str(Application.objects.not_overdue().query).count("SELECT") == 1


def test_inquiries_are_searched_by_reference_subject_and_author(
    client, citizen, other_citizen, caseworker
):
    hours = make_inquiry(author=citizen, subject="Library opening hours")
    parking = make_inquiry(author=other_citizen, subject="Parking permit for residents")
    sign_in_with_two_factors(client, caseworker)

    def found(term):
        return set(client.get(INQUIRIES, {"q": term}).context["cl"].result_list)

    assert found(parking.reference) == {parking}
    assert found("opening HOURS") == {hours}
    assert found("zhou.bin@") == {parking}
    assert found("Li Na") == {hours}
    assert found("nobody at all") == set()

    with_trigrams = client.get(INQUIRIES, {"q": "opening"}).context["cl"].queryset
    assert "Bitmap Index Scan on inquiry_subject_trgm_idx" in plan_finding(with_trigrams)


def test_a_chinese_word_of_one_or_two_characters_finds_the_subjects_holding_it(
    client, citizen, caseworker
):
    pothole = make_inquiry(author=citizen, subject="测试：复兴路路面坑洞")
    noise = make_inquiry(author=citizen, subject="夜间施工噪音")
    sign_in_with_two_factors(client, caseworker)

    def found(term):
        return set(client.get(INQUIRIES, {"q": term}).context["cl"].result_list)

    assert found("坑洞") == {pothole}
    assert found("噪音") == {noise}
    assert found("复兴路") == {pothole}  # three or more: the trigram index, as for English
    assert found("路") == {pothole}
    assert found("洞坑") == set()
    assert found("夜") == {noise}

    with_pairs = client.get(INQUIRIES, {"q": "坑洞"}).context["cl"].queryset
    assert "Bitmap Index Scan on inquiry_subject_han_pairs_idx" in plan_finding(with_pairs)


def test_a_case_page_costs_the_same_with_a_short_and_a_long_history(
    client, citizen, caseworker, make_application
):
    application = make_application(applicant=citizen)
    url = reverse("admin:applications_application_change", args=[application.pk])
    sign_in_with_two_factors(client, caseworker)
    with CaptureQueriesContext(connection) as short:
        client.get(url)

    application_change_status(application=application, to_status="received", by=caseworker)
    for _ in range(5):
        application_change_status(
            application=application, to_status="action_required", by=caseworker
        )
        application_change_status(application=application, to_status="processing", by=caseworker)

    with CaptureQueriesContext(connection) as long:
        response = client.get(url)
    history = table(region(response, "Status history (read-only)"))
    assert [row["To"] for row in history].count("Action required") == 5
    assert len(long.captured_queries) == len(short.captured_queries)


def test_a_status_page_address_that_is_not_a_number_gets_the_admins_answer(client, caseworker):
    sign_in_with_two_factors(client, caseworker)

    response = client.get(CHANGELIST + "abc/status/", follow=True)

    # The admin's own "does not exist" message, not a server error.
    assert response.status_code == 200
    assert [message for message in messages(response) if "doesn’t exist" in message]


def test_the_case_page_names_the_citizen_and_their_language_and_saves_as_a_browser_sends_it(
    client, citizen, caseworker, make_application
):
    citizen.contact_language = "zh-hans"
    citizen.save()
    application = make_application(applicant=citizen)
    application_change_status(application=application, to_status="received", by=caseworker)
    sign_in_with_two_factors(client, caseworker)
    url = reverse("admin:applications_application_change", args=[application.pk])

    page = main(client.get(url))
    assert "Citizen's name: Li Na" in text(page)
    assert "Preferred contact language: Chinese (Simplified)" in text(page)
    # Everything the page's form holds, as a browser sends it, with a caseworker chosen.
    sent = {field["name"]: field.get("value", "") for field in select(page, "input[name]")}
    response = client.post(url, {**sent, "assigned_to": caseworker.pk})

    assert response.status_code == 302
    application.refresh_from_db()
    assert application.assigned_to == caseworker


def test_the_status_page_with_a_missing_choice_says_error_in_its_title(
    client, citizen, caseworker, make_application
):
    application = make_application(applicant=citizen)
    sign_in_with_two_factors(client, caseworker)

    page = client.get(status_url(application))
    failed = client.post(status_url(application), {"to_status": ""})

    assert title(page).startswith(f"Change the status of {application.reference} |")
    assert title(failed).startswith(f"Error: Change the status of {application.reference} |")


@pytest.mark.parametrize("url", [CHANGELIST, INQUIRIES], ids=["applications", "inquiries"])
def test_cases_are_assigned_only_to_caseworkers_still_at_work(
    client, citizen, caseworker, editor, make_application, url
):
    departed = make_staff(email="departed@city.example", group="Caseworkers", is_active=False)
    make_staff(email="chief@city.example", group="Editors", is_superuser=True)
    make_staff(email="second.group@city.example", group="Editors").groups.add(
        caseworker.groups.get()
    )
    case = (
        make_application(applicant=citizen) if url == CHANGELIST else make_inquiry(author=citizen)
    )
    sign_in_with_two_factors(client, caseworker)
    offered = sorted(["chief@city.example", caseworker.email, "second.group@city.example"])

    chooser = field_by_label(find(client.get(url), "#changelist-filter form"), "Assigned to")
    assert [text(option) for option in select(chooser, "option")] == offered

    case_url = reverse(f"admin:applications_{case._meta.model_name}_change", args=[case.pk])
    form = main(client.get(case_url))
    choices = [text(option) for option in select(field_by_label(form, "Assigned to"), "option")]
    assert choices == ["- Select an option -", *offered]

    sent = {field["name"]: field.get("value", "") for field in select(form, "input[name]")}
    for refused in [editor, departed]:
        response = client.post(case_url, {**sent, "assigned_to": refused.pk})
        assert response.status_code == 200
        assert "Select a valid choice" in text(main(response))
        case.refresh_from_db()
        assert case.assigned_to is None


@pytest.mark.parametrize(
    ("language", "slug", "help_text"),
    [
        (
            "en",
            "Slug",
            (
                "The start page's address is /services/ followed by the slug, for example "
                "/services/resident-parking-permit/. FAQ answers and news link to it, so change "
                "it only for a new service: old links would stop working."
            ),
        ),
        (
            "zh-hans",
            "网址标识",
            (
                "事项首页的网址为 /services/ 加上网址标识，"
                "例如 /services/resident-parking-permit/。"
                "常见问题和新闻会链接到此网址，仅在新建服务事项时修改，否则原有链接将失效。"
            ),
        ),
    ],
)
def test_the_service_slugs_help_text_shows_the_address_it_makes(client, language, slug, help_text):
    admin = make_staff(email="admin@city.example", is_superuser=True, contact_language=language)
    sign_in_with_two_factors(client, admin)

    form = client.get(reverse("admin:applications_service_add"))

    assert hint(form, slug) == help_text


def test_a_caseworker_sees_the_people_of_a_case_as_text_not_links_to_closed_pages(
    client, citizen, caseworker, make_application
):
    application = make_application(applicant=citizen)
    application.history.create(
        from_status="submitted", to_status="in_review", changed_by=caseworker
    )
    inquiry = make_inquiry(author=citizen, answered_by=caseworker)
    sign_in_with_two_factors(client, caseworker)

    for case in (application, inquiry):
        url = reverse(f"admin:applications_{case._meta.model_name}_change", args=[case.pk])
        page = client.get(url)

        assert not any("/admin/accounts/user/" in target for target in links(page).values())
        assert citizen.email in text(main(page))
        assert caseworker.email in text(region(page, "Status history (read-only)"))


def test_staff_who_may_see_accounts_follow_the_people_of_a_case_to_them(
    client, citizen, caseworker, make_application
):
    caseworker.is_superuser = True
    caseworker.save()
    application = make_application(applicant=citizen)
    sign_in_with_two_factors(client, caseworker)

    page = client.get(reverse("admin:applications_application_change", args=[application.pk]))

    assert links(page)[citizen.email] == reverse("admin:accounts_user_change", args=[citizen.pk])
