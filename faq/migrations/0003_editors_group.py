from django.db import migrations

from portal.migration_operations import grant_group_permissions

EDITOR_PERMISSIONS = [
    "add_topic",
    "change_topic",
    "delete_topic",
    "view_topic",
    "add_question",
    "change_question",
    "delete_question",
    "view_question",
]


class Migration(migrations.Migration):
    dependencies = [
        ("faq", "0002_trigram_extension"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        grant_group_permissions("Editors", "faq", EDITOR_PERMISSIONS),
    ]
