from django.db import migrations

# Each app grants its own permissions to these groups in its own migrations.
STAFF_GROUPS = ["Editors", "Caseworkers"]


def create_staff_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name in STAFF_GROUPS:
        Group.objects.get_or_create(name=name)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_user"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        # Reversing leaves the groups: other apps' permissions and staff members may hang on them.
        migrations.RunPython(create_staff_groups, migrations.RunPython.noop),
    ]
