from django.contrib.postgres.operations import RemoveIndexConcurrently
from django.db import migrations


class Migration(migrations.Migration):
    # Site search's "Did you mean" looks among the titles' words (portal.SearchWord) instead of
    # comparing the query with every title. CONCURRENTLY: searches and saves do not wait for it.
    atomic = False

    dependencies = [("applications", "0028_published_answer_language_help")]

    operations = [
        RemoveIndexConcurrently(model_name="publishedanswer", name="published_answer_trgm_idx"),
    ]
