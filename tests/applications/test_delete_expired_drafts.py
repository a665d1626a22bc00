"""Drafts are deleted, with their files, once their service's keeping time has passed since
their last change; --dry-run only says which."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from applications.models import Attachment, Draft
from applications.services import draft_save_page
from applications.uploads import check_upload
from tests.factories import PDF_BYTES, make_service, upload

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
