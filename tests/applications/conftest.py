from functools import partial

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

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


PDF_BYTES = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"


def upload(name, content, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)
