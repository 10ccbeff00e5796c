"""Freelance projects' pages."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from devhub.lib.http import AuthedRequest
from projects import analytics as figures

# Analytics


@login_required
@require_GET
def analytics(request: AuthedRequest) -> HttpResponse:
    """Money and win figures over all the user's projects (the same page for HTMX: no part of it
    is swapped on its own)."""
    context = figures.analytics(request.user, timezone.localdate())
    return render(request, "projects/analytics.html", context)
