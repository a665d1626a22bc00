"""Applications sent before services had questions keep what they said: their details become
the answer to "Your application", their files that to "Supporting documents (optional)"."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = ("applications", "0012_services_questions_drafts")
AFTER = ("applications", "0014_remove_application_details")


def migrate(target):
    executor = MigrationExecutor(connection)
    executor.migrate([target])
    return executor.loader.project_state([target]).apps


def test_details_and_files_become_answers_and_come_back_when_undone():
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes("applications")
    try:
        apps = migrate(BEFORE)
        user = apps.get_model("accounts", "User").objects.create(email="li.na@example.com")
        service = apps.get_model("applications", "Service").objects.create(
            name="Permit",
            slug="permit",
            summary="A permit.",
            description="A permit.",
            processing_days=5,
        )
        Application = apps.get_model("applications", "Application")
        now = timezone.now()
        with_file, without = (
            Application.objects.create(
                applicant=user,
                service=service,
                details=details,
                submitted_at=now,
                due_at=now,
                status_changed_at=now,
            )
            for details in ["Please renew my permit.", "Another one."]
        )
        apps.get_model("applications", "Attachment").objects.create(
            application=with_file,
            file="x/scan.pdf",
            original_name="scan.pdf",
            content_type="application/pdf",
            size=10,
        )

        apps = migrate(AFTER)

        Answer = apps.get_model("applications", "Answer")
        assert sorted(
            Answer.objects.values_list(
                "application_id", "position", "question_text", "kind", "value"
            )
        ) == [
            (with_file.pk, 1, "Your application", "long_text", "Please renew my permit."),
            (with_file.pk, 2, "Supporting documents (optional)", "file", ""),
            (without.pk, 1, "Your application", "long_text", "Another one."),
        ]
        attachment = apps.get_model("applications", "Attachment").objects.get()
        assert attachment.answer.question_text == "Supporting documents (optional)"

        apps = migrate(BEFORE)

        Application = apps.get_model("applications", "Application")
        assert dict(Application.objects.values_list("pk", "details")) == {
            with_file.pk: "Please renew my permit.",
            without.pk: "Another one.",
        }
        assert not apps.get_model("applications", "Answer").objects.exists()
    finally:
        MigrationExecutor(connection).migrate(latest)
