"""A serving process freezes what it has loaded, at start and as it warms up."""

import gc
import itertools

from django.core.signals import request_finished

from devhub.lib import process


def test_it_settles_after_a_hundred_a_thousand_ten_thousand_requests(monkeypatch):
    served, settled = [0], []
    monkeypatch.setattr(process, "_count", itertools.count(1))
    monkeypatch.setattr(process, "settle", lambda: settled.append(served[0]))

    for served[0] in range(1, 20_001):
        process._served(None)

    assert settled == [100, 1000, 10_000]


def test_starting_freezes_what_is_loaded_and_listens_for_served_requests():
    try:
        process.start()
        assert gc.get_freeze_count() > 0
    finally:
        listening = request_finished.disconnect(dispatch_uid="devhub.lib.process")
        gc.unfreeze()
    assert listening
