import django.contrib.postgres.indexes
import django.contrib.postgres.search
import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("applications", "0009_public_listing_indexes"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="PublishedAnswer",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "inquiry",
                    models.OneToOneField(
                        editable=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="published_answer",
                        to="applications.inquiry",
                    ),
                ),
                ("title", models.CharField(max_length=150)),
                ("question", models.TextField()),
                ("answer", models.TextField()),
                ("answered_at", models.DateTimeField(editable=False)),
                (
                    "published_at",
                    models.DateTimeField(default=django.utils.timezone.now, editable=False),
                ),
                (
                    "published_by",
                    models.ForeignKey(
                        editable=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                ("updated_at", models.DateTimeField(auto_now=True)),
                (
                    "search_vector",
                    models.GeneratedField(
                        db_persist=True,
                        expression=django.contrib.postgres.search.CombinedSearchVector(
                            django.contrib.postgres.search.SearchVector(
                                "title", config="english", weight="A"
                            ),
                            "||",
                            django.contrib.postgres.search.SearchVector(
                                "question", "answer", config="english", weight="B"
                            ),
                            django.contrib.postgres.search.SearchConfig("english"),
                        ),
                        output_field=django.contrib.postgres.search.SearchVectorField(),
                    ),
                ),
            ],
            options={
                "ordering": ["-published_at", "-pk"],
                "indexes": [
                    models.Index(
                        fields=["-published_at", "-id"], name="published_answer_newest_idx"
                    ),
                    django.contrib.postgres.indexes.GinIndex(
                        fields=["search_vector"], name="published_answer_search_idx"
                    ),
                    django.contrib.postgres.indexes.GinIndex(
                        fields=["title"],
                        name="published_answer_trgm_idx",
                        opclasses=["gin_trgm_ops"],
                    ),
                ],
            },
        ),
    ]
