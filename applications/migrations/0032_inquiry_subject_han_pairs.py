"""Inquiry subjects indexed by their pairs of Chinese characters, for caseworkers' searches of
two-character Chinese words, which the trigram index cannot narrow down. Built without blocking
the table: inquiries keep arriving while it is built."""

import django.contrib.postgres.indexes
import django.contrib.postgres.search
from django.contrib.postgres.operations import AddIndexConcurrently
from django.db import migrations, models


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("applications", "0031_question_whole_numbers"),
        ("portal", "0007_chinese_search_functions"),  # portal_han_bigrams
    ]

    operations = [
        AddIndexConcurrently(
            model_name="inquiry",
            index=django.contrib.postgres.indexes.GinIndex(
                django.contrib.postgres.search.SearchVector(
                    models.Func(
                        "subject", function="portal_han_bigrams", output_field=models.TextField()
                    ),
                    config="simple",
                ),
                name="inquiry_subject_han_pairs_idx",
            ),
        ),
    ]
