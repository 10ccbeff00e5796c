import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from accounts.models import User
from reminders.refresh import PreviewOnly, refresh_statuses


def parse_day(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"--today {value!r} is not a date like 2026-11-22.") from exc


class Command(BaseCommand):
    help = (
        "Move the relationship statuses whose check-in or reconnect day has come, and create "
        "check-in and birthday reminders. Run daily from cron."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="Show what would change.")
        parser.add_argument("--user", metavar="USERNAME", help="Only this user's contacts.")
        parser.add_argument(
            "--today",
            metavar="YYYY-MM-DD",
            help="Preview as of another day (needs --dry-run; a real run always uses today).",
        )
        parser.add_argument(
            "--no-record",
            action="store_true",
            help="Do the work without counting as a run of the nightly job (`make run` at start).",
        )

    def handle(
        self,
        *args,
        dry_run: bool,
        user: str | None,
        today: str | None,
        no_record: bool = False,
        **options,
    ):
        day = parse_day(today) if today is not None else None
        if user is not None and not User.objects.filter(username=user).exists():
            raise CommandError(f"No user called {user!r}.")
        try:
            result = refresh_statuses(
                today=day, username=user, dry_run=dry_run, record=not no_record
            )
        except PreviewOnly as exc:
            raise CommandError(str(exc)) from exc
        except DatabaseError as exc:
            raise CommandError(f"refresh_statuses failed: {exc}") from exc
        if options["verbosity"] >= 1:
            self.stdout.write(result.summary(dry_run=dry_run))
