"""Each caseworker's inquiries still to be dealt with, and those nobody has taken, indexed as the
applications are (0033)."""

from django.contrib.postgres.operations import AddIndexConcurrently
from django.db import migrations, models


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("applications", "0033_open_cases_by_caseworker"),
    ]

    operations = [
        AddIndexConcurrently(
            model_name="inquiry",
            index=models.Index(
                condition=models.Q(("status__in", ("answered", "closed")), _negated=True),
                fields=["assigned_to", "-submitted_at", "-id"],
                name="inquiry_open_assigned_idx",
            ),
        ),
    ]
