from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from applications.models import Application, Inquiry, Notification
from applications.services import application_change_status
from applications.statuses import ApplicationStatus, InquiryStatus

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:applications_application_changelist")


def status_url(case):
    return reverse(f"admin:applications_{case._meta.model_name}_status", args=[case.pk])


def test_a_caseworker_changes_a_status_and_the_citizen_sees_it(
    client, citizen, caseworker, submit_application
):
    application = submit_application(citizen)
    application_change_status(application=application, to_status="received", by=caseworker)
    client.force_login(caseworker)

    form_page = client.get(status_url(application)).content.decode()
    response = client.post(
        status_url(application),
        {
            "to_status": "processing",
            "note_to_citizen": "An officer is reviewing your documents.",
            "internal_note": "Priority: expiring soon.",
        },
        follow=True,
    )

    assert 'value="processing"' in form_page and 'value="approved"' not in form_page
    assert "is now “Processing”" in response.content.decode()
    application.refresh_from_db()
    assert application.status == ApplicationStatus.PROCESSING
    last = application.history.last()
    assert (last.changed_by, last.internal_note) == (caseworker, "Priority: expiring soon.")

    client.force_login(citizen)
    html = client.get(application.get_absolute_url()).content.decode()
    assert "status-tag--processing" in html
    assert "An officer is reviewing your documents." in html
    assert "Priority" not in html


def test_a_transition_outside_the_map_is_refused_in_the_admin(
    client, citizen, caseworker, submit_application
):
    application = submit_application(citizen)
    client.force_login(caseworker)

    response = client.post(status_url(application), {"to_status": "approved"})

    assert response.status_code == 200
    assert response.context["form"].errors["to_status"]
    assert Application.objects.get(pk=application.pk).status == ApplicationStatus.SUBMITTED


def test_the_status_is_not_editable_on_the_case_page(
    client, citizen, caseworker, submit_application
):
    application = submit_application(citizen)
    client.force_login(caseworker)
    url = reverse("admin:applications_application_change", args=[application.pk])

    html = client.get(url).content.decode()
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

    assert 'name="status"' not in html
    assert "Change status" in html
    assert "status history (read-only)" in html.lower()
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    assert application.assigned_to == caseworker


def test_answering_an_inquiry_moves_it_to_answered_in_one_step(
    client, citizen, caseworker, submit_inquiry
):
    inquiry = submit_inquiry(citizen)
    client.force_login(caseworker)

    without_answer = client.post(status_url(inquiry), {"to_status": "answered"})
    client.post(
        status_url(inquiry), {"to_status": "answered", "answer": "From 9:00 to 17:00 daily."}
    )

    assert without_answer.context["form"].errors["answer"]
    inquiry.refresh_from_db()
    assert inquiry.status == InquiryStatus.ANSWERED
    assert inquiry.answer == "From 9:00 to 17:00 daily."
    assert inquiry.answered_by == caseworker
    assert [c.to_status for c in inquiry.history.all()] == ["received", "answered"]


def test_caseworkers_filter_and_search_the_cases(
    client, citizen, other_citizen, caseworker, submit_application
):
    mine = submit_application(citizen)
    late = submit_application(other_citizen)
    Application.objects.filter(pk=mine.pk).update(assigned_to=caseworker)
    Application.objects.filter(pk=late.pk).update(due_at=timezone.now() - timedelta(days=2))
    client.force_login(caseworker)

    def listed(**params):
        return set(client.get(CHANGELIST, params).context["cl"].result_list)

    assert listed() == {mine, late}
    assert listed(assigned="me") == {mine}
    assert listed(overdue="yes") == {late}
    assert listed(status__exact="submitted") == {mine, late}
    assert listed(q=mine.reference) == {mine}
    assert listed(q="zhou.bin@") == {late}
    assert listed(q="Li Na") == {mine}
    assert "Overdue" in client.get(CHANGELIST).content.decode()


def test_the_assign_to_me_action(client, citizen, caseworker, submit_application):
    application = submit_application(citizen)
    client.force_login(caseworker)

    client.post(
        CHANGELIST,
        {"action": "assign_to_me", "_selected_action": [application.pk], "index": 0},
    )

    assert Application.objects.get(pk=application.pk).assigned_to == caseworker


def test_editors_cannot_see_applications_or_inquiries(client, make_staff):
    editor = make_staff("editor@city.example", group="Editors")
    client.force_login(editor)

    assert client.get(CHANGELIST).status_code == 403
    assert client.get(reverse("admin:applications_inquiry_changelist")).status_code == 403
    assert not editor.has_perm("applications.change_application")


def test_caseworkers_see_the_outbox_but_nobody_adds_or_deletes_cases(
    client, citizen, caseworker, submit_application
):
    submit_application(citizen)
    client.force_login(caseworker)

    outbox = client.get(reverse("admin:applications_notification_changelist"))

    assert outbox.status_code == 200
    assert citizen.email in outbox.content.decode()
    assert Notification.objects.count() == 1
    assert client.get(reverse("admin:applications_application_add")).status_code == 403
    assert client.get(reverse("admin:applications_inquiry_add")).status_code == 403


def test_the_case_list_runs_the_same_queries_for_3_and_100_cases(
    client, citizen, caseworker, submit_application, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(3):
        submit_application(citizen)
    client.force_login(caseworker)
    with CaptureQueriesContext(connection) as few:
        client.get(CHANGELIST)
    for _ in range(97):
        submit_application(citizen)
    assert Inquiry.objects.count() == 0

    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(CHANGELIST)
    assert len(response.context["cl"].result_list) == 50
