from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from contacts.forms import BulkActionForm, filtered_contacts
from contacts.models import Contact
from devhub.lib.http import AuthedRequest
from exports import dump, formats, restore
from exports.forms import RestoreForm
from exports.restore import RestoreError, existing_data, read_upload
from jobs.views import start_and_show
from security.models import Event
from security.services import record


def _download(
    request: AuthedRequest, chunks, content_type: str, stem: str, extension: str
) -> StreamingHttpResponse:
    """A streamed attachment named after today, e.g. devhub-contacts-2026-05-01.csv; the
    download is written to the security log."""
    record(request.user, Event.Kind.EXPORT, request, format=extension)
    response = StreamingHttpResponse(chunks, content_type=content_type)
    filename = f"devhub-{stem}-{timezone.localdate().isoformat()}.{extension}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def export_index(request: AuthedRequest) -> HttpResponse:
    filters, contacts = filtered_contacts(request.user, request.GET)
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "filters": filters,
        "query": query.urlencode(),
        "filtered_count": contacts.count() if query else None,
        "total": Contact.objects.for_owner(request.user).count(),
    }
    return render(request, "exports/index.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def export_csv(request: AuthedRequest) -> HttpResponse:
    """GET: all contacts, or those matching the list's filter in the query string.
    POST: a bulk-edit selection from the contacts list (picked rows or all matching)."""
    if request.method == "POST":
        contacts = BulkActionForm(request.POST, owner=request.user).selected()
        return _download(
            request,
            formats.csv_rows(contacts),
            "text/csv; charset=utf-8",
            "contacts-selected",
            "csv",
        )
    contacts = _listed(request)
    return _download(
        request, formats.csv_rows(contacts), "text/csv; charset=utf-8", "contacts", "csv"
    )


@login_required
@require_GET
def export_vcard(request: AuthedRequest) -> HttpResponse:
    return _download(
        request, formats.vcards(_listed(request)), "text/vcard; charset=utf-8", "contacts", "vcf"
    )


@login_required
@require_GET
def export_json(request: AuthedRequest) -> HttpResponse:
    return _download(request, dump.json_chunks(request.user), "application/json", "export", "json")


@login_required
@require_http_methods(["GET", "POST"])
def restore_upload(request: AuthedRequest) -> HttpResponse:
    form = RestoreForm(request.POST, request.FILES) if request.method == "POST" else RestoreForm()
    if request.method == "POST" and form.is_valid():
        try:
            document = read_upload(form.cleaned_data["file"])
            job = restore.start(
                request.user,
                document,
                next_url=reverse("contacts:list"),
                back_url=reverse("exports:restore"),
            )
        except RestoreError as problem:
            form.add_error("file", str(problem))
        else:
            return start_and_show(request, job)
    context = {"form": form, "existing": existing_data(request.user)}
    return render(request, "exports/restore.html", context)


def _listed(request: AuthedRequest):
    """All contacts (archived included) without a filter; with one, exactly what the list shows."""
    if not {k for k in request.GET if k != "page"}:
        return Contact.objects.for_owner(request.user).order_by("name", "pk")
    return filtered_contacts(request.user, request.GET)[1]
