from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from projects.services import chase_payments


class Command(BaseCommand):
    help = (
        "Mark invoiced payments past their due date (in each owner's time zone) as overdue and "
        "remind their owners, once per payment. Safe to run as often as you like; run it from "
        "cron at least daily (hourly catches each time zone's new day)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="Count, change nothing.")

    def handle(self, *args, dry_run: bool, **options) -> None:
        try:
            report = chase_payments(dry_run=dry_run)
        except DatabaseError as exc:
            raise CommandError(f"chase_payments failed: {exc}") from exc
        if options["verbosity"] >= 1:
            verb = "would become" if dry_run else "became"
            self.stdout.write(
                f"{report.overdue} payments {verb} overdue; {report.reminders} reminders created."
            )
