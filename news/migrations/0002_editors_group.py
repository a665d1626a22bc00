from django.db import migrations

from portal.migration_operations import grant_group_permissions

EDITOR_PERMISSIONS = [
    "add_category",
    "change_category",
    "view_category",
    "add_article",
    "change_article",
    "delete_article",
    "view_article",
]


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0001_articles"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        grant_group_permissions("Editors", "news", EDITOR_PERMISSIONS),
    ]
