"""Every email goes through the outbox, with the change it reports, and the worker sends it."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from applications.services import application_change_status
from portal.mail import deliver_due, retry_delay
from portal.models import OutgoingEmail, SiteProfile
from tests.factories import make_application
from tests.html import text_of
from tests.staff import sign_in_with_two_factors

pytestmark = pytest.mark.django_db

LOCMEM = "django.core.mail.backends.locmem.EmailBackend"
CHANGELIST = reverse("admin:portal_outgoingemail_changelist")


class BrokenMailServer(BaseEmailBackend):
    def send_messages(self, messages):
        raise ConnectionRefusedError("mail server down")


@pytest.fixture
def mail_server_down(settings):
    settings.MAILERS = {**settings.MAILERS, "delivery": {"BACKEND": f"{__name__}.BrokenMailServer"}}


def make_due():
    OutgoingEmail.objects.update(next_attempt_at=timezone.now())


def test_a_case_update_waits_in_the_outbox_until_the_worker_sends_it(citizen, caseworker):
    application = make_application(applicant=citizen)
    application_change_status(
        application=application,
        to_status="received",
        by=caseworker,
        note_to_citizen="All documents are here.",
    )
    email = OutgoingEmail.objects.latest("pk")
    assert (email.status, email.reference, email.to) == (
        "pending",
        application.reference,
        [citizen.email],
    )
    assert mail.outbox == []

    assert deliver_due() == (2, 0)  # the receipt of the application, then the update

    email.refresh_from_db()
    assert email.status == OutgoingEmail.Status.SENT
    assert email.sent_at is not None
    message = mail.outbox[-1]
    assert message.subject == (
        f"Your application {application.reference} is now “Received” | Shanghai City Portal"
    )
    assert "All documents are here." in message.body
    assert "What happens next:" in message.body
    assert f"http://127.0.0.1:8000/applications/{application.reference}/" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert application.reference in html


def test_a_rolled_back_change_queues_no_email(citizen, caseworker):
    application = make_application(applicant=citizen)
    queued = OutgoingEmail.objects.count()

    with transaction.atomic():
        application_change_status(application=application, to_status="received", by=caseworker)
        transaction.set_rollback(True)

    assert OutgoingEmail.objects.count() == queued


def test_a_failed_send_stays_pending_and_is_retried_later(citizen, mail_server_down, settings):
    make_application(applicant=citizen)

    assert deliver_due() == (0, 1)
    email = OutgoingEmail.objects.get()
    assert (email.status, email.attempts) == (OutgoingEmail.Status.PENDING, 1)
    assert "mail server down" in email.last_error
    assert email.next_attempt_at > timezone.now() + timedelta(seconds=50)

    assert deliver_due() == (0, 0)  # not due yet

    make_due()
    deliver_due()  # due, server still down
    email.refresh_from_db()
    assert (email.status, email.attempts) == (OutgoingEmail.Status.PENDING, 2)
    assert email.next_attempt_at > timezone.now() + timedelta(seconds=110)

    settings.MAILERS = {
        **settings.MAILERS,
        "delivery": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"},
    }
    make_due()
    assert deliver_due() == (1, 0)
    assert len(mail.outbox) == 1


def test_retries_grow_to_six_hours_apart_and_last_about_a_week(settings):
    delays = [retry_delay(attempt) for attempt in range(1, settings.MAIL_MAX_ATTEMPTS)]

    assert delays[:3] == [timedelta(minutes=1), timedelta(minutes=2), timedelta(minutes=4)]
    assert max(delays) == timedelta(hours=6) == delays[-1]
    assert sum(delays, timedelta()) >= timedelta(days=7)


def test_the_worker_gives_up_after_the_last_attempt_and_keeps_the_email(
    citizen, mail_server_down, settings, caplog
):
    settings.MAIL_MAX_ATTEMPTS = 2
    make_application(applicant=citizen)
    for _ in range(3):
        make_due()
        call_command("send_queued_mail", verbosity=0)

    email = OutgoingEmail.objects.get()
    assert (email.status, email.attempts) == (OutgoingEmail.Status.FAILED, 2)
    assert [record.levelname for record in caplog.records if "gave up" in record.message] == [
        "ERROR"
    ]


def test_dry_run_lists_what_is_due_and_sends_nothing(citizen, capsys):
    make_application(applicant=citizen)

    call_command("send_queued_mail", "--dry-run", verbosity=2)

    output = capsys.readouterr().out
    assert "Would send" in output
    assert citizen.email in output
    assert "1 email(s) due" in output
    assert OutgoingEmail.objects.get().status == OutgoingEmail.Status.PENDING
    assert mail.outbox == []


def test_the_command_reports_what_it_sent(citizen, capsys):
    make_application(applicant=citizen)

    call_command("send_queued_mail")

    assert "1 sent." in capsys.readouterr().out
    assert len(mail.outbox) == 1


def test_sign_in_links_are_neither_shown_to_staff_nor_kept_after_sending(
    client, citizen, caseworker
):
    client.post(reverse("account_reset_password"), {"email": citizen.email})
    reset = OutgoingEmail.objects.get()
    assert reset.is_private
    assert "/accounts/password/reset/key/" in reset.body_text
    make_application(applicant=citizen)
    sign_in_with_two_factors(client, caseworker)

    page = client.get(reverse("admin:portal_outgoingemail_change", args=[reset.pk]))

    assert "/accounts/password/reset/key/" not in page.content.decode()
    assert "Not shown" in page.content.decode()
    deliver_due()
    reset.refresh_from_db()
    assert (reset.status, reset.body_text, reset.body_html) == ("sent", "", "")
    assert "/accounts/password/reset/key/" in mail.outbox[0].body


def test_caseworkers_find_a_citizens_emails_and_send_again_one_that_gave_up(
    client, citizen, caseworker
):
    application = make_application(applicant=citizen)
    email = OutgoingEmail.objects.get()
    OutgoingEmail.objects.update(status=OutgoingEmail.Status.FAILED)
    sign_in_with_two_factors(client, caseworker)

    for term in [citizen.email, application.reference]:
        listed = client.get(CHANGELIST, {"q": term})
        assert listed.status_code == 200
        assert f"/admin/portal/outgoingemail/{email.pk}/change/" in listed.content.decode()
    client.post(CHANGELIST, {"action": "send_again", "_selected_action": [email.pk], "index": 0})

    assert OutgoingEmail.objects.get().status == OutgoingEmail.Status.PENDING
    assert client.get(reverse("admin:portal_outgoingemail_add")).status_code == 403


@pytest.mark.parametrize(("language", "name"), [("en", "City Portal"), ("zh-hans", "城市门户网站")])
def test_every_email_ends_its_subject_with_the_portal_name_once_in_its_language(
    client, citizen, caseworker, language, name
):
    profile = SiteProfile.load()
    profile.name, profile.name_zh_hans = "City Portal", "城市门户网站"
    profile.save()
    citizen.contact_language = language
    citizen.save()
    prefix = "" if language == "en" else f"/{language}"

    client.post(f"{prefix}/accounts/password/reset/", {"email": citizen.email})
    application = make_application(applicant=citizen)
    application_change_status(application=application, to_status="received", by=caseworker)
    deliver_due()

    reset, received, update = mail.outbox
    for message in (reset, received, update):
        assert message.subject.endswith(f" | {name}")
        assert message.subject.count(name) == 1
    assert reset.subject.startswith("Reset your password" if language == "en" else "重置密码")
    assert application.reference in update.subject


@pytest.mark.parametrize(
    ("language", "heading"),
    [
        ("en", "Your application was received to li.na@example.com"),
        ("zh-hans", "Your application was received（收件人：li.na@example.com）"),
    ],
)
def test_an_email_is_named_in_the_language_of_the_member_of_staff(
    client, caseworker, language, heading
):
    email = OutgoingEmail.objects.create(
        from_email="portal@city.example",
        to=["li.na@example.com"],
        subject="Your application was received",
        body_text="We have your application.",
    )
    caseworker.contact_language = language
    caseworker.save()
    sign_in_with_two_factors(client, caseworker)

    page = client.get(reverse("admin:portal_outgoingemail_change", args=[email.pk]))

    assert text_of(page, "#content .titles h2") == heading
