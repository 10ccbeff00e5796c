from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import HttpResponseClientRedirect

from devhub.lib.http import AuthedRequest, is_htmx_fragment
from devhub.lib.views import confirm_delete, redirect_after_post, render_page
from imports import parsers, services
from imports.forms import MappingForm, UploadForm
from imports.models import ImportBatch, ImportRow, get_batch_for_user

ROWS_PER_PAGE = 50
BATCHES_PER_PAGE = 25
Status = ImportBatch.Status


@login_required
@require_GET
@vary_on_headers("HX-Request")
def batch_list(request: AuthedRequest) -> HttpResponse:
    batches = ImportBatch.objects.for_owner(request.user).defer("content")
    page = Paginator(batches, BATCHES_PER_PAGE).get_page(request.GET.get("page"))
    return render_page(request, "imports/list.html", {"page": page, "query": ""}, "results")


@login_required
@require_http_methods(["GET", "POST"])
def upload(request: AuthedRequest) -> HttpResponse:
    # A POST without any field still is a submission: bind it so "choose a file" shows.
    form = UploadForm(request.POST, request.FILES) if request.method == "POST" else UploadForm()
    if form.is_bound and form.is_valid():
        file = form.cleaned_data["file"]
        try:
            batch = services.create_batch(request.user, file.name, file.read())
        except parsers.ImportFileError as exc:
            form.add_error("file", str(exc))
        else:
            return redirect_after_post(request, reverse("imports:detail", args=[batch.code]))
    return render(request, "imports/upload.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def mapping(request: AuthedRequest, code) -> HttpResponse:
    batch = get_batch_for_user(request.user, code)
    if batch.format != ImportBatch.Format.CSV or batch.status not in (Status.MAPPING, Status.READY):
        return redirect("imports:detail", batch.code)
    try:
        headers, rows = parsers.read_csv(batch.content)
    except parsers.ImportFileError as exc:
        messages.error(request, str(exc))
        return redirect("imports:list")
    form = MappingForm(
        request.POST or None, headers=headers, samples=rows[:3], mapping=batch.mapping
    )
    if request.method == "POST" and form.is_valid():
        batch.mapping = form.mapping
        services.analyse(batch)
        return redirect_after_post(request, reverse("imports:detail", args=[batch.code]))
    return render(request, "imports/mapping.html", {"batch": batch, "form": form})


@login_required
@require_GET
@vary_on_headers("HX-Request")
def detail(request: AuthedRequest, code) -> HttpResponse:
    """Whichever step the batch is at: preview, progress or summary; so it can be resumed."""
    batch = get_batch_for_user(request.user, code)
    if batch.status == Status.MAPPING:
        return redirect("imports:mapping", batch.code)
    if batch.is_working and not is_htmx_fragment(request):
        return render(request, "imports/progress.html", {"batch": batch})
    rows = batch.rows.select_related("matched_contact", "contact")
    show = request.GET.get("show", "")
    if show in ImportRow.Outcome.values:
        rows = rows.filter(outcome=show)
    page = Paginator(rows.order_by("number"), ROWS_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "batch": batch,
        "page": page,
        "show": show,
        "query": f"show={show}" if show else "",
        "planned": batch.planned_counts() if batch.status == Status.READY else None,
    }
    template = "imports/preview.html" if batch.status == Status.READY else "imports/summary.html"
    return render_page(request, template, context, "results")


@login_required
@require_POST
def confirm(request: AuthedRequest, code) -> HttpResponse:
    batch = get_batch_for_user(request.user, code)
    if not services.confirm(batch) and batch.status == Status.READY:
        messages.error(request, "This import could not be started. Please try again.")
    return redirect_after_post(request, reverse("imports:detail", args=[batch.code]))


@login_required
@require_POST
def process(request: AuthedRequest, code) -> HttpResponse:
    """One chunk of importing or undoing; the progress page posts here again until done."""
    batch = get_batch_for_user(request.user, code)
    busy = batch.is_working and not services.advance(batch)
    if busy:  # another tab is on it: report its progress and ask again shortly
        batch.refresh_from_db()
    detail_url = reverse("imports:detail", args=[batch.code])
    if not request.htmx:
        return redirect(detail_url)
    if not batch.is_working:
        return HttpResponseClientRedirect(detail_url)
    return render(request, "imports/progress.html#progress", {"batch": batch, "busy": busy})


@login_required
@require_http_methods(["GET", "POST"])
def undo(request: AuthedRequest, code) -> HttpResponse:
    batch = get_batch_for_user(request.user, code)
    detail_url = reverse("imports:detail", args=[batch.code])
    if not batch.can_undo:
        messages.info(request, "This import has no contacts left to undo.")
        return redirect_after_post(request, detail_url)
    if request.method == "POST":
        if not services.start_undo(batch):
            messages.error(request, "The import is busy right now; try undoing it again.")
        return redirect_after_post(request, detail_url)
    return confirm_delete(
        request,
        title=f"Undo the import of {batch.filename}?",
        consequence=(
            f"This deletes the {batch.created_count} contacts this import created, with anything "
            "you have added to them since. Contacts it merged into were only filled in where "
            "they were blank; those changes are kept."
        ),
        cancel_url=detail_url,
    )


@login_required
@require_http_methods(["GET", "POST"])
def discard(request: AuthedRequest, code) -> HttpResponse:
    batch = get_batch_for_user(request.user, code)
    if not batch.can_discard:
        messages.info(request, "Finish or undo this import before removing it from the list.")
        return redirect_after_post(request, reverse("imports:detail", args=[batch.code]))
    if request.method == "POST":
        batch.delete()
        messages.success(request, f"Removed the import of {batch.filename}.")
        return redirect_after_post(request, reverse("imports:list"))
    created = batch.created_count if batch.status == Status.DONE else 0
    return confirm_delete(
        request,
        title=f"Remove the import of {batch.filename}?",
        consequence=(
            f"The {created} contacts it created stay, but you can no longer undo the import."
            if created
            else "The uploaded file and its preview are deleted; no contacts are changed."
        ),
        cancel_url=reverse("imports:detail", args=[batch.code]),
    )
