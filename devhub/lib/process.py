"""What a serving process does once the application is loaded, and as it warms up."""

import gc
import itertools

from django.core.signals import request_finished
from django.urls import get_resolver

# Served requests after which what the process loaded on the way is frozen too: the first
# requests compile templates and import what views import on first use.
WARM_UP = 100


def settle() -> None:
    """Freeze what is loaded: it lives as long as the process, and a full garbage collection
    then walks only what requests made. Unfrozen, each full collection walked the
    application's ~180,000 objects, a pause of tens of milliseconds on about one request in ten
    of pages that build many objects (the search's thousands of matches). Under gunicorn's
    --preload, frozen before the fork, the workers also keep sharing those pages of memory: a
    collection no longer writes to them. An object alive now that later becomes garbage in a
    reference cycle is never collected: settling a few times a process bounds that."""
    gc.collect()
    gc.freeze()


def start() -> None:
    """For wsgi.py and asgi.py: load the URL map (which imports every view and what they use)
    and settle; settle again after WARM_UP served requests, and after ten, a hundred... times
    as many, once each response has been sent."""
    get_resolver().url_patterns  # noqa: B018 - imported for its side effect
    settle()
    request_finished.connect(_served, dispatch_uid="devhub.lib.process")


_count = itertools.count(1)


def _served(sender, **kwargs) -> None:
    served, rest = divmod(next(_count), WARM_UP)
    if not rest and str(served).rstrip("0") == "1":  # WARM_UP times 1, 10, 100...
        settle()
