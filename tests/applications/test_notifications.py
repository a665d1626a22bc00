from datetime import timedelta

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from applications.models import Notification
from applications.notifications import retry_delay
from applications.services import application_change_status
from tests.html import link_targets, text

pytestmark = pytest.mark.django_db


class BrokenMailServer(BaseEmailBackend):
    def send_messages(self, messages):
        raise ConnectionRefusedError("mail server down")


def test_each_change_is_in_the_outbox_and_sent_only_after_commit(
    citizen, caseworker, make_application, django_capture_on_commit_callbacks
):
    application = make_application(applicant=citizen)

    with django_capture_on_commit_callbacks() as callbacks:
        application_change_status(
            application=application,
            to_status="received",
            by=caseworker,
            note_to_citizen="All documents are here.",
        )
        notification = Notification.objects.latest("pk")
        assert notification.status == Notification.Status.PENDING
        assert mail.outbox == []

    for callback in callbacks:
        callback()

    notification.refresh_from_db()
    assert notification.status == Notification.Status.SENT
    assert notification.sent_at is not None
    message = mail.outbox[0]
    assert message.subject == f"Your application {application.reference} is now Received"
    assert "All documents are here." in message.body
    assert "What happens next:" in message.body
    case_url = f"http://127.0.0.1:8000/applications/{application.reference}/"
    assert case_url in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert application.reference in text(html)
    assert case_url in link_targets(html)


def test_a_rolled_back_change_sends_nothing(
    citizen, caseworker, make_application, django_capture_on_commit_callbacks
):
    from django.db import transaction

    application = make_application(applicant=citizen)
    with django_capture_on_commit_callbacks() as callbacks:
        with transaction.atomic():
            application_change_status(application=application, to_status="received", by=caseworker)
            transaction.set_rollback(True)

    assert callbacks == []
    assert application.history.count() == 1


def test_a_failed_send_stays_pending_and_the_command_retries_it(
    citizen, make_application, django_capture_on_commit_callbacks, settings
):
    settings.MAILERS = {"default": {"BACKEND": f"{__name__}.BrokenMailServer"}}
    with django_capture_on_commit_callbacks(execute=True):
        make_application(applicant=citizen)
    notification = Notification.objects.get()
    assert notification.status == Notification.Status.PENDING
    assert notification.attempts == 1
    assert "mail server down" in notification.last_error
    assert notification.next_attempt_at > timezone.now() + timedelta(seconds=50)

    call_command("send_notifications", verbosity=0)  # not due yet
    notification.refresh_from_db()
    assert notification.attempts == 1

    Notification.objects.update(next_attempt_at=timezone.now())
    call_command("send_notifications", verbosity=0)  # due, server still down
    notification.refresh_from_db()
    assert (notification.status, notification.attempts) == (Notification.Status.PENDING, 2)
    assert notification.next_attempt_at > timezone.now() + timedelta(seconds=110)

    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    Notification.objects.update(next_attempt_at=timezone.now())
    call_command("send_notifications", verbosity=0)
    notification.refresh_from_db()
    assert notification.status == Notification.Status.SENT
    assert len(mail.outbox) == 1


def test_a_mail_server_down_for_a_week_loses_no_message(settings):
    retries = range(1, settings.APPLICATIONS_NOTIFICATION_MAX_ATTEMPTS)

    assert sum((retry_delay(attempt) for attempt in retries), timedelta()) >= timedelta(days=7)


def test_the_command_gives_up_after_the_last_attempt_and_keeps_the_message(
    citizen, make_application, settings, caplog
):
    settings.MAILERS = {"default": {"BACKEND": f"{__name__}.BrokenMailServer"}}
    settings.APPLICATIONS_NOTIFICATION_MAX_ATTEMPTS = 2
    make_application(applicant=citizen)
    for _ in range(3):
        Notification.objects.update(next_attempt_at=timezone.now())
        call_command("send_notifications", verbosity=0)

    notification = Notification.objects.get()
    assert (notification.status, notification.attempts) == (Notification.Status.FAILED, 2)
    assert [record.levelname for record in caplog.records if "gave up" in record.message] == [
        "ERROR"
    ]


def test_dry_run_lists_what_is_due_and_sends_nothing(citizen, make_application, capsys):
    make_application(applicant=citizen)

    call_command("send_notifications", "--dry-run", verbosity=2)

    output = capsys.readouterr().out
    assert "Would send" in output and citizen.email in output
    assert "1 notification(s) due" in output
    assert Notification.objects.get().status == Notification.Status.PENDING
    assert mail.outbox == []


def test_the_command_reports_what_it_sent(citizen, make_application, capsys):
    make_application(applicant=citizen)

    call_command("send_notifications")

    assert "1 sent." in capsys.readouterr().out
    assert len(mail.outbox) == 1


def test_the_loop_sends_on_every_pass_until_stopped(citizen, make_application, monkeypatch, capsys):
    make_application(applicant=citizen)

    def stop(seconds):
        assert seconds == 5
        raise KeyboardInterrupt

    monkeypatch.setattr("applications.management.commands.send_notifications.time.sleep", stop)
    call_command("send_notifications", "--loop", "--interval", "5")

    assert len(mail.outbox) == 1
    assert "Stopped." in capsys.readouterr().out


# Retries come after 1, 2, 4 ... minutes and at most six hours apart (README, "Notification
# emails"): a message that failed at night still goes out the next morning.
LONGEST_WAIT = timedelta(hours=6)


def test_the_first_retry_comes_after_a_minute():
    assert [retry_delay(attempts) for attempts in (1, 2, 3)] == [
        timedelta(minutes=1),
        timedelta(minutes=2),
        timedelta(minutes=4),
    ]


@given(attempts=st.integers(min_value=1, max_value=10_000))
def test_each_wait_doubles_until_it_reaches_six_hours(attempts):
    wait = retry_delay(attempts)

    assert timedelta(minutes=1) <= wait <= LONGEST_WAIT
    assert retry_delay(attempts + 1) == min(2 * wait, LONGEST_WAIT)


def test_a_message_failing_for_a_day_is_tried_again_within_six_hours(
    citizen, make_application, settings
):
    settings.MAILERS = {"default": {"BACKEND": f"{__name__}.BrokenMailServer"}}
    make_application(applicant=citizen)
    Notification.objects.update(attempts=20, next_attempt_at=timezone.now())

    call_command("send_notifications", verbosity=0)

    notification = Notification.objects.get()
    assert notification.attempts == 21
    wait = notification.next_attempt_at - timezone.now()
    assert LONGEST_WAIT - timedelta(minutes=1) < wait <= LONGEST_WAIT
