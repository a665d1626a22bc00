import re
from datetime import timedelta

import pytest
from django.db import IntegrityError, InternalError, connection, transaction
from django.utils import timezone

from applications.models import Application, ApplicationStatusChange, Inquiry, InquiryStatusChange
from applications.statuses import ApplicationStatus

pytestmark = pytest.mark.django_db


def test_application_references_are_eight_digits_from_a_sequence(citizen, submit_application):
    first = submit_application(citizen)
    second = submit_application(citizen)

    assert re.fullmatch(r"2\d{7}", first.reference)
    assert int(second.reference) == int(first.reference) + 1


def test_inquiry_references_keep_their_leading_zero(citizen, submit_inquiry):
    inquiry = submit_inquiry(citizen)

    assert re.fullmatch(r"0\d{7}", inquiry.reference)
    assert Inquiry.objects.get(reference=inquiry.reference) == inquiry


def test_the_database_refuses_a_badly_formed_reference(citizen, submit_application):
    application = submit_application(citizen)

    with pytest.raises(IntegrityError), transaction.atomic():
        Application.objects.filter(pk=application.pk).update(reference="12-45")


def test_history_rows_cannot_be_changed_or_deleted_even_bypassing_the_models(
    citizen, submit_application, submit_inquiry
):
    change = submit_application(citizen).history.get()
    inquiry_change = submit_inquiry(citizen).history.get()

    for model, pk in [
        (ApplicationStatusChange, change.pk),
        (InquiryStatusChange, inquiry_change.pk),
    ]:
        with pytest.raises(InternalError, match="append-only"), transaction.atomic():
            model.objects.filter(pk=pk).update(note_to_citizen="rewritten")
        with pytest.raises(InternalError, match="append-only"), transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute(f"DELETE FROM {model._meta.db_table} WHERE id = %s", [pk])
    with pytest.raises(ValueError, match="append-only"):
        change.save()
    with pytest.raises(ValueError, match="append-only"):
        change.delete()


def test_records_outlive_their_users(citizen, submit_application):
    from django.db.models import ProtectedError

    submit_application(citizen)

    with pytest.raises(ProtectedError):
        citizen.delete()


def test_an_undecided_application_past_its_due_date_is_overdue(citizen, submit_application):
    late = submit_application(citizen)
    on_time = submit_application(citizen)
    decided = submit_application(citizen)
    past = timezone.now() - timedelta(days=1)
    Application.objects.filter(pk__in=[late.pk, decided.pk]).update(due_at=past)
    Application.objects.filter(pk=decided.pk).update(status=ApplicationStatus.APPROVED)

    assert list(Application.objects.overdue()) == [late]
    assert set(Application.objects.not_overdue()) == {on_time, decided}
    assert Application.objects.get(pk=late.pk).is_overdue
    assert not Application.objects.get(pk=decided.pk).is_overdue


def test_the_due_date_comes_from_the_services_processing_days(citizen, submit_application):
    application = submit_application(citizen)

    assert application.due_at - application.submitted_at == timedelta(days=15)


def test_history_cannot_be_emptied_with_truncate(citizen, submit_application, submit_inquiry):
    submit_application(citizen)
    submit_inquiry(citizen)

    with connection.cursor() as cursor:
        # As in a session of its own: the rows' foreign key checks are done.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    for model in [ApplicationStatusChange, InquiryStatusChange]:
        with pytest.raises(InternalError, match="append-only"), transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute(f"TRUNCATE {model._meta.db_table} CASCADE")
        assert model.objects.exists()
