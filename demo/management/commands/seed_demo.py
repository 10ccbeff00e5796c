import secrets
import sys
import time

from django.core.management.base import BaseCommand, CommandError

from accounts.models import User
from demo.seed import seed


class Command(BaseCommand):
    help = "Create a realistic, deterministic demo data set in bulk (users demo, demo2, ...)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--users", type=int, default=1)
        parser.add_argument("--contacts-per-user", type=int, default=200)
        parser.add_argument("--interactions-per-contact", type=int, default=5)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--password", help="Password for every demo user (default: random).")
        parser.add_argument(
            "--force", action="store_true", help="Seed even if the database has other users."
        )

    def handle(self, *args, **options) -> None:
        for name in ("users", "contacts_per_user", "interactions_per_contact"):
            if not 0 <= options[name] <= 1_000_000:
                raise CommandError(f"--{name.replace('_', '-')} must be between 0 and 1,000,000.")
        if options["users"] < 1:
            raise CommandError("--users must be at least 1.")
        others = User.objects.exclude(username__regex=r"^demo[0-9]*$")
        if others.exists() and not options["force"]:
            raise CommandError(
                "This database already has real users; seed_demo refuses to mix demo data "
                "into it. Use another DATA_DIR/DATABASE_URL, or --force."
            )
        if User.objects.filter(username__regex=r"^demo[0-9]*$").exists():
            raise CommandError("Demo users already exist here; start from an empty database.")
        password = options["password"] or secrets.token_urlsafe(9)
        started = time.perf_counter()
        result = seed(
            users=options["users"],
            contacts_per_user=options["contacts_per_user"],
            interactions_per_contact=options["interactions_per_contact"],
            seed=options["seed"],
            password=password,
            progress=self._progress if options["verbosity"] >= 1 else lambda *a: None,
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
