from django.db import migrations, models


class Migration(migrations.Migration):
    # The details live on as answers (0009). The default lets this be undone: the column comes
    # back for every row, and 0009 backwards fills it in again.
    dependencies = [("applications", "0013_details_become_answers")]

    operations = [
        migrations.AlterField(
            model_name="application", name="details", field=models.TextField(default="")
        ),
        migrations.RemoveField(model_name="application", name="details"),
    ]
