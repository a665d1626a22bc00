from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from portal.backups import BackupError, file_trees, restore, verify


class Command(BaseCommand):
    help = (
        "Restore a backup made by the backup command: check every checksum first, then drop and "
        "create the database again, pg_restore it and check every table's row count, and put "
        "the media and attachments in place (the folders they replace are kept beside them, "
        "named *.before-restore-<time>)."
    )
    # The checks would open a connection to the database that is about to be replaced.
    requires_system_checks = ()

    def add_arguments(self, parser):
        parser.add_argument("backup", help="The backup's folder, e.g. var/backups/20261130-120000")
        parser.add_argument(
            "--database",
            default=settings.DATABASES["default"]["NAME"],
            help="The database to restore into (default: the portal's own). It is dropped first.",
        )
        for name, root in file_trees().items():
            parser.add_argument(
                f"--{name}-root", default=str(root), help=f"Where the {name} go (default {root})."
            )
        parser.add_argument(
            "--no-input", action="store_false", dest="interactive", help="Do not ask to confirm."
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Only check the backup's checksums."
        )

    def handle(self, *args, backup, database, interactive, dry_run, verbosity, **options):
        roots = {name: options[f"{name}_root"] for name in file_trees()}

        def say(message):
            if verbosity >= 1:
                self.stdout.write(message)

        try:
            if dry_run:
                verify(backup)
                say(self.style.SUCCESS(f"{backup}: every checksum matches. Nothing was changed."))
                return
            if interactive and not self.confirmed(database, roots):
                raise CommandError("Nothing was restored.")
            connections.close_all()
            kept = restore(backup, database=database, roots=roots, say=say)
        except BackupError as error:
            raise CommandError(str(error)) from error
        for name, folder in kept.items():
            if folder:
                say(f"The {name} that were in place are kept in {folder}.")
        say(self.style.SUCCESS(f"Restored {backup}."))

    def confirmed(self, database, roots):
        self.stdout.write(
            f"This replaces the database {database!r} and the folders "
            f"{', '.join(roots.values())} with the backup."
        )
        return input("Type 'yes' to go on: ").strip().lower() == "yes"
