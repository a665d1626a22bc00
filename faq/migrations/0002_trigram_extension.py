from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations


class Migration(migrations.Migration):
    # pg_trgm serves the site search's "did you mean" over article and question titles.
    dependencies = [("faq", "0001_topics_questions_votes")]

    operations = [TrigramExtension()]
