from django.core.management.commands import flush
from django.db import DEFAULT_DB_ALIAS, connections, transaction

# applications/migrations/0007_history_refuses_truncate.py
TRUNCATE_TRIGGERS = {
    "applications_applicationstatuschange": "applications_applicationstatuschange_refuses_truncate",
    "applications_inquirystatuschange": "applications_inquirystatuschange_refuses_truncate",
}


class Command(flush.Command):
    help = (
        f"{flush.Command.help} The status history, which refuses TRUNCATE otherwise, is emptied "
        "too."
    )

    def handle(self, **options):
        # Disabled and enabled again in the one transaction of the flush: no other session ever
        # sees the history without its trigger.
        connection = connections[options.get("database", DEFAULT_DB_ALIAS)]
        with transaction.atomic(using=connection.alias):
            triggers = self.existing_triggers(connection)
            self.switch(connection, triggers, "DISABLE")
            super().handle(**options)
            self.switch(connection, triggers, "ENABLE")

    def existing_triggers(self, connection):
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT tgrelid::regclass::text, tgname FROM pg_trigger WHERE tgname = ANY(%s)",
                [list(TRUNCATE_TRIGGERS.values())],
            )
            return cursor.fetchall()

    def switch(self, connection, triggers, action):
        with connection.cursor() as cursor:
            for table, trigger in triggers:
                cursor.execute(f"ALTER TABLE {table} {action} TRIGGER {trigger}")
