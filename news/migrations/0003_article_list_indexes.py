from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.operations import AddIndexConcurrently
from django.db import migrations, models


class Migration(migrations.Migration):
    # CREATE INDEX would block editors' saves for as long as it takes to read every article;
    # CONCURRENTLY does not, and it cannot run inside a transaction.
    atomic = False

    dependencies = [("news", "0002_editors_group")]

    operations = [
        AddIndexConcurrently(
            model_name="article",
            index=models.Index(fields=["-publish_at", "-id"], name="news_article_newest_idx"),
        ),
        AddIndexConcurrently(
            model_name="article",
            index=models.Index(
                fields=["-publish_at", "-id"],
                condition=models.Q(featured=True),
                name="news_article_featured_idx",
            ),
        ),
        # pg_trgm is usually there already (the site search uses it); it stays when this is undone.
        migrations.RunSQL("CREATE EXTENSION IF NOT EXISTS pg_trgm", migrations.RunSQL.noop),
        AddIndexConcurrently(
            model_name="article",
            index=GinIndex(
                fields=["title"], opclasses=["gin_trgm_ops"], name="news_article_title_trgm"
            ),
        ),
    ]
