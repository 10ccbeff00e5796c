from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from accounts.models import User
from embeddings import encoder
from search import meaning


def handle_embed(
    username: str | None = None, everything: bool = False
) -> list[tuple[str, int, int]]:
    """Embed contacts' profiles, interactions and resources (every contact's with `everything`,
    else only those with nothing stored): (username, contacts, vectors) per user."""
    users = User.objects.order_by("pk")
    if username is not None:
        users = users.filter(username=username)
    return [(user.username, *meaning.embed_owner(user, not everything)) for user in users]


class Command(BaseCommand):
    help = (
        "Embed what you know about your contacts for search by meaning and similar people, on "
        "this machine (nothing is sent anywhere). Every write keeps the vectors current; this "
        "fills in contacts that have none, or with --all builds every vector again."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--all", action="store_true", help="Every contact, not only missing.")
        parser.add_argument("--user", metavar="USERNAME", help="Only this user's contacts.")

    def handle(self, *args, user: str | None, **options) -> None:
        if not encoder.enabled():
            raise CommandError("Embeddings are switched off (EMBEDDINGS=false).")
        if user is not None and not User.objects.filter(username=user).exists():
            raise CommandError(f"No user called {user!r}.")
        try:
            done = handle_embed(user, options["all"])
        except DatabaseError as exc:
            raise CommandError(f"embed failed: {exc}") from exc
        for username, contacts, vectors in done:
            if options["verbosity"] >= 2:
                self.stdout.write(f"{username}: {contacts:,} contacts, {vectors:,} vectors")
        if options["verbosity"] >= 1:
            contacts = sum(c for _, c, _ in done)
            vectors = sum(v for _, _, v in done)
            self.stdout.write(f"Embedded {contacts:,} contacts: {vectors:,} vectors.")
