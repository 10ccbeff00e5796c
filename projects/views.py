"""Freelance projects' pages: the pipeline board and list, a project's page with its people,
communication, milestones, payments and time, invoices and the freelance settings."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Window
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers

from contacts.models import get_contact_for_user
from contacts.status import local_today
from devhub.lib.http import AuthedRequest, is_htmx_fragment
from devhub.lib.stages import CLOSED_SHOWN, Column, board_columns
from devhub.lib.views import confirm_delete, redirect_after_post, render_page
from projects import analytics as figures
from projects import board as board_cards
from projects import rows, services
from projects.forms import (
    BillTimeForm,
    FreelanceSettingsForm,
    InteractionLinkForm,
    InvoiceForm,
    MemberForm,
    MilestoneForm,
    MilestoneStatusForm,
    MoveForm,
    PaidForm,
    PaymentForm,
    ProjectFilterForm,
    ProjectForm,
    TimeEntryForm,
)
from projects.models import (
    CLOSED_STAGES,
    OPEN_STAGES,
    FreelanceSettings,
    Milestone,
    Payment,
    Project,
    Stage,
    TimeEntry,
    get_member_for_user,
    get_milestone_for_user,
    get_payment_for_user,
    get_project_for_user,
    get_time_entry_for_user,
)

HISTORY_PAGE = 10
BILLED_SHOWN = 20  # the latest billed time entries on a project's page
# What a project's page shows of an interaction (templates/projects/detail.html#interaction).
INTERACTION = ("code", "occurred_at", "subject", "contact__code", "contact__name", "type__name")
# The parts of a project's page drawn when opened: ?panel= -> their partial in the template.
PANELS = {"people": "add-person", "link": "link-interaction"}


def _board_context(request: AuthedRequest) -> dict:
    projects = Project.objects.for_owner(request.user).with_card_facts(local_today(request.user))
    projects = projects.only(*board_cards.FIELDS).order_by("-updated_at")
    projects = list(projects)

    def columns(stages, shown: int | None = None) -> list[Column]:
        return board_columns(
            request, board_cards.CARDS, projects, lambda p: p.stage, stages, Stage.choices, shown
        )

    return {
        "columns": columns(OPEN_STAGES),
        "closed": columns(CLOSED_STAGES, CLOSED_SHOWN),
        "any": projects,
    }


def _back_to(project: Project, anchor: str = "") -> str:
    return reverse("projects:detail", args=[project.code]) + anchor


def _refused(request: AuthedRequest, form, what: str) -> None:
    """Why an in-page form was refused, as a message on the page it returns to."""
    errors = [e for field_errors in form.errors.values() for e in field_errors]
    messages.error(request, f"{what}: {' '.join(errors)}")


@login_required
@require_GET
def board(request: AuthedRequest) -> HttpResponse:
    return render_page(request, "projects/board.html", _board_context(request), "board")


@login_required
@require_POST
def move(request: AuthedRequest, code) -> HttpResponse:
    """One endpoint for the drag and drop, the keyboard "move to" menu and the no-JS form."""
    project = get_project_for_user(request.user, code)
    form = MoveForm(request.POST)
    if form.is_valid():
        stage = form.cleaned_data["stage"]
        moved = services.move(project, stage)
        note = f"Moved {project} to {Stage(stage).label}." if moved else "Already there."
    else:
        note = "That is not a stage."
    if is_htmx_fragment(request):
        context = {**_board_context(request), "note": note}
        return render(request, "projects/board.html#board", context)
    (messages.success if form.is_valid() else messages.error)(request, note)
    if form.is_valid() and request.POST.get("back") == "detail":
        return redirect("projects:detail", code=project.code)
    return redirect("projects:board")


@login_required
@require_GET
def project_list(request: AuthedRequest) -> HttpResponse:
    today = local_today(request.user)
    filters = ProjectFilterForm(request.GET, owner=request.user)
    projects = filters.apply(Project.objects.for_owner(request.user), today)
    projects = projects.with_card_facts(today).order_by("-updated_at")
    page = Paginator(projects, 25).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"filters": filters, "page": page, "query": query.urlencode()}
    return render_page(request, "projects/list.html", context, "results")


@login_required
@require_http_methods(["GET", "POST"])
def create(request: AuthedRequest) -> HttpResponse:
    form = ProjectForm(request.POST or None, owner=request.user)
    if request.method == "POST" and form.is_valid():
        project = form.save(commit=False)
        project.owner = request.user
        services.save_new(project)
        form.save_m2m()
        messages.success(request, f"Added {project}.")
        return redirect_after_post(request, _back_to(project))
    return render_page(request, "projects/form.html", {"form": form}, "project-form")


@login_required
@require_http_methods(["GET", "POST"])
def edit(request: AuthedRequest, code) -> HttpResponse:
    project = get_project_for_user(request.user, code)
    form = ProjectForm(request.POST or None, instance=project, owner=request.user)
    if request.method == "POST" and form.is_valid():
        services.update(form.save(commit=False))
        form.save_m2m()
        messages.success(request, f"Saved {project}.")
        return redirect_after_post(request, _back_to(project))
    context = {"form": form, "project": project}
    return render_page(request, "projects/form.html", context, "project-form")


@login_required
@require_http_methods(["GET", "POST"])
def delete(request: AuthedRequest, code) -> HttpResponse:
    project = get_project_for_user(request.user, code)
    if request.method == "POST":
        services.delete(project)
        messages.success(request, f"Deleted {project}.")
        return redirect_after_post(request, reverse("projects:board"))
    return confirm_delete(
        request,
        title=f"Delete {project}?",
        consequence="Its milestones, payments, logged time, stage history and people links go "
        "with it; the contacts and their interactions stay.",
        cancel_url=_back_to(project),
    )


@login_required
@require_GET
@vary_on_headers("HX-Request")  # page and fragment share a URL; caches must keep them apart
def detail(request: AuthedRequest, code) -> HttpResponse:
    project = get_project_for_user(request.user, code)
    panel = request.GET.get("panel")
    opened = _panel(request, project, panel)
    if opened and is_htmx_fragment(request):
        return render(request, f"projects/detail.html#{PANELS[panel]}", opened)
    history = project.people_interactions().select_related("contact", "type").only(*INTERACTION)
    context = {
        "project": project,
        "history": Paginator(history, HISTORY_PAGE).get_page(request.GET.get("history")),
    }
    if is_htmx_fragment(request):
        return render(request, "projects/detail.html#history", context)
    sections = _sections(request, project)
    return render(request, "projects/detail.html", {**context, **sections, **opened})


def _panel(request: AuthedRequest, project: Project, panel: str | None) -> dict:
    """The form of the page's part opened with ?panel= (its partial in PANELS), if any: each
    lists up to a hundred rows to choose from, which a visit that adds nobody need not draw."""
    if panel == "people":
        return {"project": project, "member_form": MemberForm(owner=request.user, project=project)}
    if panel == "link":
        return {"project": project, "link_form": InteractionLinkForm(project=project)}
    return {}


def _sections(request: AuthedRequest, project: Project) -> dict:
    """Everything on a project's page below its header."""
    today = local_today(request.user)
    milestones = list(project.milestones.all())
    payments = _with_known(list(project.payments.all()), "milestone", milestones)
    return {
        "timeline": services.HISTORY.timeline(project, Stage.choices),
        "stages": Stage.choices,
        "technologies": project.technologies.all(),
        "members": project.members.select_related("contact").order_by("contact__name"),
        "linked": project.interactions.select_related("contact", "type")
        .only(*INTERACTION)
        .order_by("-occurred_at"),
        "milestones": milestones,
        "milestone_rows": rows.milestones(milestones, project.currency),
        "payments": payments,
        "payment_rows": rows.payments(payments, today, get_token(request)),
        "money": services.project_totals(project, payments),
        **(_time(project, today, payments) if project.bills_time else {}),
    }


def _with_known(rows: list, field: str, related: list) -> list:
    """`rows` with their `field` (a foreign key) pointing at the rows of `related` already read
    for the page, rather than joined or read again; one outside them (the admin can link any) is
    read when it is shown."""
    by_pk = {r.pk: r for r in related}
    for row in rows:
        known = by_pk.get(getattr(row, f"{field}_id"))
        if known is not None:
            setattr(row, field, known)
    return rows


def _time(project: Project, today: dt.date, payments: list[Payment]) -> dict:
    """The time section of an hourly or daily project's page (`payments`: the project's)."""
    unbilled, other_time = services.open_time(project)
    # The latest billed entries, each with the number of all of them (counted before the cut).
    billed = project.time_entries.filter(payment__isnull=False).annotate(total=Window(Count("*")))
    latest = _with_known(list(billed[:BILLED_SHOWN]), "payment", payments)
    hours = sum((e.hours for e in unbilled), start=0)
    return {
        "time_form": TimeEntryForm(project=project, initial={"worked_on": today}),
        "unbilled": unbilled,
        "unbilled_rows": rows.open_time(unbilled, to_bill=True),
        "unbilled_hours": hours,
        "unbilled_amount": services.amount_for_hours(project, hours) if hours else 0,
        "bill_form": BillTimeForm(project=project),
        "other_time": other_time,
        "other_time_rows": rows.open_time(other_time, to_bill=False),
        "billed": latest,
        "billed_rows": rows.billed_time(latest),
        "billed_count": latest[0].total if latest else 0,
    }


@login_required
@require_POST
def add_member(request: AuthedRequest, code) -> HttpResponse:
    project = get_project_for_user(request.user, code)
    form = MemberForm(request.POST, owner=request.user, project=project)
    if form.is_valid():
        messages.success(request, f"Added {form.save()}.")
    else:
        _refused(request, form, "Could not add that person")
        return redirect(_back_to(project, "?panel=people#people"))
    return redirect(_back_to(project, "#people"))


@login_required
@require_POST
def add_to_project(request: AuthedRequest, code) -> HttpResponse:
    """From a contact's page: give them a role in one of the open projects."""
    contact = get_contact_for_user(request.user, code)
    form = MemberForm(request.POST, owner=request.user, contact=contact)
    if form.is_valid():
        member = form.save()
        messages.success(request, f"Added {contact.name} to {member.project}.")
    else:
        _refused(request, form, "Could not add them to that project")
    return redirect(reverse("contacts:detail", args=[contact.code]) + "#freelance-projects")


@login_required
@require_POST
def remove_member(request: AuthedRequest, code) -> HttpResponse:
    member = get_member_for_user(request.user, code)
    services.remove_member(member)
    messages.success(request, f"Removed {member.contact.name} from this project.")
    return redirect(_back_to(member.project, "#people"))


@login_required
@require_POST
def link_interaction(request: AuthedRequest, code) -> HttpResponse:
    project = get_project_for_user(request.user, code)
    form = InteractionLinkForm(request.POST, project=project)
    if form.is_valid():
        project.interactions.add(form.cleaned_data["interaction"])
        messages.success(request, "Linked the interaction.")
    else:
        _refused(request, form, "Could not link it")
        return redirect(_back_to(project, "?panel=link#linked"))
    return redirect(_back_to(project, "#linked"))


@login_required
@require_POST
def unlink_interaction(request: AuthedRequest, code) -> HttpResponse:
    project = get_project_for_user(request.user, code)
    form = InteractionLinkForm(request.POST, project=project, linked=True)
    if form.is_valid():
        project.interactions.remove(form.cleaned_data["interaction"])
        messages.success(request, "Unlinked the interaction.")
    else:
        _refused(request, form, "Could not unlink it")
    return redirect(_back_to(project, "#linked"))


def _form_page(request: AuthedRequest, form, title: str, cancel_url: str, **extra) -> HttpResponse:
    """A small form on its own page (also the answer to an invalid submission, errors shown)."""
    context = {"form": form, "title": title, "cancel_url": cancel_url, **extra}
    return render_page(request, "projects/form_page.html", context, "form")


def _saved(request: AuthedRequest, project: Project, note: str, anchor: str) -> HttpResponse:
    messages.success(request, note)
    return redirect_after_post(request, _back_to(project, anchor))


# Milestones


def _milestone_saved(request: AuthedRequest, milestone: Milestone, verb: str) -> HttpResponse:
    if milestone.outside_project_span:
        messages.warning(request, f"{milestone.title} is due outside the project's dates.")
    return _saved(request, milestone.project, f"{verb} the milestone {milestone}.", "#milestones")


@login_required
@require_http_methods(["GET", "POST"])
def milestone_create(request: AuthedRequest, code) -> HttpResponse:
    project = get_project_for_user(request.user, code)
    form = MilestoneForm(request.POST or None, instance=Milestone(project=project))
    if request.method == "POST" and form.is_valid():
        return _milestone_saved(request, services.save_milestone(form.instance), "Added")
    return _form_page(request, form, f"New milestone of {project}", _back_to(project))


@login_required
@require_http_methods(["GET", "POST"])
def milestone_edit(request: AuthedRequest, code) -> HttpResponse:
    milestone = get_milestone_for_user(request.user, code)
    form = MilestoneForm(request.POST or None, instance=milestone)
    if request.method == "POST" and form.is_valid():
        return _milestone_saved(request, services.save_milestone(form.instance), "Saved")
    cancel = _back_to(milestone.project, "#milestones")
    return _form_page(request, form, f"Edit {milestone}", cancel)


@login_required
@require_POST
def milestone_status(request: AuthedRequest, code) -> HttpResponse:
    milestone = get_milestone_for_user(request.user, code)
    form = MilestoneStatusForm(request.POST)
    if form.is_valid():
        services.set_milestone_status(milestone, form.cleaned_data["status"])
        messages.success(request, f"{milestone.title}: {milestone.get_status_display().lower()}.")
    else:
        _refused(request, form, "Could not change its status")
    return redirect(_back_to(milestone.project, "#milestones"))


@login_required
@require_http_methods(["GET", "POST"])
def milestone_delete(request: AuthedRequest, code) -> HttpResponse:
    milestone = get_milestone_for_user(request.user, code)
    if request.method == "POST":
        services.delete_milestone(milestone)
        return _saved(request, milestone.project, f"Deleted {milestone}.", "#milestones")
    return confirm_delete(
        request,
        title=f"Delete the milestone {milestone}?",
        consequence="Its reminders go with it; payments for it stay, without a milestone.",
        cancel_url=_back_to(milestone.project, "#milestones"),
    )


# Payments


@login_required
@require_http_methods(["GET", "POST"])
def payment_create(request: AuthedRequest, code) -> HttpResponse:
    project = get_project_for_user(request.user, code)
    form = PaymentForm(request.POST or None, instance=Payment(project=project), project=project)
    if request.method == "POST" and form.is_valid():
        payment = services.save_payment(form.instance)
        return _saved(request, project, f"Added the payment {payment}.", "#payments")
    return _form_page(request, form, f"New payment of {project}", _back_to(project))


@login_required
@require_http_methods(["GET", "POST"])
def payment_edit(request: AuthedRequest, code) -> HttpResponse:
    payment = get_payment_for_user(request.user, code)
    project = payment.project
    form = PaymentForm(request.POST or None, instance=payment, project=project)
    if request.method == "POST" and form.is_valid():
        services.save_payment(form.instance)
        return _saved(request, project, f"Saved the payment {payment}.", "#payments")
    return _form_page(request, form, f"Edit {payment}", _back_to(project, "#payments"))


@login_required
@require_http_methods(["GET", "POST"])
def payment_delete(request: AuthedRequest, code) -> HttpResponse:
    payment = get_payment_for_user(request.user, code)
    if request.method == "POST":
        services.delete_payment(payment)
        return _saved(request, payment.project, f"Deleted {payment}.", "#payments")
    return confirm_delete(
        request,
        title=f"Delete the payment {payment}?",
        consequence="Its reminders go with it; time billed by it can be billed again.",
        cancel_url=_back_to(payment.project, "#payments"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def payment_invoiced(request: AuthedRequest, code) -> HttpResponse:
    payment = get_payment_for_user(request.user, code)
    form = InvoiceForm(
        request.POST or None,
        payment=payment,
        settings=FreelanceSettings.of(request.user),
        today=local_today(request.user),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.mark_invoiced(payment, data["invoice_number"], data["invoiced_on"], data["due_on"])
        return _saved(request, payment.project, f"Invoiced {payment}.", "#payments")
    cancel = _back_to(payment.project, "#payments")
    return _form_page(request, form, f"Mark {payment} invoiced", cancel)


@login_required
@require_POST
def payment_paid(request: AuthedRequest, code) -> HttpResponse:
    payment = get_payment_for_user(request.user, code)
    form = PaidForm(request.POST)
    if form.is_valid():
        services.mark_paid(payment, form.cleaned_data["paid_on"])
        messages.success(request, f"Marked {payment} paid.")
    else:
        _refused(request, form, "Could not mark it paid")
    return redirect(_back_to(payment.project, "#payments"))


@login_required
@require_POST
def payment_write_off(request: AuthedRequest, code) -> HttpResponse:
    """Write a payment off, or (with `undo`) take that back."""
    payment = get_payment_for_user(request.user, code)
    undo = bool(request.POST.get("undo"))
    services.write_off(payment, on=not undo)
    note = f"{payment}: {'no longer written off' if undo else 'written off'}."
    return _saved(request, payment.project, note, "#payments")


@login_required
@require_GET
def invoice(request: AuthedRequest, code) -> HttpResponse:
    payment = get_payment_for_user(request.user, code)
    if not payment.invoiced_on:
        messages.error(request, "This payment is not invoiced yet: mark it invoiced first.")
        return redirect(_back_to(payment.project, "#payments"))
    project = payment.project
    context = {
        "payment": payment,
        "project": project,
        "details": FreelanceSettings.of(request.user).invoice_details,
        "clients": project.members.filter(role="client").select_related("contact"),
        "entries": payment.time_entries.order_by("worked_on", "id"),
    }
    return render(request, "projects/invoice.html", context)


# Time


@login_required
@require_POST
def log_time(request: AuthedRequest, code) -> HttpResponse:
    project = get_project_for_user(request.user, code)
    form = TimeEntryForm(request.POST, instance=TimeEntry(project=project), project=project)
    if form.is_valid():
        messages.success(request, f"Logged {services.save_time_entry(form.instance)}.")
    else:
        _refused(request, form, "Could not log that time")
    return redirect(_back_to(project, "#time"))


@login_required
@require_POST
def time_delete(request: AuthedRequest, code) -> HttpResponse:
    entry = get_time_entry_for_user(request.user, code)
    try:
        services.delete_time_entry(entry)
        messages.success(request, f"Deleted {entry}.")
    except services.BillingError as error:
        messages.error(request, str(error))
    return redirect(_back_to(entry.project, "#time"))


@login_required
@require_POST
def bill_time(request: AuthedRequest, code) -> HttpResponse:
    """Turn the chosen unbilled time into one payment; a refusal keeps every entry as it was."""
    project = get_project_for_user(request.user, code)
    form = BillTimeForm(request.POST, project=project)
    if not form.is_valid():
        _refused(request, form, "Could not bill that time")
        return redirect(_back_to(project, "#time"))
    entries, due_on = form.cleaned_data["entries"], form.cleaned_data["due_on"]
    try:
        payment = services.bill_time(project, entries, due_on)
    except services.BillingError as error:
        messages.error(request, str(error))
        return redirect(_back_to(project, "#time"))
    return _saved(request, project, f"Billed the time as {payment}.", "#payments")


# Settings


@login_required
@require_http_methods(["GET", "POST"])
def freelance_settings(request: AuthedRequest) -> HttpResponse:
    form = FreelanceSettingsForm(request.POST or None, instance=FreelanceSettings.of(request.user))
    if request.method == "POST" and form.is_valid():
        services.save_settings(form.instance)
        messages.success(request, "Saved your freelance settings.")
        return redirect_after_post(request, reverse("projects:board"))
    return _form_page(request, form, "Freelance settings", reverse("projects:board"))


# Analytics


@login_required
@require_GET
def analytics(request: AuthedRequest) -> HttpResponse:
    """Money and win figures over all the user's projects (the same page for HTMX: no part of it
    is swapped on its own)."""
    context = figures.analytics(request.user, timezone.localdate())
    return render(request, "projects/analytics.html", context)
