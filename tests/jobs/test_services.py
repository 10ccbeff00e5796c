"""A long change runs item by item, each item exactly once, whoever drives it and however
often it is interrupted; a failure stops it and takes back what was done."""

import datetime as dt

import pytest
import time_machine
from django.db import OperationalError
from django.utils import timezone

from jobs import services
from jobs.models import Job
from tests.jobs.conftest import items

pytestmark = pytest.mark.django_db


def seen(job: Job) -> list:
    job.refresh_from_db()
    return job.params.get("seen", [])


def test_items_run_in_order_once_and_the_job_ends_with_its_message(alice, counting_kind):
    job = services.start(alice, counting_kind, "Counting", items({"n": 1}, {"n": 2}, {"n": 3}))
    assert (job.status, job.total, job.done) == ("running", 3, 0)

    services.run_to_end(job)

    assert seen(job) == [1, 2, 3]
    assert (job.status, job.done, job.message) == ("done", 3, "Did 3 items.")
    assert job.finished_at is not None
    assert not job.items.exists()


def test_a_step_stops_when_its_time_is_spent_and_the_next_one_continues(alice, counting_kind):
    job = services.start(alice, counting_kind, "Counting", items({"n": 1}, {"n": 2}))

    assert services.step(job, budget=0)  # at least one item, then the budget is spent
    assert seen(job) == [1] and job.is_working and job.done == 1

    services.step(job, budget=0)
    services.step(job, budget=0)  # nothing left: the job ends
    assert seen(job) == [1, 2] and job.status == "done"


def test_an_item_may_add_more_work_that_runs_after_the_others(alice, counting_kind):
    job = services.start(alice, counting_kind, "Counting", items({"n": 1, "more": True}, {"n": 2}))

    services.run_to_end(job)

    assert seen(job) == [1, 2, "1+"]


def test_a_job_another_worker_holds_is_left_alone_until_its_hold_lapses(alice, counting_kind):
    job = services.start(alice, counting_kind, "Counting", items({"n": 1}))
    Job.objects.filter(pk=job.pk).update(locked_until=timezone.now() + dt.timedelta(seconds=60))

    assert not services.step(job)
    assert seen(job) == []

    with time_machine.travel(timezone.now() + dt.timedelta(seconds=61)):
        assert services.step(job)
    assert seen(job) == [1]


def test_a_failure_drops_the_rest_undoes_and_says_what_went_wrong(alice, counting_kind):
    job = services.start(
        alice, counting_kind, "Counting", items({"n": 1}, {"n": 2, "fail": True}, {"n": 3})
    )

    services.run_to_end(job)

    assert seen(job) == [1, "undone"]
    assert (job.status, job.message) == ("failed", "Item 3 is not valid.")


def test_an_unexpected_error_fails_the_job_with_a_plain_message(alice, counting_kind, caplog):
    job = services.start(alice, counting_kind, "Counting", items({"boom": True}))

    services.run_to_end(job)

    assert job.status == "failed"
    assert "unexpected error" in job.message
    assert "failed" in caplog.text


def test_a_busy_database_pauses_the_job_without_losing_the_item(alice, counting_kind, monkeypatch):
    job = services.start(alice, counting_kind, "Counting", items({"n": 1}))
    kind = services.KINDS[counting_kind]

    def locked(job, payload):
        raise OperationalError("database is locked")

    monkeypatch.setitem(services.KINDS, counting_kind, services.Kind(locked, kind.finish))
    assert not services.step(job)
    assert job.is_working and job.items.count() == 1 and job.locked_until is None

    monkeypatch.setitem(services.KINDS, counting_kind, kind)
    services.run_to_end(job)
    assert seen(job) == [1]


def test_a_job_whose_request_died_while_storing_it_never_runs_and_is_removed(alice, counting_kind):
    job = services.start(alice, counting_kind, "Counting", items({"n": 1}))
    Job.objects.filter(pk=job.pk).update(status=Job.Status.PREPARING)

    assert not services.step(job)
    assert services.remove_stale() == 0  # still young: its request may be storing it
    with time_machine.travel(timezone.now() + dt.timedelta(hours=2)):
        assert services.remove_stale() == 1
    assert not Job.objects.exists()


def test_an_unknown_kind_is_refused(alice):
    with pytest.raises(ValueError, match="Unknown kind"):
        services.start(alice, "nope", "Nothing", [])
