from django.contrib.postgres.operations import RemoveIndexConcurrently
from django.db import migrations


class Migration(migrations.Migration):
    # Site search's "Did you mean" looks among the titles' words (portal.SearchWord) instead of
    # comparing the query with every title. CONCURRENTLY: searches and saves do not wait for it.
    atomic = False

    dependencies = [("news", "0009_chinese_source"), ("portal", "0010_search_words")]

    operations = [
        RemoveIndexConcurrently(model_name="article", name="news_article_title_trgm"),
    ]
