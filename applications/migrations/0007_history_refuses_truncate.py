from django.db import migrations

HISTORY_TABLES = ["applications_applicationstatuschange", "applications_inquirystatuschange"]


class Migration(migrations.Migration):
    dependencies = [("applications", "0006_notification_moves_to_the_outbox")]

    # TRUNCATE fires no row trigger, so 0002's triggers let it empty the history; a statement
    # trigger refuses it too. `manage.py flush` (applications/management/commands/flush.py)
    # still empties everything, as it is asked to.
    operations = [
        migrations.RunSQL(
            sql=f"""
                CREATE TRIGGER {table}_refuses_truncate
                BEFORE TRUNCATE ON {table}
                FOR EACH STATEMENT EXECUTE FUNCTION applications_refuse_history_change()
            """,
            reverse_sql=f"DROP TRIGGER {table}_refuses_truncate ON {table}",
        )
        for table in HISTORY_TABLES
    ]
