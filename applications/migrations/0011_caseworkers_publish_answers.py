from django.db import migrations

from portal.migration_operations import grant_group_permissions

# Caseworkers publish answered questions, correct them and take them down again.
CASEWORKER_PERMISSIONS = [
    "view_publishedanswer",
    "add_publishedanswer",
    "change_publishedanswer",
    "delete_publishedanswer",
]


class Migration(migrations.Migration):
    dependencies = [("applications", "0010_published_answer")]

    operations = [
        grant_group_permissions("Caseworkers", "applications", CASEWORKER_PERMISSIONS),
    ]
