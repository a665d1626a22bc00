from django.core.management.base import BaseCommand

from accounts.services import sign_ins_forget_ended


class Command(BaseCommand):
    help = (
        "Delete the record of each sign-in whose session has ended (the address and browser "
        "that My account lists), including those of people who never sign in again. Run it "
        "daily from cron."
    )

    def handle(self, *args, verbosity, **options):
        deleted = sign_ins_forget_ended()
        if verbosity >= 1:
            self.stdout.write(self.style.SUCCESS(f"Forgot {deleted} ended sign-in(s)."))
