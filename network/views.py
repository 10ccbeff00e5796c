"""Your network by technology: the stack map, and introductions between contacts."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST
from django.views.decorators.vary import vary_on_headers

from contacts.models import get_contact_for_user
from devhub.lib.http import AuthedRequest, is_htmx_fragment
from devhub.lib.views import render_page
from network import graph, introductions, services
from network.forms import StackMapFilterForm


@login_required
@require_GET
@vary_on_headers("HX-Request")  # page and fragment share a URL; caches must keep them apart
def stack_map(request: AuthedRequest) -> HttpResponse:
    filters = StackMapFilterForm(request.GET, owner=request.user)
    context = {
        "filters": filters,
        "map": graph.stack_map(request.user, **filters.choices()),
        "list_url": request.path,
    }
    return render_page(request, "network/stack_map.html", context, "results")


@login_required
@require_GET
@vary_on_headers("HX-Request")
def introductions_card(request: AuthedRequest, code) -> HttpResponse:
    """People a contact should meet: loaded into their page when it scrolls into view (working
    them out is the priciest part of that page), or a page of its own without JavaScript."""
    contact = get_contact_for_user(request.user, code)
    context = introductions.section(contact)
    if is_htmx_fragment(request):
        return render(request, "network/introductions.html", context)
    return render(request, "network/introductions_page.html", context)


@login_required
@require_POST
def introduce(request: AuthedRequest, code_a, code_b) -> HttpResponse:
    """Remind the user to introduce A to B; the card again (HTMX) or back to A's suggestions."""
    contact = get_contact_for_user(request.user, code_a)
    other = get_contact_for_user(request.user, code_b)
    if contact == other:
        raise Http404("A contact cannot be introduced to themselves.")
    reminder, created = services.remind_to_introduce(contact, other)
    due = f"{reminder.due_on:%-d %b %Y}"
    if created:
        message = f"Reminder added: {reminder.title}, due {due}."
    else:
        message = f"You already have a reminder to introduce them ({reminder.title}, due {due})."
    if is_htmx_fragment(request):
        context = {**introductions.section(contact), "status_message": message}
        return render(request, "network/introductions.html", context)
    messages.success(request, message)
    return redirect("network:introductions", code=contact.code)
