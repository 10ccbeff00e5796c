from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from webhooks.sending import KEEP, send_due


class Command(BaseCommand):
    help = (
        "Queue reminder.due for reminders that came due, send the webhook deliveries that are "
        f"due (each once, however many runs overlap), retry failed ones with back-off, and "
        f"delete deliveries older than {KEEP.days} days. Run from cron every minute."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="Count, send nothing.")

    def handle(self, *args, dry_run: bool, **options) -> None:
        # A receiver that fails is recorded on its delivery and retried; it never fails the run
        # (someone else's server being down is not this install's outage). The database is.
        try:
            result = send_due(dry_run=dry_run)
        except DatabaseError as exc:
            raise CommandError(f"send_webhooks failed: {exc}") from exc
        if options["verbosity"] >= 1:
            self.stdout.write(result.summary(dry_run=dry_run))
