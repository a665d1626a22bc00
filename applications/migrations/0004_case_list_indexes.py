from django.contrib.postgres.indexes import GinIndex, OpClass
from django.contrib.postgres.operations import AddIndexConcurrently, RemoveIndexConcurrently
from django.db import migrations, models
from django.db.models.functions import Upper


class Migration(migrations.Migration):
    # The tables hold millions of cases. CREATE INDEX would block every new application,
    # inquiry and status change until the index is built; CONCURRENTLY lets them go on, and it
    # cannot run inside a transaction.
    atomic = False

    dependencies = [("applications", "0003_caseworkers_group")]

    operations = [
        AddIndexConcurrently(
            model_name="application",
            index=models.Index(fields=["-submitted_at", "-id"], name="application_newest_idx"),
        ),
        AddIndexConcurrently(
            model_name="application",
            index=models.Index(
                fields=["status", "-submitted_at", "-id"], name="application_status_newest_idx"
            ),
        ),
        AddIndexConcurrently(
            model_name="inquiry",
            index=models.Index(fields=["-submitted_at", "-id"], name="inquiry_newest_idx"),
        ),
        AddIndexConcurrently(
            model_name="inquiry",
            index=models.Index(
                fields=["status", "-submitted_at", "-id"], name="inquiry_status_newest_idx"
            ),
        ),
        # The index on status alone is the first column of the one above.
        RemoveIndexConcurrently(model_name="inquiry", name="application_status_71c79c_idx"),
        # pg_trgm is usually there already (the site search uses it); it stays when this is undone.
        migrations.RunSQL("CREATE EXTENSION IF NOT EXISTS pg_trgm", migrations.RunSQL.noop),
        AddIndexConcurrently(
            model_name="inquiry",
            index=GinIndex(
                OpClass(Upper("subject"), name="gin_trgm_ops"), name="inquiry_subject_trgm_idx"
            ),
        ),
        AddIndexConcurrently(
            model_name="notification",
            index=models.Index(fields=["-created_at", "-id"], name="notification_newest_idx"),
        ),
    ]
