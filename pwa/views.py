"""The installable app's files that must be served from the site root."""

from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


@login_not_required
@never_cache
@require_GET
def service_worker(request):
    """The service worker, from the root so its scope is the whole site; never cached by the
    browser's HTTP cache, so a new version is picked up on the next visit."""
    return render(request, "pwa/sw.js", content_type="text/javascript; charset=utf-8")
