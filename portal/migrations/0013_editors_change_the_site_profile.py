from django.db import migrations

from portal.migration_operations import grant_group_permissions


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0012_site_notice"),
        ("accounts", "0002_staff_groups"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        # Editors keep the pages: the notice at the top of each, and the portal's name and
        # contact details around them.
        grant_group_permissions("Editors", "portal", ["view_siteprofile", "change_siteprofile"]),
    ]
