from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from portal.backups import BackupError, backup


class Command(BaseCommand):
    help = (
        "Back up the database (pg_dump, custom format, one snapshot), the media and the private "
        "attachments into a new folder var/backups/<time>/, with a manifest of checksums and "
        "row counts. The restore command puts a backup back."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            default=str(settings.VAR_DIR / "backups"),
            help="The folder in which each backup gets a folder of its own (var/backups).",
        )

    def handle(self, *args, output, verbosity, **options):
        def say(message):
            if verbosity >= 2:
                self.stdout.write(message)

        try:
            folder = backup(output, say=say)
        except BackupError as error:
            raise CommandError(str(error)) from error
        if verbosity >= 1:
            self.stdout.write(self.style.SUCCESS(f"Backup written to {folder}"))
