"""Measures a 10,000-row LinkedIn import through the real views; prints the figures for the
user guide (docs/user-guide.md).

Not collected by the normal test run (timings are not assertions). Run it explicitly:

    .venv/bin/python -m pytest tests/imports/measure_large_import.py -s -q

The import runs twice: once for the times, once under tracemalloc for peak memory (tracemalloc
slows Python down several times, so its run is not timed).
"""

import time
import tracemalloc
from contextlib import contextmanager

import pytest
from django.urls import reverse

from contacts.models import Contact
from imports.models import ImportBatch
from tests.imports.conftest import upload_file
from tests.imports.samples import linkedin_csv

ROWS = 10_000
MIB = 1024 * 1024


@contextmanager
def measured(figures: dict, name: str, memory: bool):
    if memory:
        tracemalloc.reset_peak()
    started = time.perf_counter()
    yield
    figures[name] = (
        tracemalloc.get_traced_memory()[1] / MIB if memory else (time.perf_counter() - started)
    )


def drive(client, batch: ImportBatch, times: list[float]) -> None:
    """Post to the process URL as the progress page does, until it redirects to the summary."""
    url = reverse("imports:process", args=[batch.code])
    while True:
        started = time.perf_counter()
        response = client.post(url, HTTP_HX_REQUEST="true")
        times.append(time.perf_counter() - started)
        if "HX-Redirect" in response:
            return


def run_once(client, owner, data: bytes, memory: bool) -> dict:
    figures: dict = {}
    chunk_times: list[float] = []
    undo_times: list[float] = []
    with measured(figures, "upload", memory):
        client.post(reverse("imports:upload"), {"file": upload_file(data)})
    batch = ImportBatch.objects.filter(owner=owner).latest("created_at")
    assert batch.total_rows == ROWS
    with measured(figures, "preview", memory):
        client.get(reverse("imports:detail", args=[batch.code]))
    client.post(reverse("imports:confirm", args=[batch.code]))
    with measured(figures, "process", memory):
        drive(client, batch, chunk_times)
    assert Contact.objects.filter(owner=owner).count() == ROWS
    with measured(figures, "summary", memory):
        client.get(reverse("imports:detail", args=[batch.code]))
    client.post(reverse("imports:undo", args=[batch.code]))
    with measured(figures, "undo", memory):
        drive(client, batch, undo_times)
    assert not Contact.objects.filter(owner=owner).exists()
    figures |= {"chunks": chunk_times, "undo_chunks": undo_times}
    return figures


@pytest.mark.django_db
def test_measure_10000_row_linkedin_import(alice_client, alice):
    data = linkedin_csv(ROWS).encode()
    t = run_once(alice_client, alice, data, memory=False)
    tracemalloc.start()
    m = run_once(alice_client, alice, data, memory=True)
    tracemalloc.stop()
    print(
        f"\n{ROWS} rows, file {len(data) / MIB:.2f} MiB (time, peak traced memory)\n"
        f"upload (parse, validate, match, store preview rows): {t['upload']:.2f} s, "
        f"{m['upload']:.1f} MiB\n"
        f"preview page: {t['preview']:.2f} s, {m['preview']:.1f} MiB\n"
        f"import: {len(t['chunks'])} requests, {t['process']:.1f} s in all, slowest "
        f"{max(t['chunks']):.2f} s, median {sorted(t['chunks'])[len(t['chunks']) // 2]:.2f} s, "
        f"{m['process']:.1f} MiB\n"
        f"summary page: {t['summary']:.2f} s, {m['summary']:.1f} MiB\n"
        f"undo: {len(t['undo_chunks'])} requests, {t['undo']:.1f} s in all, slowest "
        f"{max(t['undo_chunks']):.2f} s, {m['undo']:.1f} MiB"
    )
