"""Search across everything you know about your contacts."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from contacts.models import get_contact_for_user
from devhub.lib.http import AuthedRequest
from devhub.lib.views import render_page
from embeddings import encoder
from interactions.models import get_interaction_for_user
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


@login_required
@require_GET
@vary_on_headers("HX-Request")
def similar_people(request: AuthedRequest, code) -> HttpResponse:
    """The contacts most like this one: a card loaded into their page, or a page of its own."""
    contact = get_contact_for_user(request.user, code)
    if not encoder.enabled():
        raise Http404("Search by meaning is switched off.")
    context = {"contact": contact, "people": meaning.similar_people(contact)}
    return render_page(request, "search/similar.html", context, "similar")


@login_required
@require_GET
@vary_on_headers("HX-Request")
def talked_about(request: AuthedRequest, code) -> HttpResponse:
    """Other people whose conversations come closest to this interaction."""
    interaction = get_interaction_for_user(request.user, code)
    if not encoder.enabled():
        raise Http404("Search by meaning is switched off.")
    context = {"interaction": interaction, "talks": meaning.talked_about(interaction)}
    return render_page(request, "search/talked.html", context, "talked")
