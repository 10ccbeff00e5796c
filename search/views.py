"""Search across everything you know about your contacts."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from devhub.lib.http import AuthedRequest
from devhub.lib.views import render_page
from search import meaning, query

MAX_QUERY = 200
RESULTS = 30


@login_required
@require_GET
@vary_on_headers("HX-Request")  # page and live results share a URL
def search_page(request: AuthedRequest) -> HttpResponse:
    """People matching ?q=, with why; HTMX asks for the results only, as you type. Also by
    meaning unless the form's box was unticked (?meaning=off only: a ticked box adds "on")."""
    text = request.GET.get("q", "").strip()[:MAX_QUERY]
    can_mean = meaning.available(request.user)
    by_meaning = can_mean and request.GET.getlist("meaning") != ["off"]
    mode = query.FUSED if by_meaning else query.KEYWORD
    results = query.search(request.user, text, limit=RESULTS, mode=mode) if text else []
    context = {"q": text, "results": results, "can_mean": can_mean, "by_meaning": by_meaning}
    return render_page(request, "search/page.html", context, "results")

