from django.contrib.postgres.operations import RemoveIndexConcurrently
from django.db import migrations


class Migration(migrations.Migration):
    # Site search's "Did you mean" looks among the titles' words (portal.SearchWord) instead of
    # comparing the query with every title. CONCURRENTLY: searches and saves do not wait for it.
    atomic = False

    dependencies = [("faq", "0011_translated_labels")]

    operations = [
        RemoveIndexConcurrently(model_name="question", name="faq_question_trgm_idx"),
    ]
