import signal
import time

from django.core.management.base import BaseCommand
from django.db import DatabaseError, connection

from portal.mail import deliver_due, wait_for_email
from portal.models import OutgoingEmail

# After a database error the worker waits this long, then twice as long, up to the maximum.
OUTAGE_FIRST_WAIT_SECONDS = 1
OUTAGE_MAX_WAIT_SECONDS = 30


class Stop(Exception):
    pass


class Command(BaseCommand):
    help = (
        "Send the emails waiting in the outbox: new ones, and earlier failures whose retry time "
        "has come. With --loop, keep running as the mail worker (SIGTERM or Ctrl-C stops it "
        "after the email being sent); otherwise one pass, e.g. from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--loop",
            action="store_true",
            help="Keep running: send what is due, then wait for new email or --interval seconds.",
        )
        parser.add_argument(
            "--interval",
            type=float,
            default=30,
            help="With --loop, the longest wait between two passes (default 30 s); new email "
            "wakes the worker at once.",
        )
        parser.add_argument(
            "--limit", type=int, default=500, help="Send at most this many in one pass."
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="List what is due without sending anything."
        )

    def handle(self, *args, loop, interval, limit, dry_run, verbosity, **options):
        self.verbosity = verbosity
        if dry_run:
            self.list_due(limit)
        elif loop:
            self.run_until_stopped(interval=interval, limit=limit)
        else:
            self.send_due(limit)

    def list_due(self, limit):
        due = OutgoingEmail.objects.due()[:limit]
        for email in due:
            self.log(2, f"Would send #{email.pk} to {', '.join(email.to)}: {email.subject}")
        self.log(1, f"{len(due)} email(s) due. Dry run: nothing was sent.")

    def send_due(self, limit):
        sent, failed = deliver_due(limit)
        if failed:
            self.log(1, self.style.WARNING(f"{sent} sent, {failed} not sent (kept for a retry)."))
        elif sent or self.verbosity >= 2:
            self.log(1, self.style.SUCCESS(f"{sent} sent."))

    def run_until_stopped(self, *, interval, limit):
        self.sending = self.stopping = False
        signal.signal(signal.SIGTERM, self.stop)
        signal.signal(signal.SIGINT, self.stop)
        self.log(1, "Mail worker started.")
        outage_wait = 0
        try:
            while not self.stopping:
                try:
                    self.sending = True
                    self.send_due(limit)
                    self.sending = False
                    wait_for_email(interval)
                    outage_wait = 0
                except DatabaseError as error:
                    self.sending = False
                    outage_wait = min(
                        max(outage_wait * 2, OUTAGE_FIRST_WAIT_SECONDS), OUTAGE_MAX_WAIT_SECONDS
                    )
                    self.stderr.write(
                        f"The database is not answering ({error}). Trying again in {outage_wait} s."
                    )
                    connection.close()
                    time.sleep(outage_wait)
        except Stop:
            pass
        self.log(1, "Mail worker stopped.")

    def stop(self, signum, frame):
        self.stopping = True
        if not self.sending:
            raise Stop

    def log(self, level, message):
        if self.verbosity >= level:
            self.stdout.write(message)
