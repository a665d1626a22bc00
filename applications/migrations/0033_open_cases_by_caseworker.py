"""Each caseworker's applications still to be dealt with, and those nobody has taken, indexed apart
from the many done with: "Your work" counts them and lists them newest first. Built without
blocking the table (applications keep arriving meanwhile), one index a migration, so that a
build that fails leaves the others recorded."""

from django.contrib.postgres.operations import AddIndexConcurrently
from django.db import migrations, models


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("applications", "0032_inquiry_subject_han_pairs"),
    ]

    operations = [
        AddIndexConcurrently(
            model_name="application",
            index=models.Index(
                condition=models.Q(
                    ("status__in", ("approved", "rejected", "withdrawn")), _negated=True
                ),
                fields=["assigned_to", "-submitted_at", "-id"],
                name="application_open_assigned_idx",
            ),
        ),
    ]
