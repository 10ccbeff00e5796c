import time

from django.core.management.base import BaseCommand

from jobs import services
from jobs.models import Job


class Command(BaseCommand):
    help = (
        "Continue the long changes nobody is driving from a browser (cron, every few minutes); "
        "each part is its own short transaction. Safe to run while pages drive jobs too."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--max-seconds",
            type=float,
            default=240,
            help="stop starting new parts after this long (default: 240, for a 5-minute cron)",
        )

    def handle(self, *args, max_seconds: float, verbosity: int, **options) -> None:
        deadline = time.monotonic() + max_seconds
        removed = services.remove_stale()
        finished = 0
        for job in Job.objects.working().order_by("created_at"):
            while job.is_working and time.monotonic() < deadline:
                if not services.step(job):
                    break  # a page or another run holds it: leave it to them
            if not job.is_working:
                finished += 1
                if verbosity >= 2:
                    self.stdout.write(f"{job.title}: {job.get_status_display().lower()}")
        if verbosity >= 1 and (finished or removed):
            self.stdout.write(f"{finished} long change(s) finished, {removed} stale removed.")
