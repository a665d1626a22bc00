import pytest
from django.db import transaction
from hypothesis import given
from hypothesis import strategies as st

from applications.models import Application, ApplicationStatusChange, Inquiry
from applications.services import (
    TransitionRefused,
    application_change_status,
    application_withdraw,
    inquiry_answer,
    inquiry_change_status,
)
from applications.statuses import (
    APPLICATION_TRANSITIONS,
    INQUIRY_TRANSITIONS,
    Actor,
    ApplicationStatus,
    InquiryStatus,
)
from portal.models import OutgoingEmail
from tests.factories import make_inquiry
from tests.strategies import database_examples

pytestmark = pytest.mark.django_db

ALL_APPLICATION_PAIRS = [(a, b) for a in ApplicationStatus for b in ApplicationStatus]
ALL_INQUIRY_PAIRS = [(a, b) for a in InquiryStatus for b in InquiryStatus]


def put_in_status(case, status):
    # Test set-up only: place a case in a status without a history row.
    type(case).objects.filter(pk=case.pk).update(status=status)
    case.refresh_from_db()
    return case


@pytest.mark.parametrize(("from_status", "to_status"), ALL_APPLICATION_PAIRS)
def test_caseworkers_make_exactly_the_application_changes_the_map_gives_staff(
    citizen, caseworker, make_application, from_status, to_status
):
    application = put_in_status(make_application(applicant=citizen), from_status)
    allowed = Actor.STAFF in APPLICATION_TRANSITIONS[from_status].get(to_status, ())
    history_before = application.history.count()

    if allowed:
        application_change_status(
            application=application, to_status=to_status, by=caseworker, note_to_citizen="Noted."
        )
        application.refresh_from_db()
        assert application.status == to_status
        last = application.history.last()
        assert (last.from_status, last.to_status, last.changed_by) == (
            from_status,
            to_status,
            caseworker,
        )
        assert last.note_to_citizen == "Noted."
    else:
        with pytest.raises(TransitionRefused):
            application_change_status(application=application, to_status=to_status, by=caseworker)
        application.refresh_from_db()
        assert application.status == from_status
        assert application.history.count() == history_before


@pytest.mark.parametrize("from_status", list(ApplicationStatus))
def test_citizens_may_withdraw_only_before_a_decision(citizen, make_application, from_status):
    application = put_in_status(make_application(applicant=citizen), from_status)
    decided = from_status in {
        ApplicationStatus.APPROVED,
        ApplicationStatus.REJECTED,
        ApplicationStatus.WITHDRAWN,
    }

    if decided:
        with pytest.raises(TransitionRefused):
            application_withdraw(application=application, by=citizen)
        assert Application.objects.get(pk=application.pk).status == from_status
    else:
        application_withdraw(application=application, by=citizen, reason="Moving away.")
        assert Application.objects.get(pk=application.pk).status == ApplicationStatus.WITHDRAWN
        assert application.history.last().note_to_citizen == "Moving away."


def test_nobody_but_the_applicant_can_withdraw(citizen, other_citizen, make_application):
    application = make_application(applicant=citizen)

    with pytest.raises(TransitionRefused):
        application_withdraw(application=application, by=other_citizen)
    assert Application.objects.get(pk=application.pk).status == ApplicationStatus.SUBMITTED


def test_caseworkers_cannot_withdraw_for_the_citizen(citizen, caseworker, make_application):
    application = make_application(applicant=citizen)

    with pytest.raises(TransitionRefused):
        application_change_status(
            application=application, to_status=ApplicationStatus.WITHDRAWN, by=caseworker
        )


@pytest.mark.parametrize(("from_status", "to_status"), ALL_INQUIRY_PAIRS)
def test_inquiry_changes_follow_the_map(citizen, caseworker, from_status, to_status):
    inquiry = put_in_status(make_inquiry(author=citizen), from_status)
    allowed = Actor.STAFF in INQUIRY_TRANSITIONS[from_status].get(to_status, ())

    def change():
        if to_status == InquiryStatus.ANSWERED:
            inquiry_answer(inquiry=inquiry, answer="It opens at 9:00.", by=caseworker)
        else:
            inquiry_change_status(inquiry=inquiry, to_status=to_status, by=caseworker)

    if allowed:
        change()
        assert Inquiry.objects.get(pk=inquiry.pk).status == to_status
        assert inquiry.history.last().to_status == to_status
    else:
        with pytest.raises(TransitionRefused):
            change()
        assert Inquiry.objects.get(pk=inquiry.pk).status == from_status


def test_answering_records_the_answer_and_moves_to_answered_in_one_step(citizen, caseworker):
    inquiry = make_inquiry(author=citizen)

    inquiry_answer(inquiry=inquiry, answer="  It opens at 9:00.  ", by=caseworker)

    inquiry = Inquiry.objects.get(pk=inquiry.pk)
    assert inquiry.status == InquiryStatus.ANSWERED
    assert inquiry.answer == "It opens at 9:00."
    assert inquiry.answered_by == caseworker
    assert inquiry.answered_at is not None
    assert [c.to_status for c in inquiry.history.all()] == ["received", "answered"]


def test_an_empty_answer_changes_nothing(citizen, caseworker):
    inquiry = make_inquiry(author=citizen)

    with pytest.raises(TransitionRefused.__base__):
        inquiry_answer(inquiry=inquiry, answer="   ", by=caseworker)
    assert Inquiry.objects.get(pk=inquiry.pk).status == InquiryStatus.RECEIVED


def test_a_refused_change_writes_no_history_and_no_email(citizen, caseworker, make_application):
    application = make_application(applicant=citizen)
    notifications = OutgoingEmail.objects.count()

    with pytest.raises(TransitionRefused):
        application_change_status(
            application=application, to_status=ApplicationStatus.APPROVED, by=caseworker
        )

    assert ApplicationStatusChange.objects.filter(application=application).count() == 1
    assert OutgoingEmail.objects.count() == notifications


def test_a_change_uses_the_status_in_the_database_not_a_stale_copy(
    citizen, caseworker, make_application
):
    application = make_application(applicant=citizen)
    stale = Application.objects.get(pk=application.pk)
    application_change_status(
        application=application, to_status=ApplicationStatus.RECEIVED, by=caseworker
    )

    application_change_status(
        application=stale, to_status=ApplicationStatus.PROCESSING, by=caseworker
    )

    assert [c.from_status for c in application.history.all()] == ["", "submitted", "received"]


# The maps themselves, for every path through them.

MAPS = {
    "applications": (
        APPLICATION_TRANSITIONS,
        ApplicationStatus,
        ApplicationStatus.SUBMITTED,
        {ApplicationStatus.APPROVED, ApplicationStatus.REJECTED, ApplicationStatus.WITHDRAWN},
    ),
    "inquiries": (
        INQUIRY_TRANSITIONS,
        InquiryStatus,
        InquiryStatus.RECEIVED,
        {InquiryStatus.CLOSED},
    ),
}


@pytest.mark.parametrize("kind", MAPS)
@given(choices=st.lists(st.integers(min_value=0), max_size=20))
def test_no_sequence_of_allowed_moves_reaches_a_status_the_map_does_not_name(kind, choices):
    transitions, statuses, status, _ = MAPS[kind]
    for choice in choices:
        moves = sorted(transitions[status])
        if not moves:
            break
        status = moves[choice % len(moves)]
        assert status in transitions
        assert status in statuses.values


@pytest.mark.parametrize("kind", MAPS)
def test_exactly_the_final_statuses_have_no_moves(kind):
    transitions, statuses, _, final = MAPS[kind]

    assert set(transitions) == set(statuses)
    assert {status for status, moves in transitions.items() if not moves} == final


@pytest.mark.parametrize("kind", MAPS)
def test_every_status_is_reachable_from_the_first(kind):
    transitions, statuses, initial, _ = MAPS[kind]
    reached, waiting = {initial}, [initial]
    while waiting:
        for following in transitions[waiting.pop()]:
            if following not in reached:
                reached.add(following)
                waiting.append(following)

    assert reached == set(statuses)


def test_a_citizen_may_withdraw_until_a_decision_and_answer_what_was_asked_for():
    citizens_moves = {
        (from_status, to_status)
        for from_status, moves in APPLICATION_TRANSITIONS.items()
        for to_status, actors in moves.items()
        if Actor.CITIZEN in actors
    }
    undecided = set(ApplicationStatus) - MAPS["applications"][3]
    reply = (ApplicationStatus.ACTION_REQUIRED, ApplicationStatus.RECEIVED)

    assert citizens_moves == {(status, ApplicationStatus.WITHDRAWN) for status in undecided} | {
        reply
    }


def test_a_citizen_moves_an_inquiry_by_a_follow_up_question_or_withdrawing_it_unanswered():
    citizens_moves = {
        (from_status, to_status)
        for from_status, moves in INQUIRY_TRANSITIONS.items()
        for to_status, actors in moves.items()
        if Actor.CITIZEN in actors
    }

    assert citizens_moves == {
        (InquiryStatus.ANSWERED, InquiryStatus.RECEIVED),
        (InquiryStatus.RECEIVED, InquiryStatus.CLOSED),
        (InquiryStatus.PROCESSING, InquiryStatus.CLOSED),
    }


@database_examples
@given(
    attempts=st.lists(
        st.tuples(st.sampled_from(list(ApplicationStatus)), st.sampled_from(list(Actor))),
        max_size=8,
    )
)
def test_any_sequence_of_attempted_changes_moves_only_as_the_map_allows(
    citizen, caseworker, make_application, attempts
):
    with transaction.atomic():
        application = make_application(applicant=citizen)
        status = ApplicationStatus.SUBMITTED
        for to_status, actor in attempts:
            if actor == Actor.CITIZEN:
                to_status = ApplicationStatus.WITHDRAWN  # the one change a citizen can ask for
            allowed = actor in APPLICATION_TRANSITIONS[status].get(to_status, ())
            try:
                if actor == Actor.CITIZEN:
                    application_withdraw(application=application, by=citizen)
                else:
                    application_change_status(
                        application=application, to_status=to_status, by=caseworker
                    )
            except TransitionRefused:
                assert not allowed, (status, to_status, actor)
            else:
                assert allowed, (status, to_status, actor)
                status = to_status
            assert Application.objects.get(pk=application.pk).status == status

        history = list(application.history.values_list("from_status", "to_status"))
        assert [to for _, to in history[:-1]] == [frm for frm, _ in history[1:]]
        transaction.set_rollback(True)
