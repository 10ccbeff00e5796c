from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from accounts.models import User
from search import index


def handle_rebuild(username: str | None = None) -> list[tuple[str, int, int]]:
    """Index every contact again (of one user, or everyone's): (username, contacts, entries)."""
    users = User.objects.order_by("pk")
    if username is not None:
        users = users.filter(username=username)
    return [(user.username, *index.rebuild(user)) for user in users]


class Command(BaseCommand):
    help = (
        "Build the search index again from the contacts, interactions, resources, VIP profiles, "
        "projects and collaborations (a repair: every write keeps it current). Safe to run at "
        "any time."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--user", metavar="USERNAME", help="Only this user's contacts.")

    def handle(self, *args, user: str | None, **options) -> None:
        if user is not None and not User.objects.filter(username=user).exists():
            raise CommandError(f"No user called {user!r}.")
        try:
            done = handle_rebuild(user)
        except DatabaseError as exc:
            raise CommandError(f"rebuild_search_index failed: {exc}") from exc
        for username, contacts, entries in done:
            if options["verbosity"] >= 2:
                self.stdout.write(f"{username}: {contacts:,} contacts, {entries:,} entries")
        if options["verbosity"] >= 1:
            total = sum(entries for _, _, entries in done)
            self.stdout.write(f"Indexed {len(done):,} users' contacts: {total:,} entries.")
