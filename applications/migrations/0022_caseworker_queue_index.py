import django.db.models.deletion
from django.conf import settings
from django.contrib.postgres.operations import AddIndexConcurrently
from django.db import migrations, models


def assigned_to(related_name):
    return models.ForeignKey(
        blank=True,
        db_index=False,
        limit_choices_to={"is_staff": True},
        null=True,
        on_delete=django.db.models.deletion.SET_NULL,
        related_name=related_name,
        to=settings.AUTH_USER_MODEL,
        verbose_name="assigned to",
    )


def key_index_dropped(model_name, related_name, suffix):
    """The key's own index, which the new one begins with, dropped without blocking the table
    (Django's AlterField would also drop and check again the key's constraint)."""
    table, index = (
        f"applications_{model_name}",
        f"applications_{model_name}_assigned_to_id_{suffix}",
    )
    return migrations.SeparateDatabaseAndState(
        state_operations=[
            migrations.AlterField(
                model_name=model_name, name="assigned_to", field=assigned_to(related_name)
            )
        ],
        database_operations=[
            migrations.RunSQL(
                f'DROP INDEX CONCURRENTLY IF EXISTS "{index}"',
                f'CREATE INDEX CONCURRENTLY IF NOT EXISTS "{index}" ON "{table}" ("assigned_to_id")',
            )
        ],
    )


class Migration(migrations.Migration):
    # Millions of cases: the new indexes are built without blocking new ones (which cannot
    # happen inside a transaction), and only then is the key's own index dropped.
    atomic = False

    dependencies = [
        ("applications", "0021_status_known"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        AddIndexConcurrently(
            model_name="application",
            index=models.Index(
                fields=["assigned_to", "-submitted_at", "-id"], name="application_assigned_idx"
            ),
        ),
        AddIndexConcurrently(
            model_name="inquiry",
            index=models.Index(
                fields=["assigned_to", "-submitted_at", "-id"], name="inquiry_assigned_idx"
            ),
        ),
        key_index_dropped("application", "assigned_applications", "a47f3764"),
        key_index_dropped("inquiry", "assigned_inquiries", "5571cf8a"),
    ]
