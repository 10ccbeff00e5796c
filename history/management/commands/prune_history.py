from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from history.services import prune


class Command(BaseCommand):
    help = (
        "Delete the history of changes older than HISTORY_DAYS days (default 365). Safe to run "
        "daily from cron: a second run deletes nothing more."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="Count, delete nothing.")

    def handle(self, *args, dry_run: bool, **options) -> None:
        try:
            counts = prune(dry_run=dry_run)
        except DatabaseError as exc:
            raise CommandError(f"prune_history failed: {exc}") from exc
        if options["verbosity"] >= 1:
            verb = "would delete" if dry_run else "deleted"
            total = sum(counts.values())
            self.stdout.write(
                f"prune_history: {verb} {total} history rows older than "
                f"{settings.HISTORY_DAYS} days"
            )
        if options["verbosity"] >= 2:
            for label, count in counts.items():
                self.stdout.write(f"  {label}: {count}")
