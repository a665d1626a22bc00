import django.contrib.postgres.indexes
import django.contrib.postgres.search
import django.db.models.deletion
from django.contrib.postgres.operations import BtreeGinExtension
from django.db import migrations, models

# The words of an article, weighted as the generated column that this replaces weighted them.
ARTICLE_WORDS = """
CREATE FUNCTION news_article_words(title text, summary text, body text) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE RETURN
    setweight(to_tsvector('english', coalesce(title, '')), 'A')
    || setweight(to_tsvector('english', coalesce(summary, '')), 'B')
    || setweight(to_tsvector('english', coalesce(body, '')), 'C');
"""
# Each article's entry is written by the database whenever the article is, however it is written
# (the admin, a bulk import, an UPDATE): as dependable as a generated column.
ENTRY_TRIGGER = """
CREATE FUNCTION news_article_search_entry() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO news_articlesearchentry (article_id, status, publish_at, search_vector)
    VALUES (
        NEW.id, NEW.status, NEW.publish_at,
        news_article_words(NEW.title, NEW.summary, NEW.body)
    )
    ON CONFLICT (article_id) DO UPDATE SET
        status = EXCLUDED.status,
        publish_at = EXCLUDED.publish_at,
        search_vector = EXCLUDED.search_vector;
    RETURN NULL;
END
$$;
CREATE TRIGGER news_article_search_entry
    AFTER INSERT OR UPDATE OF title, summary, body, status, publish_at ON news_article
    FOR EACH ROW EXECUTE FUNCTION news_article_search_entry();
"""
DROP_ENTRY_TRIGGER = """
DROP TRIGGER news_article_search_entry ON news_article;
DROP FUNCTION news_article_search_entry();
DROP FUNCTION news_article_words(text, text, text);
"""
FILL_ENTRIES = """
INSERT INTO news_articlesearchentry (article_id, status, publish_at, search_vector)
SELECT id, status, publish_at, news_article_words(title, summary, body) FROM news_article
"""


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0004_rename_category_to_channel"),
    ]

    operations = [
        # Lets a GIN index hold the publish time beside the words; it stays when this is undone.
        BtreeGinExtension(),
        migrations.CreateModel(
            name="ArticleSearchEntry",
            fields=[
                (
                    "article",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="search_entry",
                        serialize=False,
                        to="news.article",
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[("draft", "Draft"), ("published", "Published")], max_length=10
                    ),
                ),
                ("publish_at", models.DateTimeField()),
                ("search_vector", django.contrib.postgres.search.SearchVectorField()),
            ],
            options={
                "verbose_name": "search entry",
                "verbose_name_plural": "search entries",
            },
        ),
        migrations.RunSQL(ARTICLE_WORDS + ENTRY_TRIGGER, DROP_ENTRY_TRIGGER),
        migrations.RunSQL(FILL_ENTRIES, migrations.RunSQL.noop),
        migrations.AddIndex(
            model_name="articlesearchentry",
            index=django.contrib.postgres.indexes.GinIndex(
                fastupdate=False,
                fields=["publish_at", "search_vector"],
                name="news_search_entry_idx",
            ),
        ),
        migrations.RemoveIndex(
            model_name="article",
            name="news_article_search_idx",
        ),
        migrations.RemoveField(
            model_name="article",
            name="search_vector",
        ),
    ]
