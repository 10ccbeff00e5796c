from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from accounts.models import User
from embeddings.encoder import enabled
from suggestions.services import refresh_all


class Command(BaseCommand):
    help = (
        "Work out conversation openers for the people who need attention, from each user's own "
        "notes, reminders, resources, projects and stack. Run daily from cron, after "
        "refresh_statuses."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="Count what would change.")
        parser.add_argument("--user", metavar="USERNAME", help="Only this user's contacts.")

    def handle(self, *args, dry_run: bool, user: str | None, **options):
        verbose = options["verbosity"] >= 1
        if not enabled():
            if verbose:
                self.stdout.write("Suggestions are switched off (EMBEDDINGS=false): nothing to do.")
            return
        if user is not None and not User.objects.filter(username=user).exists():
            raise CommandError(f"No user called {user!r}.")
        try:
            result = refresh_all(username=user, dry_run=dry_run)
        except DatabaseError as exc:
            raise CommandError(f"suggest_follow_ups failed: {exc}") from exc
        if verbose:
            self.stdout.write(result.summary(dry_run=dry_run))
