"""Run a long change as short transactions.

A kind of job registers what one item of work does (`run`), the message when all items are done
(`finish`) and, optionally, the items that take back a failed job's partial work (`undo`), from
its app's AppConfig.ready(). `start` stores a job and its items; `step` does items, each in its
own transaction that also deletes the item, until a time budget is spent: whoever calls it (the
progress page, `manage.py run_jobs`, a command) and however often it is interrupted, every item
is done exactly once. One worker at a time holds a job (a lock that lapses if it dies).
"""

import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import timedelta
from itertools import batched

from django.conf import settings
from django.db import OperationalError, transaction
from django.db.models import F, Max, Q
from django.utils import timezone

from jobs.models import WORKING, Job, JobItem

log = logging.getLogger(__name__)

LOCK_SECONDS = 60
ITEMS_PER_TRANSACTION = 50  # while storing a new job's items
# A stored job that never finished preparing (its request died) is removed after this.
PREPARING_TIMEOUT = timedelta(hours=1)


class JobFailed(Exception):
    """Raised by a kind's `run`: the job stops, its message is shown to the user as is."""


@dataclass(frozen=True)
class Kind:
    # Do one item (inside a transaction); may return more payloads to do after the others. It
    # gets what `prepare` returned for the item, if the kind has one.
    run: Callable[..., list[dict] | None]
    # The message for the user once every item is done (inside the last item's transaction).
    finish: Callable[[Job], str]
    # After a failure: payloads that take back what the done items changed.
    undo: Callable[[Job], list[dict]] | None = None
    # Reads and checks for an item, before its transaction: on SQLite a write transaction holds
    # the database for every other writer, so it should hold nothing but the writes.
    prepare: Callable[[Job, dict], object] | None = None


KINDS: dict[str, Kind] = {}


def register(name: str, kind: Kind) -> None:
    KINDS[name] = kind


def step_seconds() -> float:
    return getattr(settings, "JOBS_STEP_SECONDS", 0.5)


def pause_seconds() -> float:
    """The longest rest between two items of a step: a little more than SQLite's longest wait
    between two tries of a busy writer (100 ms)."""
    return getattr(settings, "JOBS_PAUSE_SECONDS", 0.12)


def start(
    owner,
    kind: str,
    title: str,
    items: Iterable[tuple[int, dict]],
    *,
    params: dict | None = None,
    next_url: str = "",
) -> Job:
    """Store a job and its items ((size, payload) pairs, in order), a few dozen items per
    transaction; the job runs only once all are stored."""
    if kind not in KINDS:
        raise ValueError(f"Unknown kind of job: {kind}")
    job = Job.objects.create(
        owner=owner,
        kind=kind,
        title=title,
        params=params or {},
        next_url=next_url,
        status=Job.Status.PREPARING,
    )
    total, position = 0, 0
    for batch in batched(items, ITEMS_PER_TRANSACTION):
        rows = []
        for size, payload in batch:
            rows.append(JobItem(job=job, position=position, size=size, payload=payload))
            position += 1
            total += size
        JobItem.objects.bulk_create(rows)
    Job.objects.filter(pk=job.pk).update(status=Job.Status.RUNNING, total=total)
    job.status, job.total = Job.Status.RUNNING, total
    return job


def step(job: Job, budget: float | None = None) -> bool:
    """Do the job's next items for up to `budget` seconds (at least one item). False when
    another worker holds the job or the database was too busy: try again shortly."""
    try:
        if not _claim(job):
            return False
    except OperationalError:  # the database is busy: try again shortly
        return False
    deadline = time.monotonic() + (step_seconds() if budget is None else budget)
    try:
        while True:
            began = time.monotonic()
            if not _do_next(job) or time.monotonic() >= deadline:
                break
            # Rest as long as the item took (at most the pause), so the job holds the database
            # at most half the time and other users' writes get in between its items.
            time.sleep(min(time.monotonic() - began, pause_seconds()))
    except OperationalError as exc:  # e.g. SQLite's "database is locked": the item waits
        log.warning("job %s paused: %s", job.code, exc)
        return False
    finally:
        try:
            Job.objects.filter(pk=job.pk).update(locked_until=None)
        except OperationalError:  # the hold lapses by itself after LOCK_SECONDS
            log.warning("job %s: could not release its hold, the database is busy", job.code)
        job.refresh_from_db()
    return True


def run_to_end(job: Job, on_progress: Callable[[Job], None] | None = None) -> Job:
    """Step until the job is done or failed (a command's way; pages step one request at a time)."""
    while job.is_working:
        if not step(job):
            time.sleep(0.5)
        if on_progress:
            on_progress(job)
    return job


def _claim(job: Job) -> bool:
    now = timezone.now()
    free = Q(locked_until__isnull=True) | Q(locked_until__lt=now)
    claimed = (
        Job.objects.filter(pk=job.pk, status__in=WORKING)
        .filter(free)
        .update(locked_until=now + timedelta(seconds=LOCK_SECONDS))
    )
    return bool(claimed)


def _do_next(job: Job) -> bool:
    """One item in one transaction; at the end, the job's outcome. False when nothing is left."""
    kind = KINDS[job.kind]
    try:
        item = job.items.order_by("position").first()
        if item is None:
            with transaction.atomic():
                _finish(job, kind)
            return False
        prepared = kind.prepare(job, item.payload) if kind.prepare else None
        with transaction.atomic():
            if not JobItem.objects.filter(pk=item.pk).delete()[0]:
                return True  # done meanwhile by a worker whose hold had lapsed
            args = (prepared,) if kind.prepare else ()
            if more := kind.run(job, item.payload, *args) or []:
                last = job.items.aggregate(last=Max("position"))["last"] or item.position
                JobItem.objects.bulk_create(
                    JobItem(job=job, position=last + n, size=0, payload=payload)
                    for n, payload in enumerate(more, 1)
                )
            Job.objects.filter(pk=job.pk).update(done=F("done") + item.size)
            job.done += item.size
            if job.items.exists():
                return True
            _finish(job, kind)  # the last item: the outcome in the same transaction
            return False
    except OperationalError:
        raise
    except JobFailed as exc:
        _fail(job, kind, str(exc))
    except Exception:
        log.exception("job %s (%s) failed", job.code, job.kind)
        _fail(job, kind, "An unexpected error stopped this change; it has been logged.")
    return job.status in WORKING


def _finish(job: Job, kind: Kind) -> None:
    if job.status == Job.Status.UNDOING:
        _end(job, Job.Status.FAILED, job.message)
    else:
        _end(job, Job.Status.DONE, kind.finish(job))


def _fail(job: Job, kind: Kind, message: str) -> None:
    """Drop the items left; if the kind can take back what was done, do that next."""
    with transaction.atomic():
        job.items.all().delete()
        undo = kind.undo(job) if kind.undo and job.status == Job.Status.RUNNING else []
        if not undo:
            _end(job, Job.Status.FAILED, message)
            return
        JobItem.objects.bulk_create(
            JobItem(job=job, position=n, payload=payload) for n, payload in enumerate(undo)
        )
        Job.objects.filter(pk=job.pk).update(
            status=Job.Status.UNDOING, message=message, done=0, total=len(undo)
        )
        job.refresh_from_db()


def _end(job: Job, status: str, message: str) -> None:
    Job.objects.filter(pk=job.pk).update(status=status, message=message, finished_at=timezone.now())
    job.refresh_from_db()


def remove_stale() -> int:
    """Jobs whose request died while storing their items (never started, safe to drop)."""
    stale = Job.objects.filter(
        status=Job.Status.PREPARING, created_at__lt=timezone.now() - PREPARING_TIMEOUT
    )
    return stale.delete()[1].get(Job._meta.label, 0)
