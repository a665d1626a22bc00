from django.core.management.base import BaseCommand
from django.utils import timezone

from applications.models import Draft
from applications.services import drafts_remind_expiring


class Command(BaseCommand):
    help = (
        f"Email the owner of each application started but not sent that will be deleted within "
        f"{Draft.REMINDER_DAYS} days (for services that keep drafts longer than that), once "
        f"since its last change, with the link to continue it. Run it daily from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="List who would be told, send nothing."
        )

    def handle(self, *args, dry_run, verbosity, **options):
        drafts = drafts_remind_expiring(dry_run=dry_run)
        if verbosity >= 2:
            for draft in drafts:
                self.stdout.write(
                    f"{draft.service} for {draft.applicant.email}, deleted after "
                    f"{timezone.localtime(draft.expires_at):%Y-%m-%d %H:%M}"
                )
        summary = f"{len(drafts)} draft(s) to be deleted within {Draft.REMINDER_DAYS} days"
        if dry_run:
            self.stdout.write(f"Dry run, nothing sent: {summary}.")
        elif verbosity >= 1:
            self.stdout.write(self.style.SUCCESS(f"Reminded the owners of {summary}."))
