"""Run the same piece of work in several threads at once, as overlapping requests or cron runs."""

import threading
from collections.abc import Callable, Iterable

from django.db import connections


def run_in_threads(work: Callable, arguments: Iterable) -> list:
    """Start `work(argument)` for every argument together (behind a barrier); return results.

    Each thread closes its database connections; any exception fails the calling test.
    """
    arguments = list(arguments)
    barrier = threading.Barrier(len(arguments))
    results: list = []
    errors: list[BaseException] = []

    def run(argument) -> None:
        try:
            barrier.wait(timeout=10)
            results.append(work(argument))
        except BaseException as exc:  # reported by the calling test
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(argument,)) for argument in arguments]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not errors, errors
    return results
