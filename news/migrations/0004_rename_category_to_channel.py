import django.db.models.deletion
from django.db import migrations, models

# The permissions keep their rows (and so their groups); only their names follow the model.
RENAMED_PERMISSIONS = [
    (f"{action}_category", f"{action}_channel", f"Can {action} channel")
    for action in ("add", "change", "delete", "view")
]


def rename_permissions(apps, schema_editor, *, backwards=False):
    Permission = apps.get_model("auth", "Permission")
    for old, new, name in RENAMED_PERMISSIONS:
        if backwards:
            old, new, name = new, old, name.replace("channel", "category")
        Permission.objects.filter(content_type__app_label="news", codename=old).update(
            codename=new, name=name
        )


def rename_permissions_back(apps, schema_editor):
    rename_permissions(apps, schema_editor, backwards=True)


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0003_article_list_indexes"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RenameModel("Category", "Channel"),
        migrations.RenameField("article", "category", "channel"),
        migrations.AlterField(
            model_name="article",
            name="channel",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="articles",
                to="news.channel",
            ),
        ),
        # The index and the constraint follow the renamed column in the database by themselves.
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveConstraint("article", "news_article_unique_slug"),
                migrations.RemoveIndex("article", "news_article_channel_idx"),
                migrations.AddIndex(
                    "article",
                    models.Index(
                        fields=["channel", "status", "-publish_at"],
                        name="news_article_channel_idx",
                    ),
                ),
                migrations.AddConstraint(
                    "article",
                    models.UniqueConstraint(
                        fields=["channel", "slug"], name="news_article_unique_slug"
                    ),
                ),
            ]
        ),
        migrations.RunPython(rename_permissions, rename_permissions_back),
    ]
