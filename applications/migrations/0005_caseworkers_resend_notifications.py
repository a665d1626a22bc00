from django.db import migrations

from portal.migration_operations import grant_group_permissions

# Caseworkers send a notification that gave up again; its fields stay read-only in the admin.
CASEWORKER_PERMISSIONS = ["change_notification"]


class Migration(migrations.Migration):
    dependencies = [
        ("applications", "0004_case_list_indexes"),
    ]

    operations = [
        grant_group_permissions("Caseworkers", "applications", CASEWORKER_PERMISSIONS),
    ]
