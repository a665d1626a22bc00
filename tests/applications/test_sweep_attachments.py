"""Interrupted submissions leave no file behind for good: the sweep finishes or removes them."""

import os
import time

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command

from applications.models import Attachment, attachment_storage
from applications.uploads import INCOMING, check_upload
from tests.factories import PDF_BYTES, upload

pytestmark = pytest.mark.django_db

AN_HOUR_AGO = time.time() - 2 * 60 * 60


def a_pdf():
    return check_upload(upload("a.pdf", PDF_BYTES))


def write(name, *, modified=AN_HOUR_AGO):
    storage = attachment_storage()
    storage.save(name, ContentFile(PDF_BYTES))
    os.utime(storage.path(name), (modified, modified))


def test_a_saved_submission_whose_file_was_not_moved_gets_it(citizen, make_application):
    application = make_application(
        applicant=citizen, attachments=[check_upload(upload("a.pdf", PDF_BYTES))]
    )
    attachment = application.attachments.get()
    storage = attachment_storage()
    # As if the process died between the commit and the move.
    storage.delete(attachment.file.name)
    write(f"{INCOMING}/{attachment.file.name.split('/')[-1]}")

    call_command("sweep_attachments", verbosity=0)

    assert storage.exists(attachment.file.name)
    assert storage.listdir(INCOMING) == ([], [])


def test_files_nothing_refers_to_are_removed_once_old_enough(citizen, make_application):
    application = make_application(
        applicant=citizen, attachments=[check_upload(upload("a.pdf", PDF_BYTES))]
    )
    kept = application.attachments.get().file.name
    write(f"{INCOMING}/interrupted.pdf")
    write(f"{application.reference}/orphan.pdf")
    write(f"{INCOMING}/still-uploading.pdf", modified=time.time())

    call_command("sweep_attachments", verbosity=0)

    storage = attachment_storage()
    assert storage.exists(kept)
    assert not storage.exists(f"{INCOMING}/interrupted.pdf")
    assert not storage.exists(f"{application.reference}/orphan.pdf")
    assert storage.exists(f"{INCOMING}/still-uploading.pdf")
    assert Attachment.objects.count() == 1


def test_a_dry_run_changes_nothing(capsys):
    write(f"{INCOMING}/interrupted.pdf")

    call_command("sweep_attachments", "--dry-run")

    assert attachment_storage().exists(f"{INCOMING}/interrupted.pdf")
    assert (
        "Dry run, nothing changed: 0 file(s) moved into place, 1 unused" in capsys.readouterr().out
    )


def test_an_empty_attachment_folder_is_fine(capsys):
    call_command("sweep_attachments")

    assert "0 file(s) moved into place, 0 unused file(s) removed." in capsys.readouterr().out
