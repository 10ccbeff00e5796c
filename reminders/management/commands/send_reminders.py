from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from accounts.models import User
from push.services import push_due_reminders
from reminders.digest import send_digests
from reminders.management.commands.refresh_statuses import parse_day


class Command(BaseCommand):
    help = (
        "E-mail each opted-in user a digest of due reminders and people to reach out to, at "
        "most once per user per day, and push each due reminder once to each device with push "
        "reminders on (from PUSH_FROM_HOUR of the user's day). Run from cron (hourly is fine: "
        "each user gets them once their local day has begun)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="Count, send nothing.")
        parser.add_argument("--user", metavar="USERNAME", help="Only this user's reminders.")
        parser.add_argument(
            "--today", metavar="YYYY-MM-DD", help="Send as of this day instead of each user's."
        )

    def handle(self, *args, dry_run: bool, user: str | None, today: str | None, **options):
        day = parse_day(today) if today else None
        if user is not None and not User.objects.filter(username=user).exists():
            raise CommandError(f"No user called {user!r}.")
        try:
            result = send_digests(today=day, username=user, dry_run=dry_run)
            # Push failures are logged and retried by the next run; they never stop the digest
            # (sent first) nor fail the run: a device that is switched off is not an outage.
            pushed = push_due_reminders(today=day, username=user, dry_run=dry_run)
        except DatabaseError as exc:
            raise CommandError(f"send_reminders failed: {exc}") from exc
        if options["verbosity"] >= 1:
            self.stdout.write(result.summary(dry_run=dry_run))
            if pushed.devices:
                self.stdout.write(pushed.summary(dry_run=dry_run))
        if result.failed:
            raise CommandError(
                f"{result.failed} digests could not be sent (see the log); the next run retries."
            )
