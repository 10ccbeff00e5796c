from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from contacts.models import get_contact_for_user
from devhub.lib.http import AuthedRequest, is_htmx_fragment
from devhub.lib.stages import CLOSED_SHOWN, Column, board_columns
from devhub.lib.views import confirm_delete, redirect_after_post, render_page
from interactions import services as interaction_services
from interactions.models import Interaction, InteractionType
from opportunities import board as board_cards
from opportunities import charts, services
from opportunities.forms import (
    CompensationForm,
    CvShareForm,
    DiscussionForm,
    MoveForm,
    OpportunityFilterForm,
    OpportunityForm,
    ParticipantForm,
    RecruiterNotesForm,
)
from opportunities.models import (
    ACTIVE,
    CLOSED,
    Opportunity,
    Participant,
    RecruiterNotes,
    Status,
    get_opportunity_for_user,
)
from resources.models import SharedResource


def _board_context(request: AuthedRequest) -> dict:
    opportunities = list(Opportunity.objects.for_owner(request.user).order_by("-updated_at"))

    def columns(stages, shown: int | None = None) -> list[Column]:
        return board_columns(
            request,
            board_cards.CARDS,
            opportunities,
            lambda o: o.status,
            stages,
            Status.choices,
            shown,
        )

    return {
        "columns": columns(ACTIVE),
        "closed": columns(CLOSED, CLOSED_SHOWN),
        "any": opportunities,
    }


@login_required
@require_GET
def board(request: AuthedRequest) -> HttpResponse:
    return render_page(request, "opportunities/board.html", _board_context(request), "board")


@login_required
@require_POST
def move(request: AuthedRequest, code) -> HttpResponse:
    """One endpoint for the drag and drop, the keyboard "move to" menu and the no-JS form."""
    opportunity = get_opportunity_for_user(request.user, code)
    form = MoveForm(request.POST)
    if not form.is_valid():
        if is_htmx_fragment(request):
            context = {**_board_context(request), "note": "That is not a stage."}
            return render(request, "opportunities/board.html#board", context)
        messages.error(request, "That is not a stage.")
        return redirect("opportunities:board")
    status = form.cleaned_data["status"]
    moved = services.move(opportunity, status)
    note = f"Moved {opportunity} to {Status(status).label}." if moved else "Already there."
    if is_htmx_fragment(request):
        context = {**_board_context(request), "note": note}
        return render(request, "opportunities/board.html#board", context)
    messages.success(request, note)
    if request.POST.get("back") == "detail":
        return redirect("opportunities:detail", code=opportunity.code)
    return redirect("opportunities:board")


@login_required
@require_GET
def opportunity_list(request: AuthedRequest) -> HttpResponse:
    filters = OpportunityFilterForm(request.GET)
    opportunities = filters.apply(Opportunity.objects.for_owner(request.user), timezone.localdate())
    page = Paginator(opportunities, 25).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"filters": filters, "page": page, "query": query.urlencode()}
    return render_page(request, "opportunities/list.html", context, "results")


@login_required
@require_GET
def detail(request: AuthedRequest, code) -> HttpResponse:
    opportunity = get_opportunity_for_user(request.user, code)
    cv_form = CvShareForm(owner=request.user, opportunity=opportunity)
    context = {
        "opportunity": opportunity,
        "timeline": services.stage_timeline(opportunity),
        "participants": opportunity.participants.select_related("contact"),
        "compensation": opportunity.compensation.all(),
        "discussions": opportunity.interactions.select_related("contact", "type"),
        "statuses": Status.choices,
        "participant_form": ParticipantForm(owner=request.user, opportunity=opportunity),
        "compensation_form": CompensationForm(),
        "discussion_form": DiscussionForm(
            owner=request.user, opportunity=opportunity, prefix="talk"
        ),
        "cv_shares": opportunity.shared_resources.select_related("contact"),
        "cv_people": cv_form.fields["contact"].queryset,
    }
    return render(request, "opportunities/detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def create(request: AuthedRequest) -> HttpResponse:
    form = OpportunityForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        opportunity = form.save(commit=False)
        opportunity.owner = request.user
        services.save_new(opportunity)
        messages.success(request, f"Added {opportunity}.")
        return redirect_after_post(
            request, reverse("opportunities:detail", args=[opportunity.code])
        )
    return render_page(request, "opportunities/form.html", {"form": form}, "opportunity-form")


@login_required
@require_http_methods(["GET", "POST"])
def edit(request: AuthedRequest, code) -> HttpResponse:
    opportunity = get_opportunity_for_user(request.user, code)
    previous = opportunity.status
    form = OpportunityForm(request.POST or None, instance=opportunity)
    if request.method == "POST" and form.is_valid():
        new_status = form.cleaned_data["status"]
        changed = form.save(commit=False)
        changed.status = previous  # stage changes go through services.move (history, reminders)
        changed.save()
        services.move(changed, new_status)
        services.sync_applied_follow_up(changed)
        services.sync_next_action_reminder(changed)
        messages.success(request, f"Saved {changed}.")
        return redirect_after_post(request, reverse("opportunities:detail", args=[changed.code]))
    context = {"form": form, "opportunity": opportunity}
    return render_page(request, "opportunities/form.html", context, "opportunity-form")


@login_required
@require_http_methods(["GET", "POST"])
def delete(request: AuthedRequest, code) -> HttpResponse:
    opportunity = get_opportunity_for_user(request.user, code)
    if request.method == "POST":
        services.delete(opportunity)
        messages.success(request, f"Deleted {opportunity}.")
        return redirect_after_post(request, reverse("opportunities:board"))
    return confirm_delete(
        request,
        title=f"Delete {opportunity}?",
        consequence="Its stage history, people links and compensation notes go with it; the "
        "contacts and logged interactions stay.",
        cancel_url=reverse("opportunities:detail", args=[opportunity.code]),
    )


def _back_to(opportunity: Opportunity, anchor: str) -> str:
    return reverse("opportunities:detail", args=[opportunity.code]) + anchor


@login_required
@require_POST
def add_participant(request: AuthedRequest, code) -> HttpResponse:
    opportunity = get_opportunity_for_user(request.user, code)
    form = ParticipantForm(request.POST, owner=request.user, opportunity=opportunity)
    if form.is_valid():
        participant = form.save()
        messages.success(request, f"Added {participant}.")
    else:
        messages.error(request, "Could not add that person: " + form.errors.as_text())
    return redirect(_back_to(opportunity, "#people"))


@login_required
@require_POST
def remove_participant(request: AuthedRequest, code, participant) -> HttpResponse:
    opportunity = get_opportunity_for_user(request.user, code)
    participant = get_object_or_404(Participant, code=participant, opportunity=opportunity)
    participant.delete()
    messages.success(request, f"Removed {participant.contact.name} from this opportunity.")
    return redirect(_back_to(opportunity, "#people"))


@login_required
@require_POST
def add_compensation(request: AuthedRequest, code) -> HttpResponse:
    opportunity = get_opportunity_for_user(request.user, code)
    form = CompensationForm(request.POST)
    if form.is_valid():
        entry = form.save(commit=False)
        entry.opportunity = opportunity
        entry.save()
        messages.success(request, "Saved the compensation note.")
    else:
        messages.error(request, "Could not save: " + form.errors.as_text())
    return redirect(_back_to(opportunity, "#compensation"))


@login_required
@require_POST
def log_discussion(request: AuthedRequest, code) -> HttpResponse:
    """A "job discussion" with someone on this opportunity, linked to both."""
    opportunity = get_opportunity_for_user(request.user, code)
    form = DiscussionForm(request.POST, owner=request.user, opportunity=opportunity, prefix="talk")
    if not form.is_valid():
        messages.error(request, "Choose who you talked to (add people first).")
        return redirect(_back_to(opportunity, "#discussions"))
    contact = form.cleaned_data["contact"]
    job_type = InteractionType.objects.for_owner(request.user).get(builtin_key="job_discussion")
    interaction = Interaction(
        contact=contact,
        type=job_type,
        subject=str(opportunity)[:200],
        notes=form.cleaned_data["notes"],
    )
    interaction_services.save_interaction(interaction)
    opportunity.interactions.add(interaction)
    messages.success(request, f"Logged a job discussion with {contact.name}.")
    return redirect(_back_to(opportunity, "#discussions"))


@login_required
@require_POST
def share_cv(request: AuthedRequest, code) -> HttpResponse:
    """Record that you sent your CV / portfolio to someone (a knowledge-sharing record)."""
    opportunity = get_opportunity_for_user(request.user, code)
    form = CvShareForm(request.POST, owner=request.user, opportunity=opportunity)
    if not form.is_valid():
        messages.error(request, "Choose someone on this opportunity.")
        return redirect(_back_to(opportunity, "#cv"))
    contact = form.cleaned_data["contact"]
    resource = SharedResource.objects.create(
        contact=contact,
        title=f"CV / portfolio for {opportunity}"[:200],
        kind=SharedResource.Kind.PORTFOLIO,
        notes=f"Shared for the {opportunity} opportunity.",
    )
    opportunity.shared_resources.add(resource)
    messages.success(request, f"Noted: CV shared with {contact.name} today.")
    return redirect(_back_to(opportunity, "#cv"))


@login_required
@require_http_methods(["GET", "POST"])
def recruiter_notes(request: AuthedRequest, code) -> HttpResponse:
    """Specialties and past dealings of a recruiter contact."""
    contact = get_contact_for_user(request.user, code)
    notes = RecruiterNotes.objects.filter(contact=contact).first() or RecruiterNotes(
        contact=contact
    )
    form = RecruiterNotesForm(request.POST or None, instance=notes)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, f"Saved recruiter notes for {contact.name}.")
        return redirect("contacts:detail", code=contact.code)
    return render(request, "opportunities/recruiter_notes.html", {"form": form, "contact": contact})


@login_required
@require_GET
def analytics(request: AuthedRequest) -> HttpResponse:
    numbers = services.funnel(request.user)
    return render(
        request,
        "opportunities/analytics.html",
        {"funnel": numbers, "bars": charts.funnel_bars(numbers)},
    )
