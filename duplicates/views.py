import uuid

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from contacts.models import Contact, get_contact_for_user
from devhub.lib.http import AuthedRequest, is_htmx_fragment, safe_next
from devhub.lib.views import redirect_after_post, render_page
from duplicates import listing
from duplicates.forms import MergeForm
from duplicates.merge import MAX_CONTACTS, MergeError, count_moves, merge_contacts
from duplicates.models import dismiss

PER_PAGE = getattr(settings, "DUPLICATES_PER_PAGE", 20)


@login_required
@require_GET
def duplicate_list(request: AuthedRequest) -> HttpResponse:
    groups = listing.exact_groups(request.user)
    pairs = listing.possible_pairs(request.user, groups)
    group_page = Paginator(groups, PER_PAGE).get_page(request.GET.get("groups"))
    pair_page = Paginator(pairs, PER_PAGE).get_page(request.GET.get("pairs"))
    listing.load_contacts(request.user, group_page.object_list, pair_page.object_list)
    context = {"group_page": group_page, "pair_page": pair_page}
    return render(request, "duplicates/list.html", context)


@login_required
@require_POST
def dismiss_pair(request: AuthedRequest) -> HttpResponse:
    """ "Not the same person": the pair is no longer suggested. HTMX removes just that row."""
    first, second = (_contact(request, request.POST.get(key)) for key in ("a", "b"))
    if first.pk == second.pk:
        raise Http404("A contact cannot be its own duplicate.")
    dismiss(request.user, first, second)
    if is_htmx_fragment(request):
        context = {"first": first, "second": second}
        return render(request, "duplicates/list.html#dismissed", context)
    messages.success(request, f"{first.name} and {second.name} will no longer be suggested.")
    return redirect(safe_next(request) or reverse("duplicates:list"))


@login_required
@require_http_methods(["GET", "POST"])
def merge(request: AuthedRequest) -> HttpResponse:
    """GET: the chooser. POST: the confirmation page, and with `confirmed` the merge itself."""
    contacts = _contacts_to_merge(request)
    if not 2 <= len(contacts) <= MAX_CONTACTS:
        messages.error(request, f"Choose between 2 and {MAX_CONTACTS} different contacts to merge.")
        return redirect("duplicates:list")
    form = MergeForm(contacts, request.POST or None)
    if request.method == "POST" and "back" not in request.POST and form.is_valid():
        if request.POST.get("confirmed") != "1":
            moves = count_moves(form.primary_contact, form.other_contacts)
            context = {"form": form, "moves": moves, "hidden": _choices(form)}
            return render_page(request, "duplicates/confirm.html", context, "confirm")
        primary = form.primary_contact
        try:
            moves = merge_contacts(request.user, primary, form.other_contacts, form.values())
        except MergeError as error:
            messages.error(request, str(error))
            return redirect_after_post(request, reverse("duplicates:list"))
        primary.refresh_from_db()
        count = len(contacts)
        messages.success(
            request, f"Merged {count} contacts into {primary.name}. Moved {moves.text}."
        )
        return redirect_after_post(request, reverse("contacts:detail", args=[primary.code]))
    context = {"form": form, "contacts": contacts}
    return render_page(request, "duplicates/merge.html", context, "chooser")


def _contact(request: AuthedRequest, value: str | None) -> Contact:
    try:
        code = uuid.UUID(value or "")
    except ValueError:
        raise Http404("Not a contact id.") from None
    return get_contact_for_user(request.user, code)


def _contacts_to_merge(request: AuthedRequest) -> list[Contact]:
    """The ?c=<uuid> contacts in the order given; any unknown or foreign one is a 404."""
    codes = []
    for value in request.GET.getlist("c"):
        try:
            code = uuid.UUID(value)
        except ValueError:
            raise Http404("Not a contact id.") from None
        if code not in codes:
            codes.append(code)
    if len(codes) > MAX_CONTACTS:
        return []
    found = (
        Contact.objects.for_owner(request.user).filter(code__in=codes).in_bulk(field_name="code")
    )
    if len(found) != len(codes):
        raise Http404("No such contact.")
    contacts = [found[code] for code in codes]
    listing.add_counts(contacts)
    return contacts


def _choices(form: MergeForm) -> list[tuple[str, str]]:
    """The chooser's answers, carried through the confirmation page as hidden inputs."""
    return [(name, form.cleaned_data[name]) for name in form.fields]
