from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers

from contacts import history, hooks, services
from contacts.forms import (
    BulkActionForm,
    ContactForm,
    TagForm,
    TagMergeForm,
    filtered_contacts,
)
from contacts.models import Contact, Tag, get_contact_for_user, get_tag_for_user
from devhub.lib.http import AuthedRequest, is_htmx_fragment
from devhub.lib.views import confirm_delete, redirect_after_post, render_page
from jobs.views import start_and_show

# What a row of the contacts list draws (contacts/rows.py).
LIST_FIELDS = (
    "code",
    "name",
    "company",
    "job_title",
    "status",
    "is_vip",
    "is_archived",
    "last_contacted",
)


@login_required
@require_GET
@vary_on_headers("HX-Request")  # page and fragment share a URL; caches must keep them apart
def contact_list(request: AuthedRequest) -> HttpResponse:
    filters, contacts = filtered_contacts(request.user, request.GET)
    asked_for_filters = request.GET.get("panel") == "filters"
    if asked_for_filters and is_htmx_fragment(request):
        # "Filters and sorting" opened: its fields, drawn on demand.
        return render(request, "contacts/list.html#filter-fields", {"filters": filters})
    # Only the columns a row shows: a contact's notes, links and keys are most of its bytes.
    rows = contacts.only(*LIST_FIELDS).prefetch_related(
        Prefetch("tags", queryset=Tag.objects.only("name", "colour"))
    )
    page = Paginator(rows, settings.CONTACTS_PER_PAGE).get_page(request.GET.get("page"))
    if q := filters.value("q"):
        why = hooks.searcher().reasons(request.user, q, [c.pk for c in page.object_list])
        for contact in page.object_list:
            contact.search_reasons = why.get(contact.pk, [])
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("panel", None)
    context = {
        "filters": filters,
        "filters_open": asked_for_filters
        or filters.is_filtered
        or bool(filters.data.get("sort") or filters.data.get("archived")),
        "list_path": request.path,
        "page": page,
        "query": query.urlencode(),
        "bulk_form": BulkActionForm(
            owner=request.user, initial={"query": query.urlencode()}, auto_id="bulk-%s"
        ),
        "tag_suggestions": Tag.objects.for_owner(request.user).values_list("name", flat=True),
        "list_url": request.get_full_path(),
        "owner_has_contacts": bool(page.paginator.count)
        or Contact.objects.for_owner(request.user).exists(),
    }
    return render_page(request, "contacts/list.html", context, "results")


@login_required
@require_POST
def contact_bulk(request: AuthedRequest) -> HttpResponse:
    """One action on many contacts (picked rows, a page, or all matching the list's filter)."""
    form = BulkActionForm(request.POST, owner=request.user)
    contacts = form.selected()
    count = contacts.count()
    if not count:
        problems = form.errors.get("ids") or ["No contacts were selected: tick some rows first."]
        messages.error(request, problems[0])
        return redirect(form.list_url())
    if not form.is_valid():
        return _bulk_page(request, form, count)
    if form.cleaned_data["action"] == "export":
        # 307 repeats this POST (the same selection) at the CSV export, which owns the format.
        response = HttpResponse(status=307)
        response["Location"] = reverse("exports:csv")
        return response
    if form.cleaned_data["action"] == "delete" and not form.is_confirmed(count):
        return _bulk_page(request, form, count)
    return start_and_show(request, form.start(contacts))


def _bulk_page(request: AuthedRequest, form: BulkActionForm, count: int) -> HttpResponse:
    """The delete confirmation naming the count, or the form again with its errors; either
    way the selection travels along in hidden fields, so nothing picked is lost."""
    people = f"{count} contact{'s' if count != 1 else ''}"
    deleting = form.is_valid() and form.cleaned_data["action"] == "delete"
    context = {
        "form": form,
        "count": count,
        "deleting": deleting,
        "title": f"Delete {people}?" if deleting else f"Change {people}",
        "selection": form.hidden_selection(),
        "cancel_url": form.list_url(),
        "tag_suggestions": Tag.objects.for_owner(request.user).values_list("name", flat=True),
    }
    return render_page(request, "contacts/bulk.html", context, "bulk")


@login_required
@require_GET
def contact_detail(request: AuthedRequest, code) -> HttpResponse:
    contact = get_contact_for_user(request.user, code)
    return render(request, "contacts/detail.html", {"contact": contact})


def _contact_form_page(
    request: AuthedRequest, form: ContactForm, contact: Contact | None
) -> HttpResponse:
    context = {
        "form": form,
        "contact": contact,
        "tag_suggestions": Tag.objects.for_owner(request.user).values_list("name", flat=True),
    }
    return render_page(request, "contacts/form.html", context, "contact-form")


@login_required
@require_http_methods(["GET", "POST"])
def contact_create(request: AuthedRequest) -> HttpResponse:
    form = ContactForm(request.POST or None, owner=request.user)
    if request.method == "POST" and form.is_valid():
        contact = form.save()
        messages.success(request, f"Added {contact.name}.")
        return redirect_after_post(request, reverse("contacts:detail", args=[contact.code]))
    return _contact_form_page(request, form, None)


@login_required
@require_http_methods(["GET", "POST"])
def contact_edit(request: AuthedRequest, code) -> HttpResponse:
    contact = get_contact_for_user(request.user, code)
    form = ContactForm(request.POST or None, instance=contact, owner=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, f"Saved changes to {contact.name}.")
        return redirect_after_post(request, reverse("contacts:detail", args=[contact.code]))
    return _contact_form_page(request, form, contact)


@login_required
@require_POST
def contact_archive(request: AuthedRequest, code) -> HttpResponse:
    """Archive or unarchive (``archived=0``); from the list, HTMX swaps just that row."""
    contact = get_contact_for_user(request.user, code)
    services.set_archived(contact, request.POST.get("archived", "1") != "0")
    verb = "Archived" if contact.is_archived else "Restored"
    if is_htmx_fragment(request):
        list_url = request.htmx.current_url_abs_path or reverse("contacts:list")
        context = {"contact": contact, "list_url": list_url}
        return render(request, "contacts/list.html#contact-row", context)
    messages.success(request, f"{verb} {contact.name}.")
    return redirect("contacts:detail", code=contact.code)


@login_required
@require_http_methods(["GET", "POST"])
def contact_delete(request: AuthedRequest, code) -> HttpResponse:
    contact = get_contact_for_user(request.user, code)
    if request.method == "POST":
        contact.delete()
        messages.success(request, f"Deleted {contact.name}.")
        return redirect_after_post(request, reverse("contacts:list"))
    return confirm_delete(
        request,
        title=f"Delete {contact.name}?",
        consequence="Their details and tags on this contact are removed for good. "
        "Archive instead if you only want them out of your lists.",
        cancel_url=reverse("contacts:detail", args=[contact.code]),
    )


@login_required
@require_GET
def contact_history(request: AuthedRequest, code) -> HttpResponse:
    contact = get_contact_for_user(request.user, code)
    page, versions = history.history_page(contact, request.GET.get("page"))
    context = {"contact": contact, "page": page, "versions": versions}
    return render_page(request, "contacts/history.html", context, "versions")


@login_required
@require_http_methods(["GET", "POST"])
def contact_restore_version(request: AuthedRequest, code, history_id: int) -> HttpResponse:
    """Confirm, then put back the contact's fields as they were in one version."""
    contact = get_contact_for_user(request.user, code)
    version = get_object_or_404(contact.history.all(), history_id=history_id)
    when = date_format(timezone.localtime(version.history_date), "j M Y H:i")  # the user's time
    if request.method == "POST":
        services.restore_version(contact, version.history_id)
        messages.success(request, f"Restored {contact.name} as of {when}.")
        return redirect_after_post(request, reverse("contacts:history", args=[contact.code]))
    return confirm_delete(
        request,
        title=f"Restore {contact.name} as of {when}?",
        consequence="The contact's details (name, company, links, notes, rhythm, ...) go back to "
        "what they were then. Tags, interactions and reminders stay as they are, and the "
        "relationship status follows the rules for today. The restore is itself recorded, so "
        "you can undo it from the history.",
        cancel_url=reverse("contacts:history", args=[contact.code]),
        action="Restore this version",
        danger=False,
    )


@login_required
@require_http_methods(["GET", "POST"])
def tag_list(request: AuthedRequest) -> HttpResponse:
    """Tag management; a POST here is the merge form."""
    merge_form = TagMergeForm(request.POST or None, owner=request.user)
    if request.method == "POST" and merge_form.is_valid():
        source = merge_form.cleaned_data["source"].name
        target = merge_form.merge()
        messages.success(request, f"Merged “{source}” into “{target.name}”.")
        return redirect_after_post(request, reverse("contacts:tags"))
    tags = Tag.objects.for_owner(request.user).with_contact_counts()
    rows = [(tag, TagForm(instance=tag, owner=request.user, prefix=str(tag.code))) for tag in tags]
    return render(request, "contacts/tags.html", {"rows": rows, "merge_form": merge_form})


@login_required
@require_http_methods(["GET", "POST"])
def tag_edit(request: AuthedRequest, code) -> HttpResponse:
    """Rename, re-kind or recolour one tag. HTMX swaps the row; without JS it is a page."""
    tag = get_tag_for_user(request.user, code)
    form = TagForm(request.POST or None, instance=tag, owner=request.user, prefix=str(tag.code))
    if request.method == "POST" and form.is_valid():
        form.save()
        if not is_htmx_fragment(request):
            messages.success(request, f"Saved tag “{tag.name}”.")
            return redirect("contacts:tags")
        form = TagForm(instance=tag, owner=request.user, prefix=str(tag.code))
    elif form.is_bound:
        tag.refresh_from_db()  # the row's badge shows the stored tag, not the rejected input
    tag.contact_count = tag.contacts.count()
    context = {"tag": tag, "form": form, "saved": request.method == "POST" and not form.errors}
    return render_page(request, "contacts/tag_edit.html", context, "tag-row")


@login_required
@require_http_methods(["GET", "POST"])
def tag_delete(request: AuthedRequest, code) -> HttpResponse:
    tag = get_tag_for_user(request.user, code)
    if request.method == "POST":
        services.delete_tag(tag)
        messages.success(request, f"Deleted tag “{tag.name}”; its contacts are kept.")
        return redirect_after_post(request, reverse("contacts:tags"))
    count = tag.contacts.count()
    return confirm_delete(
        request,
        title=f"Delete the tag “{tag.name}”?",
        consequence=f"It is removed from {count} contact{'s' if count != 1 else ''}; "
        "the contacts themselves are kept.",
        cancel_url=reverse("contacts:tags"),
    )
