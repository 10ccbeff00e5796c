from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from push import vapid
from push.models import PushSubscription, VapidKeys


class Command(BaseCommand):
    help = (
        "Print the server's VAPID public key and subject for push reminders, making a key pair "
        "(kept in the database) if none is configured. --rotate makes a new pair."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--rotate",
            action="store_true",
            help="Replace the stored key pair. Every device must turn push reminders on again.",
        )

    def handle(self, *args, rotate: bool, **options) -> None:
        if rotate:
            if vapid.configured_keys():
                raise CommandError(
                    "The keys come from VAPID_PRIVATE_KEY; change them there, not here."
                )
            self.rotate(options["verbosity"])
        public = vapid.key_pair()[1]
        source = "environment" if vapid.configured_keys() else "database"
        if options["verbosity"] >= 1:
            self.stdout.write(f"VAPID public key ({source}): {public}")
            self.stdout.write(f"VAPID subject: {vapid.subject()}")

    def rotate(self, verbosity: int) -> None:
        # Subscriptions are bound to the old public key: pushes signed with the new one would
        # be refused, so they go, and each device turns push on again from the settings page.
        with transaction.atomic():
            removed = PushSubscription.objects.count()
            PushSubscription.objects.all().delete()
            VapidKeys.objects.filter(pk=1).delete()
            vapid.stored_keys()
        if verbosity >= 1:
            self.stdout.write(f"New VAPID keys made; {removed} push subscriptions removed.")
