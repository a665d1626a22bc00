import itertools
import re
import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from applications.models import Application
from applications.services import (
    SentAlready,
    TransitionRefused,
    application_change_status,
    application_withdraw,
    inquiry_follow_up,
    inquiry_submit_once,
    inquiry_withdraw,
)
from applications.statuses import ApplicationStatus, InquiryStatus
from tests.factories import make_inquiry
from tests.html import messages

pytestmark = pytest.mark.django_db(transaction=True)


def run_together(*functions):
    """Start the functions in threads at the same moment; each thread has its own connection."""
    barrier = threading.Barrier(len(functions))
    errors = []

    def run(function):
        try:
            barrier.wait()
            function()
        except Exception as error:  # noqa: BLE001 - collected and checked by the test
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=[function]) for function in functions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return errors


def assert_history_is_one_unbroken_chain(application):
    history = list(application.history.values_list("from_status", "to_status"))
    for previous, following in itertools.pairwise(history):
        assert following[0] == previous[1], history
    application.refresh_from_db()
    assert application.status == history[-1][1]
    return [to_status for _, to_status in history]


def move(application, status, by):
    return lambda: application_change_status(
        application=Application.objects.get(pk=application.pk), to_status=status, by=by
    )


def test_two_changes_at_once_keep_both_history_rows(citizen, caseworker, make_application):
    application = make_application(applicant=citizen)
    application_change_status(
        application=application, to_status=ApplicationStatus.RECEIVED, by=caseworker
    )

    # Each move is allowed before and after the other, so both must be kept, in some order.
    errors = run_together(
        move(application, ApplicationStatus.PROCESSING, caseworker),
        move(application, ApplicationStatus.ACTION_REQUIRED, caseworker),
    )

    assert errors == []
    statuses = assert_history_is_one_unbroken_chain(application)
    assert sorted(statuses[2:]) == ["action_required", "processing"]


def test_a_withdrawal_and_a_decision_at_once_cannot_both_happen(
    citizen, caseworker, make_application
):
    application = make_application(applicant=citizen)
    for status in [ApplicationStatus.RECEIVED, ApplicationStatus.PROCESSING]:
        application_change_status(application=application, to_status=status, by=caseworker)

    errors = run_together(
        move(application, ApplicationStatus.APPROVED, caseworker),
        lambda: application_withdraw(
            application=Application.objects.get(pk=application.pk), by=citizen
        ),
    )

    assert len(errors) == 1
    assert isinstance(errors[0], TransitionRefused)
    statuses = assert_history_is_one_unbroken_chain(application)
    assert statuses[-1] in {"approved", "withdrawn"}
    assert len(statuses) == 4


def test_references_stay_unique_and_well_formed_when_many_apply_at_once(citizen, make_application):
    errors = run_together(
        *[lambda: make_application(applicant=citizen) for _ in range(4)],
        *[lambda: make_inquiry(author=citizen) for _ in range(4)],
    )

    assert errors == []
    references = [a.reference for a in Application.objects.all()] + [
        i.reference for i in citizen.inquiries.all()
    ]
    assert len(references) == len(set(references)) == 8
    assert all(re.fullmatch(r"\d{8}", reference) for reference in references)


def test_the_same_inquiry_sent_twice_at_once_is_kept_once(citizen):
    def send():
        inquiry_submit_once(author=citizen, subject="Library hours", message="When is it open?")

    errors = run_together(send, send)

    assert [type(error) for error in errors] == [SentAlready]
    assert citizen.inquiries.count() == 1


def test_withdrawing_an_inquiry_twice_at_once_closes_it_once_and_says_so_twice(citizen):
    inquiry = make_inquiry(author=citizen)
    url = reverse("applications:inquiry_withdraw", args=[inquiry.reference])
    said = []

    def withdraw():
        client = Client()
        client.force_login(citizen)
        said.extend(messages(client.post(url, {"reason": "Found it."}, follow=True)))

    assert run_together(withdraw, withdraw) == []

    assert sorted(said) == [
        "This inquiry is closed already.",
        f"You withdrew inquiry {inquiry.reference}. We will not answer it.",
    ]
    assert inquiry.history.filter(to_status=InquiryStatus.CLOSED).count() == 1


def test_only_its_author_withdraws_an_inquiry_and_only_before_its_answer(citizen, caseworker):
    answered = make_inquiry(author=citizen, answered_by=caseworker, answer="From nine to nine.")
    reopened = make_inquiry(author=citizen, answered_by=caseworker, answer="From nine.")
    inquiry_follow_up(inquiry=reopened, by=citizen, question="And on Sundays?")
    someone_elses = make_inquiry(author=caseworker)
    closed = make_inquiry(author=citizen)
    inquiry_withdraw(inquiry=closed, by=citizen)

    for inquiry in [answered, reopened, someone_elses, closed]:
        with pytest.raises(TransitionRefused):
            inquiry_withdraw(inquiry=inquiry, by=citizen)
