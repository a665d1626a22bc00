from django.core.management.base import BaseCommand
from django.utils import timezone

from applications.services import drafts_delete_expired


class Command(BaseCommand):
    help = (
        "Delete the applications that were started but not sent, once their service's keeping "
        "time (Service.draft_days, 30 days unless set) has passed since their last change, "
        "with their files. Run it daily from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="List what would be deleted, delete nothing."
        )

    def handle(self, *args, dry_run, verbosity, **options):
        drafts = drafts_delete_expired(dry_run=dry_run)
        if verbosity >= 2:
            for draft in drafts:
                self.stdout.write(
                    f"{draft.service} for {draft.applicant.email}, last changed "
                    f"{timezone.localtime(draft.updated_at):%Y-%m-%d %H:%M}"
                )
        summary = f"{len(drafts)} draft(s) past their keeping time"
        if dry_run:
            self.stdout.write(f"Dry run, nothing deleted: {summary}.")
        elif verbosity >= 1:
            self.stdout.write(self.style.SUCCESS(f"Deleted {summary}."))
