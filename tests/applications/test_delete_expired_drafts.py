"""Drafts are deleted, with their files, once their service's keeping time has passed since
their last change, and their owners are told a week before, once; --dry-run only says which."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from applications.models import Attachment, Draft
from applications.services import draft_save_page
from applications.uploads import check_upload
from portal.models import OutgoingEmail
from tests.factories import PDF_BYTES, make_citizen, make_service, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def save_draft(django_capture_on_commit_callbacks):
    def save(applicant, service, days_ago):
        with django_capture_on_commit_callbacks(execute=True):
            draft = draft_save_page(
                applicant=applicant,
                service=service,
                answers={"details": "Renew"},
                uploads={"documents": [check_upload(upload("scan.pdf", PDF_BYTES))]},
            )
        changed = timezone.now() - timedelta(days=days_ago)
        Draft.objects.filter(pk=draft.pk).update(
            updated_at=changed, expires_at=changed + timedelta(days=service.draft_days)
        )
        return draft

    return save


@pytest.fixture
def quick_service(db):
    return make_service(name="Quick", draft_days=7)


def test_old_drafts_and_their_files_go_recent_ones_stay(
    citizen,
    other_citizen,
    service,
    quick_service,
    save_draft,
    capsys,
    django_capture_on_commit_callbacks,
):
    expired = save_draft(citizen, service, days_ago=31)
    kept = save_draft(other_citizen, service, days_ago=29)
    quick = save_draft(citizen, quick_service, days_ago=8)  # this service keeps drafts 7 days
    expired_file = Attachment.objects.get(draft=expired).file

    with django_capture_on_commit_callbacks(execute=True):
        call_command("delete_expired_drafts", verbosity=2)

    assert list(Draft.objects.all()) == [kept]
    assert not Attachment.objects.filter(draft__in=[expired.pk, quick.pk]).exists()
    assert not expired_file.storage.exists(expired_file.name)
    out = capsys.readouterr().out
    assert "Residence permit renewal for li.na@example.com" in out
    assert "Deleted 2 draft(s) past their keeping time." in out


def test_a_dry_run_deletes_nothing(citizen, service, save_draft, capsys):
    save_draft(citizen, service, days_ago=40)

    call_command("delete_expired_drafts", "--dry-run")

    assert Draft.objects.count() == 1
    assert Attachment.objects.count() == 1
    assert (
        "Dry run, nothing deleted: 1 draft(s) past their keeping time." in capsys.readouterr().out
    )


def test_a_change_to_a_draft_starts_its_keeping_time_again(citizen, service, save_draft):
    draft = save_draft(citizen, service, days_ago=29)

    draft_save_page(
        applicant=citizen, service=service, answers={"details": "Renew now"}, uploads={}
    )

    draft.refresh_from_db()
    assert draft.expires_at > timezone.now() + timedelta(days=29)
    assert draft.answers["details"] == "Renew now"
    assert len(draft.answers["documents"]) == 1


def test_owners_are_told_once_a_week_before_their_draft_is_deleted(
    citizen, other_citizen, service, quick_service, save_draft, capsys, delivered_mail
):
    soon = save_draft(citizen, service, days_ago=24)  # deleted in 6 days
    save_draft(other_citizen, service, days_ago=20)  # in 10 days: not yet
    save_draft(other_citizen, quick_service, days_ago=2)  # kept 7 days only: never told
    save_draft(make_citizen(email="late@example.com"), service, days_ago=31)  # past its time
    # Deleted tonight: a reminder would come minutes before.
    save_draft(make_citizen(email="last.day@example.com"), service, days_ago=29.5)
    closed = make_service(name="Closed service")
    save_draft(make_citizen(email="closed@example.com"), closed, days_ago=24)
    closed.is_open = False  # its link to continue would lead nowhere
    closed.save()

    call_command("remind_expiring_drafts", verbosity=2)

    [email] = delivered_mail()
    assert email.to == ["li.na@example.com"]
    assert email.subject.startswith("Your application for Residence permit renewal is not sent")
    soon.refresh_from_db()
    deleted_on = timezone.localtime(soon.expires_at)
    assert f"We keep it until {deleted_on.day} {deleted_on:%B %Y}." in email.body
    assert f"http://127.0.0.1:8000/services/{service.slug}/apply/\n" in email.body
    assert "Continue your application" in email.alternatives[0].content
    assert "Reminded the owners of 1 draft(s)" in capsys.readouterr().out
    call_command("remind_expiring_drafts")
    assert len(delivered_mail()) == 1


def test_a_draft_changed_after_its_reminder_is_reminded_again_before_its_new_time(
    citizen, service, save_draft, delivered_mail
):
    save_draft(citizen, service, days_ago=24)
    call_command("remind_expiring_drafts")

    save_draft(citizen, service, days_ago=25)  # changed, then left again

    call_command("remind_expiring_drafts")
    assert len(delivered_mail()) == 2


def test_the_reminder_speaks_the_owners_language(service, save_draft, delivered_mail):
    service.name_zh_hans = "居住证续签"
    service.save()
    owner = make_citizen(email="wang.fang@example.com", contact_language="zh-hans")
    save_draft(owner, service, days_ago=24)

    call_command("remind_expiring_drafts")

    [email] = delivered_mail()
    assert email.subject.startswith("您的“居住证续签”申请尚未提交")
    assert f"/zh-hans/services/{service.slug}/apply/" in email.body


def test_a_dry_run_of_reminders_sends_nothing(citizen, service, save_draft, capsys):
    save_draft(citizen, service, days_ago=24)

    call_command("remind_expiring_drafts", "--dry-run")

    assert "Dry run, nothing sent: 1 draft(s) to be deleted within 7 days." in (
        capsys.readouterr().out
    )
    assert Draft.objects.get().reminded_at is None
    assert not OutgoingEmail.objects.exists()
