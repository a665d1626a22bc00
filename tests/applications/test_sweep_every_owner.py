"""The attachment sweep knows the files of drafts, inquiries and replies as well as those sent
with applications: it keeps them, and finishes their interrupted moves."""

import os
import time

import pytest
from django.core.management import call_command

from applications.models import Attachment, attachment_storage
from applications.services import (
    application_change_status,
    application_reply,
    draft_save_page,
)
from applications.uploads import INCOMING, check_upload
from tests.factories import PDF_BYTES, make_inquiry, upload

pytestmark = pytest.mark.django_db

TWO_HOURS_AGO = time.time() - 2 * 60 * 60


def a_pdf():
    return check_upload(upload("a.pdf", PDF_BYTES))


def test_files_of_every_kind_of_owner_are_kept_and_moved_into_place(
    citizen, caseworker, service, make_application, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        application = make_application(applicant=citizen)
        for status in ["received", "action_required"]:
            application_change_status(application=application, to_status=status, by=caseworker)
        application_reply(application=application, by=citizen, message="", uploads=[a_pdf()])
        make_inquiry(author=citizen, attachments=[a_pdf()])
    # The draft's move is interrupted: its file is still under its temporary name.
    draft_save_page(
        applicant=citizen, service=service, answers={}, uploads={"documents": [a_pdf()]}
    )
    storage = attachment_storage()
    names = [attachment.file.name for attachment in Attachment.objects.all()]
    assert [name.split("/")[0] for name in names] == [
        application.reference,
        "inquiries",
        "drafts",
    ]
    for root, _folders, files in os.walk(storage.location):
        for file in files:
            os.utime(os.path.join(root, file), (TWO_HOURS_AGO, TWO_HOURS_AGO))

    call_command("sweep_attachments", verbosity=0)

    assert [storage.exists(name) for name in names] == [True, True, True], names
    assert storage.listdir(INCOMING)[1] == []
