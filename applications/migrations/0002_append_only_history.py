from django.db import migrations

HISTORY_TABLES = ["applications_applicationstatuschange", "applications_inquirystatuschange"]


class Migration(migrations.Migration):
    dependencies = [("applications", "0001_cases")]

    # Status history is append-only even for code or people that bypass the models.
    operations = [
        migrations.RunSQL(
            sql="""
                CREATE FUNCTION applications_refuse_history_change() RETURNS trigger AS $$
                BEGIN
                    RAISE EXCEPTION 'status history is append-only (% on %)', TG_OP, TG_TABLE_NAME;
                END;
                $$ LANGUAGE plpgsql
            """,
            reverse_sql="DROP FUNCTION applications_refuse_history_change()",
        ),
        *(
            migrations.RunSQL(
                sql=f"""
                    CREATE TRIGGER {table}_append_only
                    BEFORE UPDATE OR DELETE ON {table}
                    FOR EACH ROW EXECUTE FUNCTION applications_refuse_history_change()
                """,
                reverse_sql=f"DROP TRIGGER {table}_append_only ON {table}",
            )
            for table in HISTORY_TABLES
        ),
    ]
