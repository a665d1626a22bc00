import io

import pytest
from allauth.account.models import EmailAddress
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from applications.models import Service
from applications.services import application_submit, inquiry_submit


@pytest.fixture(autouse=True)
def attachment_root(settings, tmp_path):
    settings.APPLICATIONS_ATTACHMENT_ROOT = tmp_path / "attachments"
    return settings.APPLICATIONS_ATTACHMENT_ROOT


@pytest.fixture
def make_citizen(db, django_user_model):
    # No password: hashing one costs a third of a second, and tests sign in with force_login.
    def make(email="citizen@example.com", **fields):
        user = django_user_model.objects.create_user(email=email, password=None, **fields)
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
        return user

    return make


@pytest.fixture
def citizen(make_citizen):
    return make_citizen(email="li.na@example.com", full_name="Li Na")


@pytest.fixture
def other_citizen(make_citizen):
    return make_citizen(email="zhou.bin@example.com", full_name="Zhou Bin")


@pytest.fixture
def caseworker(make_staff):
    return make_staff("caseworker@city.example", "Wang Fang", group="Caseworkers")


@pytest.fixture
def service(db):
    return Service.objects.create(
        name="Residence permit renewal",
        slug="residence-permit-renewal",
        summary="Renew a residence permit before it expires.",
        description="For foreign residents whose permit expires within 30 days.",
        processing_days=15,
    )


@pytest.fixture
def parking_service(db):
    return Service.objects.create(
        name="Resident parking permit",
        slug="resident-parking-permit",
        summary="Park in the resident zones of your neighbourhood without time limits.",
        description="Use this service to get a permit to park in your district's resident zones.",
        who_can_apply="People registered at an address inside a resident parking zone.",
        what_to_provide="Your registered address and the plate number of your car.",
        fees="120 yuan a year, paid after approval.",
        processing_days=7,
    )


@pytest.fixture
def closed_service(db):
    return Service.objects.create(
        name="Heritage facade restoration grant",
        slug="heritage-facade-grant",
        summary="A grant towards restoring a listed facade.",
        description="The next round opens in March.",
        processing_days=60,
        is_open=False,
    )


@pytest.fixture
def submit_application(service, django_capture_on_commit_callbacks):
    def submit(applicant, details="Please renew my permit.", attachments=(), **kwargs):
        # A service without questions of its own asks for these two (applications.questions).
        # As at the end of a request: what waits for the commit (moving the files) is done.
        with django_capture_on_commit_callbacks(execute=True):
            return application_submit(
                applicant=applicant,
                service=kwargs.pop("service", service),
                answers={"details": details},
                uploads={"documents": list(attachments)},
                **kwargs,
            )

    return submit


@pytest.fixture
def submit_inquiry():
    def submit(author, subject="Library opening hours", message="When is it open on holidays?"):
        return inquiry_submit(author=author, subject=subject, message=message)

    return submit


def image_bytes(kind="JPEG", size=(40, 30), exif=None):
    output = io.BytesIO()
    options = {"exif": exif} if exif is not None else {}
    Image.new("RGB", size, (200, 30, 30)).save(output, format=kind, **options)
    return output.getvalue()


PDF_BYTES = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"


def upload(name, content, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)
