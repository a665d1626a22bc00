import re
from datetime import timedelta

import pytest
from django.db import IntegrityError, InternalError, connection, transaction
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from applications.models import (
    REFERENCE_FORMAT,
    Application,
    ApplicationStatusChange,
    Inquiry,
    InquiryStatusChange,
)
from applications.statuses import ApplicationStatus
from tests.factories import make_inquiry
from tests.strategies import database_examples

pytestmark = pytest.mark.django_db


def test_application_references_are_eight_digits_from_a_sequence(citizen, make_application):
    first = make_application(applicant=citizen)
    second = make_application(applicant=citizen)

    assert re.fullmatch(r"2\d{7}", first.reference)
    assert int(second.reference) == int(first.reference) + 1


def test_inquiry_references_keep_their_leading_zero(citizen):
    inquiry = make_inquiry(author=citizen)

    assert re.fullmatch(r"0\d{7}", inquiry.reference)
    assert Inquiry.objects.get(reference=inquiry.reference) == inquiry


def test_the_database_refuses_a_badly_formed_reference(citizen, make_application):
    application = make_application(applicant=citizen)

    with pytest.raises(IntegrityError), transaction.atomic():
        Application.objects.filter(pk=application.pk).update(reference="12-45")


def test_the_database_refuses_a_status_the_code_does_not_know(citizen, make_application):
    application = make_application(applicant=citizen)
    inquiry = make_inquiry(author=citizen)

    for case in [application, inquiry]:
        with pytest.raises(IntegrityError), transaction.atomic():
            type(case).objects.filter(pk=case.pk).update(status="archived")
        case.refresh_from_db()
        assert case.status != "archived"


def test_history_rows_cannot_be_changed_or_deleted_even_bypassing_the_models(
    citizen, make_application
):
    change = make_application(applicant=citizen).history.get()
    inquiry_change = make_inquiry(author=citizen).history.get()

    for model, pk in [
        (ApplicationStatusChange, change.pk),
        (InquiryStatusChange, inquiry_change.pk),
    ]:
        with pytest.raises(InternalError, match="append-only"), transaction.atomic():
            model.objects.filter(pk=pk).update(note_to_citizen="rewritten")
        with (
            pytest.raises(InternalError, match="append-only"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(f"DELETE FROM {model._meta.db_table} WHERE id = %s", [pk])
    with pytest.raises(ValueError, match="append-only"):
        change.save()
    with pytest.raises(ValueError, match="append-only"):
        change.delete()


def test_records_outlive_their_users(citizen, make_application):
    from django.db.models import ProtectedError

    make_application(applicant=citizen)

    with pytest.raises(ProtectedError):
        citizen.delete()


def test_an_undecided_application_past_its_due_date_is_overdue(citizen, make_application):
    late = make_application(applicant=citizen)
    on_time = make_application(applicant=citizen)
    decided = make_application(applicant=citizen)
    past = timezone.now() - timedelta(days=1)
    Application.objects.filter(pk__in=[late.pk, decided.pk]).update(due_at=past)
    Application.objects.filter(pk=decided.pk).update(status=ApplicationStatus.APPROVED)

    assert list(Application.objects.overdue()) == [late]
    assert set(Application.objects.not_overdue()) == {on_time, decided}
    assert Application.objects.get(pk=late.pk).is_overdue
    assert not Application.objects.get(pk=decided.pk).is_overdue


def test_the_due_date_comes_from_the_services_processing_days(citizen, make_application):
    application = make_application(applicant=citizen)

    assert application.due_at - application.submitted_at == timedelta(days=15)


@pytest.fixture
def sequences_put_back():
    """Sequences ignore transactions: whatever a test moves them to stays unless put back."""
    names = ["applications_application_reference_seq", "applications_inquiry_reference_seq"]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT sequencename, last_value FROM pg_sequences WHERE sequencename = ANY(%s)",
            [names],
        )
        before = cursor.fetchall()
    yield
    with connection.cursor() as cursor:
        for name, last_value in before:
            if last_value is None:  # never used yet
                cursor.execute(
                    "SELECT setval(%s, min_value, false) FROM pg_sequences WHERE sequencename = %s",
                    [name, name],
                )
            else:
                cursor.execute("SELECT setval(%s, %s)", [name, last_value])


def sequence_range(name):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT min_value, max_value FROM pg_sequences WHERE sequencename = %s", [name]
        )
        return cursor.fetchone()


@database_examples
@given(data=st.data())
def test_every_reference_the_database_can_give_is_well_formed(
    citizen, make_application, sequences_put_back, data
):
    cases = [
        ("applications_application_reference_seq", make_application, "applicant", str),
        ("applications_inquiry_reference_seq", make_inquiry, "author", "{:08d}".format),
    ]
    for name, make, person, shown in cases:
        position = data.draw(st.integers(*sequence_range(name)), label=name)
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SELECT setval(%s, %s, false)", [name, position])

            reference = make(**{person: citizen}).reference

            assert re.fullmatch(REFERENCE_FORMAT, reference)
            assert reference == shown(position)
            transaction.set_rollback(True)  # the next example may draw the same position


def test_history_cannot_be_emptied_with_truncate(citizen, make_application):
    make_application(applicant=citizen)
    make_inquiry(author=citizen)

    with connection.cursor() as cursor:
        # As in a session of its own: the rows' foreign key checks are done.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    for model in [ApplicationStatusChange, InquiryStatusChange]:
        with (
            pytest.raises(InternalError, match="append-only"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(f"TRUNCATE {model._meta.db_table} CASCADE")
        assert model.objects.exists()
