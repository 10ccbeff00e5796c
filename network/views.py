"""Your network by technology: the stack map, and introductions between contacts."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST
from django.views.decorators.vary import vary_on_headers

from contacts.models import get_contact_for_user
from devhub.lib.http import AuthedRequest, is_htmx_fragment
from devhub.lib.views import render_page
from network import expertise, graph, introductions, services
from network.forms import MatchForm, StackMapFilterForm
from projects.models import Project


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


@login_required
@require_GET
def who_knows_search(request: AuthedRequest) -> HttpResponse:
    """The stack map's "Who knows…?" box: on to that technology's page."""
    text = request.GET.get("q", "").strip()[:100]
    return redirect(graph.technology_url(text) if text else reverse("network:stack_map"))


@login_required
@require_GET
@vary_on_headers("HX-Request")
def who_knows(request: AuthedRequest, technology: str) -> HttpResponse:
    """Everyone with evidence of a technology (a tag of that name, else the words), strongest
    evidence first, with quick actions per person."""
    text = technology.strip()[:100]
    tag = expertise.tag_named(request.user, text)
    name = tag.name if tag else text
    page = expertise.who_knows(request.user, name, request.GET.get("page"))
    context = {"technology": name, "tag": tag, "page": page, "query": ""}
    context |= _quick_actions(request, request.get_full_path())
    return render_page(request, "network/who_knows.html", context, "results")


@login_required
@require_GET
@vary_on_headers("HX-Request")
def match(request: AuthedRequest) -> HttpResponse:
    """People for a need, a project or an opportunity: who covers most of it, warmest first."""
    form = MatchForm(request.GET, owner=request.user)
    if form.names_a_missing_record():
        raise Http404("No open project or opportunity of yours has that code.")
    terms = form.terms()
    page = expertise.match(request.user, terms, request.GET.get("page"))
    query = urlencode({k: v for k, v in request.GET.items() if k != "page" and v})
    context = {"filters": form, "terms": terms, "page": page, "query": query}
    context |= {"list_url": request.path, **_quick_actions(request, request.get_full_path())}
    return render_page(request, "network/match.html", context, "results")


def _quick_actions(request: AuthedRequest, here: str) -> dict:
    """What each person's row offers: log, remind, and (with open projects) a way to the form
    on their page that adds them to one."""
    open_projects = Project.objects.for_owner(request.user).still_open().exists()
    return {"open_projects": open_projects, "here": here}
