import json
import time
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from exports import restore
from exports.restore import RestoreError
from jobs import services as jobs
from jobs.models import Job


class Command(BaseCommand):
    help = (
        "Restore a DevHub CRM JSON export into an existing, empty account. For files larger "
        "than the web upload limit; same checks, all or nothing, in short transactions so the "
        "app stays usable meanwhile."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", type=Path, help="The .json export.")
        parser.add_argument("--user", required=True, metavar="USERNAME", help="Restore into.")

    def handle(self, *args, file: Path, user: str, **options) -> None:
        account = get_user_model().objects.filter(username=user).first()
        if account is None:
            raise CommandError(f"No user called {user!r}; sign up first.")
        started = time.perf_counter()
        try:
            with file.open("rb") as handle:
                document = json.loads(handle.read().decode("utf-8-sig"))
            job = restore.start(account, document)
        except OSError as exc:
            raise CommandError(f"Cannot read {file}: {exc}") from exc
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise CommandError(f"{file} is not a JSON export: {exc}") from exc
        except RestoreError as exc:
            raise CommandError(str(exc)) from exc
        job = jobs.run_to_end(
            job, on_progress=self._progress if options["verbosity"] >= 2 else None
        )
        if job.status != Job.Status.DONE:
            raise CommandError(job.message)
        if options["verbosity"] >= 1:
            seconds = time.perf_counter() - started
            count = job.params["total"]
            self.stdout.write(f"Restored {count} records into {user} in {seconds:.1f}s.")

    def _progress(self, job: Job) -> None:
        self.stdout.write(f"{job.done:,} of {job.total:,} records")
