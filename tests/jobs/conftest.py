import pytest

from jobs import services
from jobs.models import Job


@pytest.fixture
def counting_kind():
    """A kind of job that appends each item's number to the job's params (so a test sees
    exactly which items ran, and how often), fails on an item saying "fail", and undoes by
    recording "undone"."""

    def run(job: Job, payload: dict):
        if payload.get("fail"):
            raise services.JobFailed("Item 3 is not valid.")
        if payload.get("boom"):
            raise RuntimeError("unexpected")
        job.params.setdefault("seen", []).append(payload.get("n", payload.get("undo")))
        Job.objects.filter(pk=job.pk).update(params=job.params)
        return [{"n": f"{payload['n']}+"}] if payload.get("more") else None

    def finish(job: Job) -> str:
        return f"Did {len(job.params.get('seen', []))} items."

    def undo(job: Job) -> list[dict]:
        return [{"undo": "undone"}]

    services.register("test.counting", services.Kind(run=run, finish=finish, undo=undo))
    yield "test.counting"
    services.KINDS.pop("test.counting")


def items(*payloads: dict) -> list[tuple[int, dict]]:
    return [(1, payload) for payload in payloads]
