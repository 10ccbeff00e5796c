from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST
from django.views.decorators.vary import vary_on_headers

from contacts.models import Contact, get_contact_for_user
from devhub.lib.http import AuthedRequest, is_htmx_fragment, safe_next
from devhub.lib.views import render_page
from embeddings.encoder import enabled
from suggestions import brief, services
from suggestions.models import Suggestion, get_suggestion_for_user

PER_PAGE = 25


def _switched_on() -> None:
    if not enabled():
        raise Http404("Suggestions are switched off on this installation.")


@login_required
@require_GET
@vary_on_headers("HX-Request")
def suggestion_list(request: AuthedRequest) -> HttpResponse:
    """Every current suggestion, for the people who need attention today, best first."""
    _switched_on()
    today = timezone.localdate()
    waiting = Contact.objects.for_owner(request.user).needs_attention(today)
    suggestions = (
        Suggestion.objects.for_owner(request.user)
        .current()
        .filter(contact__in=waiting)
        .with_sources()
        .order_by("-score", "id")
    )
    page = Paginator(suggestions, PER_PAGE).get_page(request.GET.get("page"))
    shown = [s for s in page.object_list if s.still_true(today)]
    context = {"page": page, "suggestions": shown, "today": today}
    return render_page(request, "suggestions/list.html", context, "results")


@login_required
@require_POST
def dismiss(request: AuthedRequest, code) -> HttpResponse:
    """Never suggest this fact again. Over HTMX the suggestion just disappears."""
    suggestion = get_suggestion_for_user(request.user, code)
    services.dismiss(suggestion)
    if is_htmx_fragment(request):
        return HttpResponse("")
    messages.success(request, "Dismissed: it will not be suggested again.")
    return redirect(safe_next(request) or "suggestions:list")


@login_required
@require_GET
def meeting_brief(request: AuthedRequest, code) -> HttpResponse:
    """One printable page to read before meeting the contact."""
    contact = get_contact_for_user(request.user, code)
    return render(request, "suggestions/brief.html", brief.brief(request.user, contact))
