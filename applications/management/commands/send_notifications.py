import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections

from applications.models import Notification
from applications.notifications import notification_send


class Command(BaseCommand):
    help = (
        "Send the notification emails that are due: new ones whose send after commit failed and "
        "earlier failures whose retry time has come. Run it from cron, or with --loop."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--loop",
            action="store_true",
            help="Keep running: send what is due, wait --interval seconds, repeat (Ctrl-C stops).",
        )
        parser.add_argument(
            "--interval",
            type=int,
            default=30,
            help="Seconds between two passes with --loop (default 30).",
        )
        parser.add_argument(
            "--limit", type=int, default=500, help="Send at most this many in one pass."
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="List what is due without sending anything."
        )

    def handle(self, *args, loop, interval, limit, dry_run, verbosity, **options):
        self.verbosity = verbosity
        if not loop:
            self.send_due(limit=limit, dry_run=dry_run)
            return
        try:
            while True:
                self.send_due(limit=limit, dry_run=dry_run)
                # A long-running process must not keep a connection the server has dropped.
                close_old_connections()
                time.sleep(interval)
        except KeyboardInterrupt:
            self.log(1, self.style.WARNING("Stopped."))

    def send_due(self, *, limit, dry_run):
        due = list(Notification.objects.due().values_list("pk", "recipient", "subject")[:limit])
        if dry_run:
            for pk, recipient, subject in due:
                self.log(2, f"Would send #{pk} to {recipient}: {subject}")
            self.log(1, f"{len(due)} notification(s) due. Dry run: nothing was sent.")
            return
        sent = failed = 0
        for pk, recipient, subject in due:
            if notification_send(notification_id=pk):
                sent += 1
                self.log(2, f"Sent #{pk} to {recipient}: {subject}")
            else:
                failed += 1
                self.log(2, self.style.WARNING(f"Not sent #{pk} to {recipient}: will retry later."))
        if failed:
            self.log(1, self.style.WARNING(f"{sent} sent, {failed} not sent (kept for a retry)."))
        elif sent or self.verbosity >= 2:
            self.log(1, self.style.SUCCESS(f"{sent} sent."))

    def log(self, level, message):
        if self.verbosity >= level:
            self.stdout.write(message)
