"""A citizen withdraws an inquiry they no longer need answered, until it is answered: it closes,
its history says who closed it and why, and they get the email of any status change."""

import pytest
from django.urls import reverse

from applications.models import Inquiry
from applications.services import inquiry_change_status, inquiry_follow_up
from applications.statuses import InquiryStatus
from tests.factories import make_citizen, make_inquiry
from tests.html import buttons, h1, links, messages, region, text

pytestmark = pytest.mark.django_db

REASON = "I found the opening hours on the library's own page."


def withdraw_url(inquiry):
    return reverse("applications:inquiry_withdraw", args=[inquiry.reference])


@pytest.fixture
def waiting(citizen):
    return make_inquiry(author=citizen, subject="Library hours", message="When is it open?")


@pytest.mark.parametrize("status", [InquiryStatus.RECEIVED, InquiryStatus.PROCESSING])
def test_a_citizen_withdraws_an_inquiry_not_answered_yet_and_is_told_by_email(
    client, citizen, caseworker, waiting, status, django_capture_on_commit_callbacks, delivered_mail
):
    if status == InquiryStatus.PROCESSING:
        inquiry_change_status(inquiry=waiting, to_status=status, by=caseworker)
    client.force_login(citizen)
    case_page = client.get(waiting.get_absolute_url())
    assert links(region(case_page, "No longer need an answer?"))["Withdraw inquiry"] == (
        withdraw_url(waiting)
    )

    confirm = client.get(withdraw_url(waiting))
    assert h1(confirm) == f"Withdraw inquiry {waiting.reference}?"
    assert "Yes, withdraw my inquiry" in buttons(confirm)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(withdraw_url(waiting), {"reason": REASON}, follow=True)

    assert messages(response) == [
        f"You withdrew inquiry {waiting.reference}. We will not answer it."
    ]
    waiting.refresh_from_db()
    assert waiting.status == InquiryStatus.CLOSED
    change = waiting.history.latest("changed_at")
    assert (change.from_status, change.changed_by, change.note_to_citizen) == (
        status,
        citizen,
        REASON,
    )
    assert "No longer need an answer?" not in text(response)
    email = delivered_mail()[-1]
    assert email.to == [citizen.email]
    assert "Closed" in email.subject
    assert f"Your note:\n{REASON}" in email.body


def test_an_answered_inquiry_cannot_be_withdrawn_and_nothing_changes(client, citizen, caseworker):
    answered = make_inquiry(author=citizen, answered_by=caseworker, answer="From nine to nine.")
    client.force_login(citizen)

    assert "No longer need an answer?" not in text(client.get(answered.get_absolute_url()))
    response = client.post(withdraw_url(answered), {"reason": REASON}, follow=True)

    assert messages(response) == ["This inquiry is answered: it can no longer be withdrawn."]
    answered.refresh_from_db()
    assert answered.status == InquiryStatus.ANSWERED


def test_a_follow_up_question_waiting_is_not_withdrawn_either(client, citizen, caseworker):
    answered = make_inquiry(author=citizen, answered_by=caseworker, answer="From nine to nine.")
    inquiry_follow_up(inquiry=answered, by=citizen, question="And on public holidays?")
    client.force_login(citizen)

    client.post(withdraw_url(answered), {"reason": REASON})

    answered.refresh_from_db()
    assert answered.status == InquiryStatus.RECEIVED


def test_withdrawing_twice_says_it_is_closed_already(client, citizen, waiting):
    client.force_login(citizen)
    client.post(withdraw_url(waiting), {"reason": REASON}, follow=True)

    response = client.post(withdraw_url(waiting), {"reason": "Again"}, follow=True)

    assert messages(response) == ["This inquiry is closed already."]
    assert waiting.history.count() == 2  # sent, then withdrawn once


def test_nobody_else_withdraws_an_inquiry(client, waiting):
    client.force_login(make_citizen(email="someone.else@example.com"))

    assert client.get(withdraw_url(waiting)).status_code == 404
    assert client.post(withdraw_url(waiting), {"reason": REASON}).status_code == 404
    assert Inquiry.objects.get().status == InquiryStatus.RECEIVED


def test_the_withdraw_page_reads_the_person_and_the_inquiry_only(
    client, citizen, waiting, django_assert_num_queries
):
    client.force_login(citizen)
    client.get(withdraw_url(waiting))

    # The session, the person, the verified address, the inquiry.
    with django_assert_num_queries(4):
        client.get(withdraw_url(waiting))
