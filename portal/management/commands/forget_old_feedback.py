from django.core.management.base import BaseCommand

from portal.models import PageFeedback


class Command(BaseCommand):
    help = (
        "Delete what visitors told us about pages more than two years ago, as the privacy "
        "notice says. Run it daily from cron."
    )

    def handle(self, *args, verbosity, **options):
        deleted, _ = PageFeedback.objects.past_keeping().delete()
        if verbosity >= 1:
            self.stdout.write(self.style.SUCCESS(f"Deleted {deleted} page feedback record(s)."))
