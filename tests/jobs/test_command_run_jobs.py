"""`manage.py run_jobs` finishes long changes nobody drives from a browser."""

import datetime as dt
import io

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from jobs import services
from jobs.models import Job
from tests.jobs.conftest import items

pytestmark = pytest.mark.django_db


def run_jobs(*args: str) -> str:
    out = io.StringIO()
    call_command("run_jobs", *args, stdout=out)
    return out.getvalue()


def test_it_finishes_every_working_job(alice, charlie, counting_kind):
    first = services.start(alice, counting_kind, "A", items({"n": 1}, {"n": 2}))
    second = services.start(charlie, counting_kind, "B", items({"n": 1}))

    out = run_jobs()

    assert "2 long change(s) finished" in out
    assert {j.status for j in Job.objects.filter(pk__in=[first.pk, second.pk])} == {"done"}


def test_a_job_a_page_is_driving_is_left_to_it(alice, counting_kind):
    job = services.start(alice, counting_kind, "A", items({"n": 1}))
    Job.objects.filter(pk=job.pk).update(locked_until=timezone.now() + dt.timedelta(seconds=30))

    assert run_jobs() == ""
    job.refresh_from_db()
    assert job.status == "running"


def test_it_stops_starting_new_parts_after_its_time(alice, counting_kind):
    job = services.start(alice, counting_kind, "A", items({"n": 1}, {"n": 2}))

    run_jobs("--max-seconds", "0")

    job.refresh_from_db()
    assert job.status == "running" and job.done == 0


def test_it_removes_jobs_that_never_finished_being_stored(alice, counting_kind):
    job = services.start(alice, counting_kind, "A", items({"n": 1}))
    Job.objects.filter(pk=job.pk).update(status=Job.Status.PREPARING)

    with time_machine.travel(timezone.now() + dt.timedelta(hours=2)):
        out = run_jobs()

    assert "1 stale removed" in out
    assert not Job.objects.exists()


def test_it_is_quiet_when_there_is_nothing_to_do(db):
    assert run_jobs() == ""
