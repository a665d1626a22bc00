"""Operations shared by the apps' data migrations."""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def grant_group_permissions(group_name, app_label, codenames):
    """A migration operation giving a staff group some permissions of one app.

    Reversing it takes them back and leaves the group, which other apps may share.
    """

    def permissions(apps):
        Permission = apps.get_model("auth", "Permission")
        return Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)

    def grant(apps, schema_editor):
        # Permissions are normally created after migrate; the group needs them now. The
        # historical app config has no models_module, which create_permissions only uses
        # as an "any models?" flag.
        app_config = apps.get_app_config(app_label)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
        group, _ = apps.get_model("auth", "Group").objects.get_or_create(name=group_name)
        group.permissions.add(*permissions(apps))

    def revoke(apps, schema_editor):
        for group in apps.get_model("auth", "Group").objects.filter(name=group_name):
            group.permissions.remove(*permissions(apps))

    return migrations.RunPython(grant, revoke)
