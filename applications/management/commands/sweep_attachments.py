from datetime import timedelta
from pathlib import PurePosixPath

from django.core.management.base import BaseCommand
from django.utils import timezone

from applications.models import Attachment, attachment_storage
from applications.uploads import INCOMING, move_into_place


class Command(BaseCommand):
    help = (
        "Tidy the private attachment folder after interrupted submissions: finish moving the "
        "files whose submission was saved, and remove files that no attachment refers to. "
        "Files younger than --min-age-minutes are left alone (their request may still run). "
        "Run it daily from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument("--min-age-minutes", type=int, default=60)
        parser.add_argument(
            "--dry-run", action="store_true", help="Say what would be done, change nothing."
        )

    def handle(self, *args, min_age_minutes, dry_run, verbosity, **options):
        self.storage = attachment_storage()
        self.verbosity = verbosity
        cutoff = timezone.now() - timedelta(minutes=min_age_minutes)
        stored = set(Attachment.objects.values_list("file", flat=True))
        by_file_name = {PurePosixPath(name).name: name for name in stored}
        moved = removed = 0
        for name in self.files_older_than(cutoff):
            final_name = by_file_name.get(PurePosixPath(name).name)
            if name.startswith(f"{INCOMING}/") and final_name:
                self.log(2, f"Move {name} to {final_name}")
                if not dry_run:
                    move_into_place(self.storage, name, final_name)
                moved += 1
            elif name not in stored:
                self.log(2, f"Remove {name}")
                if not dry_run:
                    self.storage.delete(name)
                removed += 1
        summary = f"{moved} file(s) moved into place, {removed} unused file(s) removed."
        self.log(1, f"Dry run, nothing changed: {summary}" if dry_run else summary)

    def files_older_than(self, cutoff):
        def walk(folder):
            folders, files = self.storage.listdir(folder)
            for file in files:
                name = f"{folder}/{file}" if folder else file
                if self.storage.get_modified_time(name) < cutoff:
                    yield name
            for child in folders:
                yield from walk(f"{folder}/{child}" if folder else child)

        return walk("") if self.storage.exists("") else iter(())

    def log(self, level, message):
        if self.verbosity >= level:
            self.stdout.write(message)
