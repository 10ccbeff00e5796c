"""What a serving process does once the application is loaded."""

import gc

from django.urls import get_resolver


def settle() -> None:
    """Load the URL map (which imports every view and what they use) and freeze what is loaded:
    it lives as long as the process, and a full garbage collection then walks only what
    requests made. Unfrozen, each full collection walked the application's ~180,000 objects, a
    pause of tens of milliseconds on one request in a few on pages that build many objects (the
    search's thousands of matches). Under gunicorn's --preload, frozen before the fork, the
    workers also keep sharing those pages of memory: a collection no longer writes to them."""
    get_resolver().url_patterns  # noqa: B018 - imported for its side effect
    gc.collect()
    gc.freeze()
