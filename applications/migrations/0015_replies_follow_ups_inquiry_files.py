import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    """A citizen's reply to "Action required" and a follow-up question carry files, kept with
    their history entry; inquiries take files; an inquiry keeps its one follow-up question and
    the answer to it beside the first answer."""

    dependencies = [
        ("applications", "0014_remove_application_details"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="attachment",
            name="applications_attachment_has_one_owner",
        ),
        migrations.AddField(
            model_name="attachment",
            name="application_change",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="attachments",
                to="applications.applicationstatuschange",
            ),
        ),
        migrations.AddField(
            model_name="attachment",
            name="inquiry",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="attachments",
                to="applications.inquiry",
            ),
        ),
        migrations.AddField(
            model_name="attachment",
            name="inquiry_change",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="attachments",
                to="applications.inquirystatuschange",
            ),
        ),
        migrations.AddField(
            model_name="inquiry",
            name="follow_up",
            field=models.TextField(blank=True, editable=False, verbose_name="follow-up question"),
        ),
        migrations.AddField(
            model_name="inquiry",
            name="follow_up_answer",
            field=models.TextField(
                blank=True, editable=False, verbose_name="answer to the follow-up"
            ),
        ),
        migrations.AddField(
            model_name="inquiry",
            name="follow_up_answered_at",
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name="inquiry",
            name="follow_up_at",
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.AddConstraint(
            model_name="attachment",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(
                        ("application__isnull", False),
                        ("draft__isnull", True),
                        ("inquiry__isnull", True),
                    ),
                    models.Q(
                        ("application__isnull", True),
                        ("draft__isnull", True),
                        ("inquiry__isnull", False),
                    ),
                    models.Q(
                        ("application__isnull", True),
                        ("draft__isnull", False),
                        ("inquiry__isnull", True),
                    ),
                    _connector="OR",
                ),
                name="applications_attachment_has_one_owner",
            ),
        ),
    ]
