"""A file keeps one random name from its temporary place to its own: the sweep finds where a
file left under incoming/ belongs by that name."""

import os
import time

import pytest
from django.core.management import call_command

from applications.models import Attachment
from applications.uploads import attachment_store, check_upload
from tests.factories import PDF_BYTES, upload

pytestmark = pytest.mark.django_db

TWO_HOURS_AGO = time.time() - 2 * 60 * 60


def test_an_interrupted_move_is_finished_under_the_same_name(citizen, make_application):
    application = make_application(applicant=citizen)
    attachment = Attachment(
        application=application,
        original_name="a.pdf",
        content_type="application/pdf",
        size=len(PDF_BYTES),
    )
    # The request ends before its commit moves the file into place.
    incoming = attachment_store(check_upload(upload("a.pdf", PDF_BYTES)), attachment=attachment)
    attachment.save()
    storage = attachment.file.storage
    os.utime(storage.path(incoming), (TWO_HOURS_AGO, TWO_HOURS_AGO))

    call_command("sweep_attachments", verbosity=0)

    assert incoming.split("/")[-1] == attachment.file.name.split("/")[-1]
    assert storage.exists(attachment.file.name)
    assert not storage.exists(incoming)
