from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import reswap, retarget

from contacts.models import Contact, get_contact_for_user
from devhub.lib.http import AuthedRequest, is_htmx_fragment, safe_next
from devhub.lib.views import confirm_delete, redirect_after_post, render_page
from interactions import services
from interactions.forms import (
    InteractionFilterForm,
    InteractionForm,
    InteractionTypeForm,
    QuickLogForm,
)
from interactions.models import (
    Interaction,
    InteractionType,
    get_interaction_for_user,
    get_type_for_user,
)


def _timeline_response(request: AuthedRequest, contact: Contact, form=None) -> HttpResponse:
    """The refreshed timeline, plus out-of-band updates of the header and the quick-log form."""
    page, entries, last_month = services.timeline_page(contact, 1)
    context = {
        "contact": contact,
        "page": page,
        "entries": entries,
        "last_month": last_month,
        "quick_form": form or QuickLogForm(owner=request.user, prefix="quick"),
        "on_contact_page": True,
        "oob": True,
    }
    return render(request, "interactions/timeline_update.html", context)


def _contact_page(contact: Contact) -> str:
    return reverse("contacts:detail", args=[contact.code]) + "#timeline"


@login_required
@require_http_methods(["GET", "POST"])
def quick_log(request: AuthedRequest, code) -> HttpResponse:
    """One-line log: from the contact page (HTMX swaps the timeline) or a page of its own."""
    contact = get_contact_for_user(request.user, code)
    form = QuickLogForm(request.POST or None, owner=request.user, prefix="quick")
    if request.method == "POST" and form.is_valid():
        contact = services.save_interaction(form.build(contact))
        if is_htmx_fragment(request):
            return _timeline_response(request, contact)
        messages.success(request, f"Logged a {form.cleaned_data['type']} with {contact.name}.")
        return redirect(safe_next(request) or _contact_page(contact))
    context = {"contact": contact, "quick_form": form, "next": safe_next(request)}
    if is_htmx_fragment(request) and request.method == "POST":
        # Show the errors in the contact page's form; leave the timeline alone.
        context["on_contact_page"] = True
        response = render(request, "interactions/quick_log.html#quick-log-form", context)
        return retarget(reswap(response, "outerHTML"), "#quick-log")
    return render_page(request, "interactions/quick_log.html", context, "quick-log-form")


@login_required
@require_http_methods(["GET", "POST"])
def interaction_create(request: AuthedRequest, code) -> HttpResponse:
    contact = get_contact_for_user(request.user, code)
    form = InteractionForm(request.POST or None, owner=request.user)
    if request.method == "POST" and form.is_valid():
        interaction = form.save(commit=False)
        interaction.contact = contact
        services.save_interaction(interaction, form.topics())
        messages.success(request, f"Logged a {interaction.type} with {contact.name}.")
        return redirect_after_post(request, _contact_page(contact))
    context = {"form": form, "contact": contact, "interaction": None}
    return render_page(request, "interactions/form.html", context, "interaction-form")


@login_required
@require_GET
def interaction_detail(request: AuthedRequest, code) -> HttpResponse:
    """One timeline entry: the fragment HTMX puts back when an in-place edit is cancelled."""
    interaction = get_interaction_for_user(request.user, code)
    context = {"interaction": interaction, "contact": interaction.contact}
    if is_htmx_fragment(request):
        return render(request, "interactions/timeline.html#entry", context)
    return render(request, "interactions/detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def interaction_edit(request: AuthedRequest, code) -> HttpResponse:
    """Edit in place on the timeline (HTMX) or as a page; a changed date re-sorts the timeline."""
    interaction = get_interaction_for_user(request.user, code)
    form = InteractionForm(
        request.POST or None,
        instance=interaction,
        owner=request.user,
        auto_id=f"id_%s_{interaction.code.hex[:8]}",  # unique ids while editing in place
    )
    if request.method == "POST" and form.is_valid():
        contact = services.save_interaction(form.save(commit=False), form.topics())
        if is_htmx_fragment(request):
            return _timeline_response(request, contact)
        messages.success(request, "Saved the interaction.")
        return redirect(_contact_page(contact))
    # In place on the timeline the form posts with HTMX; on its own page it posts plainly.
    in_place = is_htmx_fragment(request)
    context = {
        "form": form,
        "contact": interaction.contact,
        "interaction": interaction,
        "in_place": in_place,
    }
    if in_place:
        response = render(request, "interactions/form.html#entry-form", context)
        return retarget(reswap(response, "outerHTML"), f"#interaction-{interaction.code}")
    return render(request, "interactions/form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def interaction_delete(request: AuthedRequest, code) -> HttpResponse:
    interaction = get_interaction_for_user(request.user, code)
    if request.method == "POST":
        contact = services.delete_interaction(interaction)
        if is_htmx_fragment(request):
            return _timeline_response(request, contact)
        messages.success(request, "Deleted the interaction.")
        return redirect(_contact_page(contact))
    return confirm_delete(
        request,
        title=f"Delete this {interaction.type} with {interaction.contact.name}?",
        consequence="The entry leaves the timeline for good; “last contacted” is recomputed "
        "from the interactions that remain.",
        cancel_url=_contact_page(interaction.contact),
    )


@login_required
@require_GET
def contact_timeline(request: AuthedRequest, code) -> HttpResponse:
    """Older timeline pages: appended as you scroll (HTMX) or a plain page without JavaScript."""
    contact = get_contact_for_user(request.user, code)
    after_month = request.GET.get("after", "")[:7] if is_htmx_fragment(request) else ""
    page, entries, last_month = services.timeline_page(
        contact, request.GET.get("page"), after_month
    )
    context = {"contact": contact, "page": page, "entries": entries, "last_month": last_month}
    if is_htmx_fragment(request):
        return render(request, "interactions/timeline.html#entries", context)
    return render(request, "interactions/timeline_page.html", context)


# What a row of the interactions list draws (templates/interactions/list.html).
LIST_FIELDS = (
    "code",
    "occurred_at",
    "subject",
    "notes",
    "outcome",
    "contact__code",
    "contact__name",
    "type__name",
)


@login_required
@require_GET
@vary_on_headers("HX-Request")
def interaction_list(request: AuthedRequest) -> HttpResponse:
    filters = InteractionFilterForm(request.GET, owner=request.user)
    asked_for_contacts = request.GET.get("panel") == "contacts"
    if asked_for_contacts and is_htmx_fragment(request):
        return render(request, "interactions/list.html#contact-menu", {"filters": filters})
    rows = filters.apply(Interaction.objects.for_owner(request.user))
    # Only the columns a row shows: each contact's notes and links would be most of the bytes.
    rows = rows.select_related("contact", "type").only(*LIST_FIELDS)
    page = Paginator(rows, settings.INTERACTIONS_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("panel", None)
    context = {
        "filters": filters,
        "page": page,
        "query": query.urlencode(),
        "list_path": request.path,
        # A chosen contact (or the no-JavaScript link) draws the whole menu at once.
        "contact_menu": asked_for_contacts or bool(request.GET.get("contact")),
    }
    return render_page(request, "interactions/list.html", context, "results")


@login_required
@require_http_methods(["GET", "POST"])
def type_list(request: AuthedRequest) -> HttpResponse:
    """Your interaction types; a POST here adds a new one."""
    form = InteractionTypeForm(request.POST or None, owner=request.user)
    if request.method == "POST" and form.is_valid():
        new_type = form.save(commit=False)
        new_type.owner = request.user
        new_type.save()
        messages.success(request, f"Added the type “{new_type.name}”.")
        return redirect_after_post(request, reverse("interactions:types"))
    # Meta.ordering does not apply to GROUP BY queries, so it is restated.
    types = (
        InteractionType.objects.for_owner(request.user)
        .annotate(interaction_count=Count("interactions"))
        .order_by(*InteractionType._meta.ordering)
    )
    rows = [
        (t, InteractionTypeForm(instance=t, owner=request.user, prefix=str(t.code))) for t in types
    ]
    return render(request, "interactions/types.html", {"rows": rows, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def type_edit(request: AuthedRequest, code) -> HttpResponse:
    """Rename or retire one type in place (HTMX swaps its row) or on a page of its own."""
    interaction_type = get_type_for_user(request.user, code)
    prefix = str(interaction_type.code)
    form = InteractionTypeForm(
        request.POST or None, instance=interaction_type, owner=request.user, prefix=prefix
    )
    saved = request.method == "POST" and form.is_valid()
    if saved:
        form.save()
        if not is_htmx_fragment(request):
            messages.success(request, f"Saved the type “{interaction_type.name}”.")
            return redirect("interactions:types")
    elif form.is_bound:
        interaction_type.refresh_from_db()
    interaction_type.interaction_count = interaction_type.interactions.count()
    context = {"type": interaction_type, "form": form, "saved": saved}
    return render_page(request, "interactions/type_edit.html", context, "type-row")
