from django.contrib.postgres.operations import AddIndexConcurrently
from django.db import migrations, models

LISTED = models.Q(("listed_publicly", True))


class Migration(migrations.Migration):
    # Built without blocking new cases (see 0004). Each index holds only the listed cases.
    atomic = False

    dependencies = [("applications", "0008_public_listing")]

    operations = [
        AddIndexConcurrently(
            model_name="application",
            index=models.Index(
                condition=LISTED,
                fields=["-submitted_at", "-id"],
                name="application_listed_newest_idx",
            ),
        ),
        AddIndexConcurrently(
            model_name="application",
            index=models.Index(
                condition=LISTED,
                fields=["status", "-submitted_at", "-id"],
                name="application_listed_status_idx",
            ),
        ),
        AddIndexConcurrently(
            model_name="application",
            index=models.Index(
                condition=LISTED,
                fields=["service", "-submitted_at", "-id"],
                name="application_listed_service_idx",
            ),
        ),
        AddIndexConcurrently(
            model_name="inquiry",
            index=models.Index(
                condition=LISTED, fields=["-submitted_at", "-id"], name="inquiry_listed_newest_idx"
            ),
        ),
        AddIndexConcurrently(
            model_name="inquiry",
            index=models.Index(
                condition=LISTED,
                fields=["status", "-submitted_at", "-id"],
                name="inquiry_listed_status_idx",
            ),
        ),
    ]
