"""A case's emails are written in the citizen's contact language, with links to its pages in
that language."""

import pytest

from applications.services import application_change_status
from tests.factories import make_citizen

pytestmark = pytest.mark.django_db


def test_a_citizen_who_reads_chinese_gets_links_to_the_chinese_pages(
    make_application, caseworker, delivered_mail
):
    citizen = make_citizen(full_name="Zhang Wei", contact_language="zh-hans")
    application = make_application(applicant=citizen)
    application_change_status(application=application, to_status="received", by=caseworker)

    update = delivered_mail()[-1]

    assert f"/zh-hans/applications/{application.reference}/" in update.body
    assert "/zh-hans/status/?reference=" in update.body


def test_a_citizen_who_reads_english_gets_the_english_pages(
    make_application, citizen, caseworker, delivered_mail
):
    application = make_application(applicant=citizen)
    application_change_status(application=application, to_status="received", by=caseworker)

    update = delivered_mail()[-1]

    assert f"http://127.0.0.1:8000/applications/{application.reference}/" in update.body
    assert "/zh-hans/" not in update.body
