from django.db import migrations

# What the application form asked before services had questions of their own (the same words
# as applications.questions.default_questions()).
DETAILS_QUESTION = "Your application"
DOCUMENTS_QUESTION = "Supporting documents (optional)"

# In SQL, a statement each: there may be millions of applications.
FORWARD = [
    f"""
    INSERT INTO applications_answer (application_id, position, question_text, kind, value)
    SELECT id, 1, '{DETAILS_QUESTION}', 'long_text', details FROM applications_application
    """,
    f"""
    INSERT INTO applications_answer (application_id, position, question_text, kind, value)
    SELECT DISTINCT application_id, 2, '{DOCUMENTS_QUESTION}', 'file', ''
    FROM applications_attachment WHERE application_id IS NOT NULL
    """,
    """
    UPDATE applications_attachment AS attachment SET answer_id = answer.id
    FROM applications_answer AS answer
    WHERE answer.application_id = attachment.application_id AND answer.kind = 'file'
      AND attachment.answer_id IS NULL
    """,
]

BACKWARD = [
    """
    UPDATE applications_application AS application SET details = answer.value
    FROM applications_answer AS answer
    WHERE answer.application_id = application.id AND answer.position = 1
      AND answer.kind = 'long_text'
    """,
    "UPDATE applications_attachment SET answer_id = NULL",
    "DELETE FROM applications_answer",
]


class Migration(migrations.Migration):
    """Each application's details become the answer to "Your application", as a service without
    questions still asks it, and its files the answer to "Supporting documents (optional)"."""

    dependencies = [("applications", "0012_services_questions_drafts")]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
