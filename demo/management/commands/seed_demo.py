import secrets
import sys
import time
from collections.abc import Callable

from django.core.management.base import BaseCommand, CommandError

from accounts.models import User
from demo.seed import demo_users, remove_demo_users, seed, username_for


def make_room(
    users: int, *, force: bool, progress: Callable[[str, int, int], None] = lambda *a: None
) -> int:
    """Refuse a database the demo users do not belong in; with `force`, remove the demo users of
    an earlier or interrupted run first (never a real user). Returns how many were removed."""
    real = User.objects.exclude(pk__in=demo_users())
    if real.exists() and not force:
        raise CommandError(
            "This database already has real users; seed_demo refuses to mix demo data "
            "into it. Use another DATA_DIR/DATABASE_URL, or --force (real users are kept)."
        )
    wanted = [username_for(number) for number in range(1, users + 1)]
    if taken := list(real.filter(username__in=wanted).values_list("username", flat=True)):
        raise CommandError(
            f"A user called {taken[0]!r} exists and was not made by seed_demo, so it is left "
            "alone and the demo users cannot be created. Use another DATA_DIR/DATABASE_URL."
        )
    if not demo_users().exists():
        return 0
    if not force:
        raise CommandError(
            "Demo users already exist here (an earlier seed_demo, perhaps interrupted). "
            "Run again with --force to remove them and seed afresh."
        )
    return remove_demo_users(progress)


class Command(BaseCommand):
    help = (
        "Create a realistic, deterministic demo data set in bulk (users demo, demo2, ...). "
        "--force first removes the demo users of an earlier or interrupted run, and seeds beside "
        "real users; real users are never touched."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--users", type=int, default=1)
        parser.add_argument("--contacts-per-user", type=int, default=200)
        parser.add_argument("--interactions-per-contact", type=int, default=5)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--password", help="Password for every demo user (default: random).")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Remove the demo users (and their data) of an earlier or interrupted run first, "
            "and seed even if the database has real users (they are left alone).",
        )

    def handle(self, *args, **options) -> None:
        for name in ("users", "contacts_per_user", "interactions_per_contact"):
            if not 0 <= options[name] <= 1_000_000:
                raise CommandError(f"--{name.replace('_', '-')} must be between 0 and 1,000,000.")
        if options["users"] < 1:
            raise CommandError("--users must be at least 1.")
        progress = self._progress if options["verbosity"] >= 1 else lambda *a: None
        removed = make_room(options["users"], force=options["force"], progress=progress)
        if removed and options["verbosity"] >= 1:
            self.stdout.write(f"\nseed_demo: removed {removed} demo users of an earlier run.")
        password = options["password"] or secrets.token_urlsafe(9)
        started = time.perf_counter()
        result = seed(
            users=options["users"],
            contacts_per_user=options["contacts_per_user"],
            interactions_per_contact=options["interactions_per_contact"],
            seed=options["seed"],
            password=password,
            progress=progress,
        )
        if options["verbosity"] >= 1:
            self.stdout.write(
                f"\nseed_demo: {result.users} users, {result.contacts} contacts, "
                f"{result.interactions} interactions in {time.perf_counter() - started:.1f}s. "
                f"Log in as 'demo' with password: {password}"
            )

    def _progress(self, label: str, done: int, total: int) -> None:
        width = 30
        filled = int(width * done / total) if total else width
        sys.stdout.write(f"\r{label:<20} [{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
        sys.stdout.flush()
