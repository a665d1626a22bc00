"""Download my data holds the emails sent to the person and the files of their cases: those they
attached, and those the city sent them."""

import json

import pytest
from allauth.account.models import EmailAddress
from django.core.files.base import ContentFile
from django.urls import reverse

from applications.models import Attachment
from applications.services import application_change_status
from portal.models import OutgoingEmail
from tests.factories import PDF_BYTES, approve_with_a_permit
from tests.images import image_bytes

from .conftest import downloaded_archive

pytestmark = pytest.mark.django_db


@pytest.fixture
def application(citizen, make_application):
    return make_application(applicant=citizen, details="Please renew.")


def attach(application, name, content, content_type):
    attachment = Attachment(
        application=application, original_name=name, content_type=content_type, size=len(content)
    )
    attachment.file.save(name, ContentFile(content))
    return attachment


def download(client, user):
    client.force_login(user)
    archive = downloaded_archive(client.get(reverse("accounts:data_download")))
    return archive, json.loads(archive["data.json"])


def test_the_attached_files_are_in_the_zip_under_their_case_reference(client, citizen, application):
    photo = image_bytes()
    attach(application, "passport.pdf", PDF_BYTES, "application/pdf")
    attach(application, "photo.jpg", photo, "image/jpeg")

    archive, data = download(client, citizen)

    folder = f"attachments/{application.reference}"
    assert set(archive) == {"data.json", f"{folder}/passport.pdf", f"{folder}/photo.jpg"}
    assert archive[f"{folder}/passport.pdf"] == PDF_BYTES
    assert archive[f"{folder}/photo.jpg"] == photo
    [exported] = data["applications"]
    assert {a["file"] for a in exported["files"]} == {
        f"{folder}/passport.pdf",
        f"{folder}/photo.jpg",
    }


def test_a_file_the_city_sent_with_a_decision_is_in_the_zip_under_its_change(
    client, citizen, caseworker, application, django_capture_on_commit_callbacks
):
    application_change_status(application=application, to_status="received", by=caseworker)
    with django_capture_on_commit_callbacks(execute=True):
        approve_with_a_permit(application, by=caseworker)

    archive, data = download(client, citizen)

    path = f"attachments/{application.reference}/permit.pdf"
    assert archive[path] == PDF_BYTES
    [exported] = data["applications"]
    assert [file["file"] for file in exported["files"]] == [path]
    assert exported["history"][-1]["files"] == [{"name": "permit.pdf", "size": len(PDF_BYTES)}]


def test_a_file_is_in_the_zip_under_the_name_the_pages_show(client, citizen, application):
    attach(application, "site plan 现场.pdf", PDF_BYTES, "application/pdf")
    # A name from before names were cleaned as they are now: never a way out of its folder.
    old = attach(application, "escape.pdf", PDF_BYTES, "application/pdf")
    old.original_name = "../../escape.pdf"
    old.save()

    archive, _ = download(client, citizen)

    folder = f"attachments/{application.reference}"
    assert set(archive) == {"data.json", f"{folder}/site plan 现场.pdf", f"{folder}/escape.pdf"}


def test_two_files_sent_with_one_name_both_reach_the_zip(client, citizen, application):
    first = attach(application, "scan.pdf", PDF_BYTES, "application/pdf")
    second = attach(application, "scan.pdf", PDF_BYTES.replace(b"1.4", b"1.5"), "application/pdf")

    archive, _ = download(client, citizen)

    folder = f"attachments/{application.reference}"
    assert archive[f"{folder}/scan.pdf"] == first.file.open("rb").read()
    assert archive[f"{folder}/{second.pk}-scan.pdf"] == second.file.open("rb").read()


def test_a_file_missing_from_the_store_leaves_the_rest_of_the_download_whole(
    client, citizen, application
):
    lost = attach(application, "lost.pdf", PDF_BYTES, "application/pdf")
    attach(application, "kept.pdf", PDF_BYTES, "application/pdf")
    lost.file.storage.delete(lost.file.name)

    archive, data = download(client, citizen)

    assert f"attachments/{application.reference}/kept.pdf" in archive
    assert f"attachments/{application.reference}/lost.pdf" not in archive
    assert len(data["applications"][0]["files"]) == 2


def test_the_emails_sent_to_the_person_are_listed_without_the_text_of_secret_ones(
    client, citizen, application, delivered_mail
):
    EmailAddress.objects.create(user=citizen, email="li.na@old.example")
    OutgoingEmail.objects.create(
        from_email="noreply@city.example",
        to=["li.na@old.example"],
        subject="Reset your password",
        body_text="https://portal.example/accounts/password/reset/key/secret/",
        is_private=True,
    )
    OutgoingEmail.objects.create(
        from_email="noreply@city.example",
        to=["someone.else@example.com"],
        subject="Not for Li Na",
        body_text="...",
    )
    delivered_mail()

    _, data = download(client, citizen)

    by_subject = {email["subject"]: email for email in data["emails"]}
    assert len(data["emails"]) == 2
    receipt = next(email for email in data["emails"] if email["about"] == application.reference)
    assert receipt["status"] == "Sent"
    assert application.reference in receipt["text"]
    reset = by_subject["Reset your password"]
    assert reset["text"] is None
    assert "secret" not in str(data)
    assert "Not for Li Na" not in by_subject
