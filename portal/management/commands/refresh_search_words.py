from django.core.management.base import BaseCommand

from portal.search import sources
from portal.spelling import refresh_search_words


class Command(BaseCommand):
    help = (
        "Read afresh the words of the titles that site search looks through, which its "
        "“Did you mean” suggests. Run it hourly from cron."
    )

    def handle(self, *args, verbosity, **options):
        count = refresh_search_words(sources())
        if verbosity >= 1:
            self.stdout.write(self.style.SUCCESS(f"{count} search word(s) in all languages."))
