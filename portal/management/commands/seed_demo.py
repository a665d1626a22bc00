from contextlib import nullcontext

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction
from django.test.utils import override_settings

from portal.discovery import app_modules


def files_kept_in_memory():
    """Uploads (the demo's photos) go to memory, and are gone with a dry run's rollback."""
    in_memory = {"BACKEND": "django.core.files.storage.InMemoryStorage"}
    return override_settings(STORAGES={**settings.STORAGES, "default": in_memory})


class Command(BaseCommand):
    help = (
        "Load the demo content of every app that has a demo module or package (<app>.demo with "
        "a seed(stdout, style) function). Idempotent: a second run changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Show what would be loaded, then roll everything back.",
        )

    def handle(self, *args, dry_run=False, verbosity=1, **options):
        out = self.stdout if verbosity > 0 else None
        with files_kept_in_memory() if dry_run else nullcontext(), transaction.atomic():
            for module in app_modules("demo"):
                module.seed(stdout=out, style=self.style)
            call_command("refresh_search_words", verbosity=0)
            if dry_run:
                transaction.set_rollback(True)
        if out:
            if dry_run:
                out.write(self.style.WARNING("Dry run: nothing was saved."))
            else:
                out.write(self.style.SUCCESS("Demo content is in place."))
