"""Search across everything you know about your contacts."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from devhub.lib.http import AuthedRequest
from devhub.lib.views import render_page
from search import query

MAX_QUERY = 200
RESULTS = 30


@login_required
@require_GET
@vary_on_headers("HX-Request")  # page and live results share a URL
def search_page(request: AuthedRequest) -> HttpResponse:
    """People matching ?q=, with why; HTMX asks for the results only, as you type."""
    text = request.GET.get("q", "").strip()[:MAX_QUERY]
    results = query.search(request.user, text, limit=RESULTS) if text else []
    context = {"q": text, "results": results}
    return render_page(request, "search/page.html", context, "results")
