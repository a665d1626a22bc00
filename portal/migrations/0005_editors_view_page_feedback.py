from django.db import migrations

from portal.migration_operations import grant_group_permissions


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0004_page_feedback"),
        ("accounts", "0002_staff_groups"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        # Editors keep the pages: they read what visitors said about them.
        grant_group_permissions("Editors", "portal", ["view_pagefeedback"]),
    ]
