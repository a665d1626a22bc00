from django.contrib.postgres.indexes import GinIndex
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("faq", "0003_editors_group")]

    operations = [
        migrations.AddIndex(
            model_name="question",
            index=GinIndex(
                fields=["question"], opclasses=["gin_trgm_ops"], name="faq_question_trgm_idx"
            ),
        ),
    ]
