from django.db import migrations, models


class Migration(migrations.Migration):
    # Boolean columns with a constant default are added without rewriting the case tables.
    dependencies = [("applications", "0007_history_refuses_truncate")]

    operations = [
        migrations.AddField(
            model_name="service",
            name="lists_applications_publicly",
            field=models.BooleanField(
                default=False,
                help_text=(
                    "Show each new application's reference, service, dates and status in the "
                    "public lists on the home page. Applicants are told before they apply; "
                    "their names and details are never shown."
                ),
                verbose_name="list its applications publicly",
            ),
        ),
        migrations.AddField(
            model_name="application",
            name="listed_publicly",
            field=models.BooleanField(
                default=False,
                editable=False,
                help_text="Whether its service listed applications publicly when it was sent.",
            ),
        ),
        migrations.AddField(
            model_name="inquiry",
            name="listed_publicly",
            field=models.BooleanField(
                default=False,
                editable=False,
                verbose_name="the author agreed to list its reference and status publicly",
            ),
        ),
        migrations.AddField(
            model_name="inquiry",
            name="publication_agreed",
            field=models.BooleanField(
                default=False,
                editable=False,
                verbose_name=(
                    "the author agreed to publish the question and answer without their name"
                ),
            ),
        ),
    ]
