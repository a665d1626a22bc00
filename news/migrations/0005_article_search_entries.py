import django.contrib.postgres.indexes
import django.contrib.postgres.search
import django.db.models.deletion
from django.contrib.postgres.operations import BtreeGinExtension
from django.db import migrations, models

# The text of an article's body, which is sanitised HTML: the tags go, the entities nh3 writes
# become their characters ("&amp;" last, so that the text "&lt;", written "&amp;lt;", stays).
HTML_TEXT = r"""
CREATE FUNCTION news_html_text(html text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE RETURN
    replace(replace(replace(replace(replace(replace(
        regexp_replace(html, '<[^>]*>', ' ', 'g'),
        '&lt;', '<'), '&gt;', '>'), '&quot;', '"'), '&#39;', ''''), '&nbsp;', ' '), '&amp;', '&');
"""
# Each article's entry is written by the database whenever the article is, however it is written
# (the admin, a bulk import, an UPDATE): as dependable as a generated column.
ENTRY_TRIGGER = """
CREATE FUNCTION news_article_search_entry() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO news_articlesearchentry (article_id, status, publish_at, title, summary, text)
    VALUES (
        NEW.id, NEW.status, NEW.publish_at, NEW.title, NEW.summary, news_html_text(NEW.body)
    )
    ON CONFLICT (article_id) DO UPDATE SET
        status = EXCLUDED.status,
        publish_at = EXCLUDED.publish_at,
        title = EXCLUDED.title,
        summary = EXCLUDED.summary,
        text = EXCLUDED.text;
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
DROP FUNCTION news_html_text(text);
"""
# An entry's text and words go apart from its row (TOAST) once the row passes 128 bytes, not 2 KB,
# so the rows a search visits stay small. (A row under 2 KB is never moved apart, whatever this
# says; but an article's text and words together make more than that.)
SMALL_ROWS = "ALTER TABLE news_articlesearchentry SET (toast_tuple_target = 128)"
FILL_ENTRIES = """
INSERT INTO news_articlesearchentry (article_id, status, publish_at, title, summary, text)
SELECT id, status, publish_at, title, summary, news_html_text(body) FROM news_article
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
                ("title", models.CharField(max_length=200)),
                ("summary", models.TextField()),
                ("text", models.TextField()),
                (
                    "search_vector",
                    models.GeneratedField(
                        db_persist=True,
                        expression=django.contrib.postgres.search.CombinedSearchVector(
                            django.contrib.postgres.search.CombinedSearchVector(
                                django.contrib.postgres.search.SearchVector(
                                    "title", config="english", weight="A"
                                ),
                                "||",
                                django.contrib.postgres.search.SearchVector(
                                    "summary", config="english", weight="B"
                                ),
                                django.contrib.postgres.search.SearchConfig("english"),
                            ),
                            "||",
                            django.contrib.postgres.search.SearchVector(
                                "text", config="english", weight="C"
                            ),
                            django.contrib.postgres.search.SearchConfig("english"),
                        ),
                        output_field=django.contrib.postgres.search.SearchVectorField(),
                    ),
                ),
            ],
            options={
                "verbose_name": "search entry",
                "verbose_name_plural": "search entries",
            },
        ),
        migrations.RunSQL(SMALL_ROWS, migrations.RunSQL.noop),
        migrations.RunSQL(HTML_TEXT + ENTRY_TRIGGER, DROP_ENTRY_TRIGGER),
        migrations.RunSQL(FILL_ENTRIES, migrations.RunSQL.noop),
        migrations.RemoveIndex(
            model_name="article",
            name="news_article_search_idx",
        ),
        migrations.AddIndex(
            model_name="articlesearchentry",
            index=django.contrib.postgres.indexes.GinIndex(
                fastupdate=False,
                fields=["publish_at", "search_vector"],
                name="news_search_entry_idx",
            ),
        ),
        migrations.RemoveField(
            model_name="article",
            name="search_vector",
        ),
    ]
