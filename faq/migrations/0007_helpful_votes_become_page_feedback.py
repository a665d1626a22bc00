from django.db import migrations

# Each "Was this answer helpful?" vote becomes an answer to "Is this page useful?" about the
# question's own page, with its date. The address is written as it was when this migration was
# made: /faq/<slug>/ (faq.urls).
VOTES_TO_FEEDBACK = """
    INSERT INTO portal_pagefeedback (path, kind, what_missing, what_doing, what_wrong, created_at)
    SELECT '/faq/' || question.slug || '/',
           CASE WHEN vote.helpful THEN 'useful' ELSE 'not_useful' END,
           '', '', '', vote.created_at
    FROM faq_helpfulvote AS vote
    JOIN faq_question AS question ON question.id = vote.question_id
    ORDER BY vote.id;

    DELETE FROM faq_helpfulvote;
"""

# Undone, the answers about FAQ pages go back to being votes; what someone wrote was missing has
# no place there and is lost.
FEEDBACK_TO_VOTES = """
    INSERT INTO faq_helpfulvote (question_id, helpful, created_at)
    SELECT question.id, feedback.kind = 'useful', feedback.created_at
    FROM portal_pagefeedback AS feedback
    JOIN faq_question AS question ON feedback.path = '/faq/' || question.slug || '/'
    WHERE feedback.kind IN ('useful', 'not_useful')
    ORDER BY feedback.id;

    DELETE FROM portal_pagefeedback AS feedback
    USING faq_question AS question
    WHERE feedback.path = '/faq/' || question.slug || '/'
      AND feedback.kind IN ('useful', 'not_useful');
"""


class Migration(migrations.Migration):
    dependencies = [
        ("faq", "0006_question_published_draft_help"),
        ("portal", "0004_page_feedback"),
    ]

    operations = [
        migrations.RunSQL(VOTES_TO_FEEDBACK, FEEDBACK_TO_VOTES),
    ]
