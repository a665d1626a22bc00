from functools import partial

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from applications.models import Service
from tests import factories
from tests.factories import make_service


@pytest.fixture
def service(db):
    return make_service(
        name="Residence permit renewal",
        slug="residence-permit-renewal",
        summary="Renew a residence permit before it expires.",
        description="For foreign residents whose permit expires within 30 days.",
        processing_days=15,
    )


@pytest.fixture
def make_application(service):
    """tests.factories.make_application, for the service fixture unless told otherwise."""
    return partial(factories.make_application, service=service)


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


PDF_BYTES = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"


def upload(name, content, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)
