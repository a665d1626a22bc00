from django.contrib.postgres.operations import AddIndexConcurrently
from django.db import migrations, models


class Migration(migrations.Migration):
    # The applications table holds millions of cases: the index is built without blocking new
    # ones, which cannot happen inside a transaction.
    atomic = False

    dependencies = [("applications", "0015_replies_follow_ups_inquiry_files")]

    operations = [
        AddIndexConcurrently(
            model_name="application",
            index=models.Index(
                fields=["status", "-status_changed_at"], name="application_status_changed_idx"
            ),
        ),
    ]
