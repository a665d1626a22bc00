from django.db import migrations

from portal.migration_operations import grant_group_permissions

CASEWORKER_PERMISSIONS = [
    "view_service",
    "view_application",
    "change_application",
    "view_attachment",
    "view_applicationstatuschange",
    "view_inquiry",
    "change_inquiry",
    "view_inquirystatuschange",
    "view_notification",
]


class Migration(migrations.Migration):
    dependencies = [
        ("applications", "0002_append_only_history"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        grant_group_permissions("Caseworkers", "applications", CASEWORKER_PERMISSIONS),
    ]
