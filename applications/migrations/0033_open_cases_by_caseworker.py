"""Each caseworker's cases still to be dealt with, and those nobody has taken, indexed apart from
the many done with: "Your work" counts them and lists them newest first. Built without blocking
the tables: cases keep arriving while they are built."""

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
        AddIndexConcurrently(
            model_name="inquiry",
            index=models.Index(
                condition=models.Q(("status__in", ("answered", "closed")), _negated=True),
                fields=["assigned_to", "-submitted_at", "-id"],
                name="inquiry_open_assigned_idx",
            ),
        ),
    ]
