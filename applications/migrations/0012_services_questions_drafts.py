import django.contrib.postgres.fields
import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    """Services get a start page's sections, questions and drafts; applications keep answers,
    and an attachment may belong to a draft. The existing details move into answers in the next
    migration."""

    dependencies = [
        ("applications", "0011_caseworkers_publish_answers"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Answer",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("position", models.PositiveSmallIntegerField(default=0)),
                (
                    "question_text",
                    models.CharField(max_length=200, verbose_name="question as asked"),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("short_text", "Short text"),
                            ("long_text", "Long text"),
                            ("number", "Number"),
                            ("date", "Date"),
                            ("email", "Email address"),
                            ("phone", "Phone number"),
                            ("choice", "One choice of several"),
                            ("choices", "Several choices"),
                            ("yes_no", "Yes or no"),
                            ("file", "File upload"),
                        ],
                        max_length=20,
                    ),
                ),
                ("value", models.TextField(blank=True)),
            ],
            options={
                "ordering": ["position", "pk"],
            },
        ),
        migrations.CreateModel(
            name="Draft",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("answers", models.JSONField(blank=True, default=dict)),
                (
                    "created_at",
                    models.DateTimeField(default=django.utils.timezone.now, editable=False),
                ),
                (
                    "updated_at",
                    models.DateTimeField(default=django.utils.timezone.now, editable=False),
                ),
                ("expires_at", models.DateTimeField(editable=False)),
            ],
            options={
                "ordering": ["-updated_at", "-pk"],
            },
        ),
        migrations.CreateModel(
            name="Question",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "page",
                    models.PositiveSmallIntegerField(
                        default=1,
                        help_text="Questions with the same page number are asked on one page.",
                        verbose_name="page",
                    ),
                ),
                (
                    "position",
                    models.PositiveSmallIntegerField(
                        default=0,
                        help_text="Order on the page; lower numbers come first.",
                        verbose_name="position",
                    ),
                ),
                (
                    "page_heading",
                    models.CharField(
                        blank=True,
                        help_text="Needed on a page with several questions (on one of them). A page with one question uses the question as its heading.",
                        max_length=200,
                        verbose_name="page heading",
                    ),
                ),
                ("label", models.CharField(max_length=200, verbose_name="question")),
                (
                    "hint",
                    models.CharField(
                        blank=True,
                        help_text="Shown under the question: an example, or where to find the answer.",
                        max_length=500,
                        verbose_name="hint",
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("short_text", "Short text"),
                            ("long_text", "Long text"),
                            ("number", "Number"),
                            ("date", "Date"),
                            ("email", "Email address"),
                            ("phone", "Phone number"),
                            ("choice", "One choice of several"),
                            ("choices", "Several choices"),
                            ("yes_no", "Yes or no"),
                            ("file", "File upload"),
                        ],
                        max_length=20,
                        verbose_name="kind of answer",
                    ),
                ),
                ("required", models.BooleanField(default=True, verbose_name="answer required")),
                (
                    "options",
                    models.TextField(
                        blank=True,
                        help_text="For the kinds with choices: one option a line, in the order to show them.",
                        verbose_name="options",
                    ),
                ),
                (
                    "min_length",
                    models.PositiveIntegerField(
                        blank=True, null=True, verbose_name="fewest characters"
                    ),
                ),
                (
                    "max_length",
                    models.PositiveIntegerField(
                        blank=True,
                        help_text="Short text takes at most 200 characters, long text 5,000.",
                        null=True,
                        verbose_name="most characters",
                    ),
                ),
                (
                    "min_value",
                    models.DecimalField(
                        blank=True,
                        decimal_places=4,
                        max_digits=15,
                        null=True,
                        verbose_name="lowest number",
                    ),
                ),
                (
                    "max_value",
                    models.DecimalField(
                        blank=True,
                        decimal_places=4,
                        max_digits=15,
                        null=True,
                        verbose_name="highest number",
                    ),
                ),
                (
                    "date_limit",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("", "Any date"),
                            ("past", "Today or earlier"),
                            ("future", "Today or later"),
                        ],
                        default="",
                        max_length=10,
                        verbose_name="dates allowed",
                    ),
                ),
                (
                    "file_kinds",
                    django.contrib.postgres.fields.ArrayField(
                        base_field=models.CharField(
                            choices=[
                                ("application/pdf", "PDF document"),
                                ("image/jpeg", "JPEG image"),
                                ("image/png", "PNG image"),
                            ],
                            max_length=40,
                        ),
                        blank=True,
                        default=list,
                        help_text="None chosen: PDF, JPEG and PNG.",
                        verbose_name="file kinds allowed",
                    ),
                ),
                (
                    "max_file_mb",
                    models.PositiveSmallIntegerField(
                        blank=True,
                        help_text="At most the portal's limit for attachments; empty: that limit.",
                        null=True,
                        verbose_name="largest file (MB)",
                    ),
                ),
                (
                    "max_files",
                    models.PositiveSmallIntegerField(
                        default=1,
                        help_text="How many files may be uploaded for this question.",
                        verbose_name="most files",
                    ),
                ),
            ],
            options={
                "ordering": ["page", "position", "pk"],
            },
        ),
        migrations.AddField(
            model_name="service",
            name="draft_days",
            field=models.PositiveSmallIntegerField(
                default=30,
                help_text="An application that is started but not sent is deleted this many days after its last change.",
                verbose_name="days a draft is kept",
            ),
        ),
        migrations.AddField(
            model_name="service",
            name="fees",
            field=models.TextField(
                blank=True,
                help_text="What it costs and how to pay. Leave empty for a free service.",
                verbose_name="fees",
            ),
        ),
        migrations.AddField(
            model_name="service",
            name="who_can_apply",
            field=models.TextField(
                blank=True,
                help_text="Who may use the service, and who may not.",
                verbose_name="who can apply",
            ),
        ),
        migrations.AddField(
            model_name="service",
            name="updated_at",
            field=models.DateTimeField(auto_now=True),
        ),
        migrations.AlterField(
            model_name="attachment",
            name="application",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="attachments",
                to="applications.application",
            ),
        ),
        migrations.AlterField(
            model_name="service",
            name="description",
            field=models.TextField(
                help_text="What the service is for and what it gives: the start page's first words."
            ),
        ),
        migrations.AlterField(
            model_name="service",
            name="processing_days",
            field=models.PositiveSmallIntegerField(
                help_text="Calendar days (weekends and holidays included) from submission to a decision.",
                verbose_name="expected processing days",
            ),
        ),
        migrations.AlterField(
            model_name="service",
            name="slug",
            field=models.SlugField(
                help_text="The start page's address: /services/<slug>/. FAQ answers and news link to it, so change it only for a new service: old links would stop working.",
                max_length=150,
                unique=True,
            ),
        ),
        migrations.AlterField(
            model_name="service",
            name="summary",
            field=models.CharField(
                help_text="One sentence, shown in the list of services and in search.",
                max_length=300,
            ),
        ),
        migrations.AlterField(
            model_name="service",
            name="what_to_provide",
            field=models.TextField(
                blank=True,
                help_text="What applicants need to have at hand: numbers, dates, documents to upload.",
                verbose_name="what you need",
            ),
        ),
        migrations.AddField(
            model_name="answer",
            name="application",
            field=models.ForeignKey(
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="answers",
                to="applications.application",
            ),
        ),
        migrations.AddField(
            model_name="attachment",
            name="answer",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="attachments",
                to="applications.answer",
            ),
        ),
        migrations.AddField(
            model_name="draft",
            name="applicant",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="drafts",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="draft",
            name="service",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="drafts",
                to="applications.service",
            ),
        ),
        migrations.AddField(
            model_name="attachment",
            name="draft",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="attachments",
                to="applications.draft",
            ),
        ),
        migrations.AddConstraint(
            model_name="attachment",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("application__isnull", False), ("draft__isnull", True)),
                    models.Q(("application__isnull", True), ("draft__isnull", False)),
                    _connector="OR",
                ),
                name="applications_attachment_has_one_owner",
            ),
        ),
        migrations.AddField(
            model_name="question",
            name="service",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="questions",
                to="applications.service",
            ),
        ),
        migrations.AddField(
            model_name="answer",
            name="question",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="answers",
                to="applications.question",
            ),
        ),
        migrations.AddIndex(
            model_name="draft",
            index=models.Index(fields=["expires_at"], name="draft_expires_idx"),
        ),
        migrations.AddConstraint(
            model_name="draft",
            constraint=models.UniqueConstraint(
                fields=("applicant", "service"), name="applications_draft_one_per_service"
            ),
        ),
        migrations.AddIndex(
            model_name="question",
            index=models.Index(
                fields=["service", "page", "position"], name="question_service_page_idx"
            ),
        ),
        migrations.AddIndex(
            model_name="answer",
            index=models.Index(fields=["application", "position"], name="answer_application_idx"),
        ),
    ]
