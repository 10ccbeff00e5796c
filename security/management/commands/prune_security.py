from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from security.services import prune


class Command(BaseCommand):
    help = (
        "Forget logged-in sessions that expired and security log events older than "
        "SECURITY_LOG_DAYS. Safe to run from cron, e.g. daily."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="Count, delete nothing.")

    def handle(self, *args, dry_run: bool, **options) -> None:
        try:
            sessions, events = prune(dry_run=dry_run)
        except DatabaseError as exc:
            raise CommandError(f"prune_security failed: {exc}") from exc
        if options["verbosity"] >= 1:
            verb = "Would delete" if dry_run else "Deleted"
            self.stdout.write(
                f"{verb} {sessions} expired session row(s) and {events} security event(s) "
                f"older than {settings.SECURITY_LOG_DAYS} days."
            )
