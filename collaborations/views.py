"""Collaborations' pages: the board and list, a collaboration's page with its people, stage
history and audience feedback, the ideas backlog and what people asked for overall."""

from collections import defaultdict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count
from django.db.models.functions import Lower
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from collaborations import board as board_cards
from collaborations import services
from collaborations.forms import (
    CollaborationFilterForm,
    CollaborationForm,
    FeedbackFilterForm,
    FeedbackForm,
    IdeaForm,
    MoveForm,
    PersonForm,
    PlannedSessionForm,
    SessionForm,
    StartForm,
)
from collaborations.models import (
    CLOSED_STAGES,
    OPEN_STAGES,
    Collaboration,
    Feedback,
    Idea,
    PlannedSession,
    Session,
    Stage,
    get_collaboration_for_user,
    get_feedback_for_user,
    get_idea_for_user,
    get_person_for_user,
    get_planned_session_for_user,
    get_session_for_user,
)
from contacts.status import local_today
from devhub.lib.http import AuthedRequest, is_htmx_fragment
from devhub.lib.stages import CLOSED_SHOWN, board_columns
from devhub.lib.views import confirm_delete, redirect_after_post, render_page

PAGE = 25
SESSIONS_PAGE = 10


def _board_context(request: AuthedRequest) -> dict:
    rows = board_cards.cards(
        Collaboration.objects.for_owner(request.user).order_by("-updated_at", "-id")
    )

    def columns(stages, shown=None):
        return board_columns(
            request, board_cards.CARDS, rows, lambda c: c.stage, stages, Stage.choices, shown
        )

    return {
        "columns": columns(OPEN_STAGES),
        "closed": columns(CLOSED_STAGES, CLOSED_SHOWN),
        "any": rows,
    }


def _back_to(collaboration: Collaboration, anchor: str = "") -> str:
    return reverse("collaborations:detail", args=[collaboration.code]) + anchor


def _refused(request: AuthedRequest, form, what: str) -> None:
    """Why an in-page form was refused, as a message on the page it returns to."""
    errors = [e for field_errors in form.errors.values() for e in field_errors]
    messages.error(request, f"{what}: {' '.join(errors)}")


def _form_page(request: AuthedRequest, form, title: str, cancel_url: str) -> HttpResponse:
    """A small form on its own page (also the answer to an invalid submission, errors shown)."""
    context = {"form": form, "title": title, "cancel_url": cancel_url}
    return render_page(request, "collaborations/form_page.html", context, "form")


def _paged(request: AuthedRequest, rows) -> dict:
    query = request.GET.copy()
    query.pop("page", None)
    page = Paginator(rows, PAGE).get_page(request.GET.get("page"))
    return {"page": page, "query": query.urlencode()}


@login_required
@require_GET
def board(request: AuthedRequest) -> HttpResponse:
    return render_page(request, "collaborations/board.html", _board_context(request), "board")


@login_required
@require_POST
def move(request: AuthedRequest, code) -> HttpResponse:
    """One endpoint for the drag and drop, the keyboard "move to" menu and the no-JS form."""
    collaboration = get_collaboration_for_user(request.user, code)
    form = MoveForm(request.POST)
    if form.is_valid():
        stage = form.cleaned_data["stage"]
        moved = services.move(collaboration, stage)
        note = f"Moved {collaboration} to {Stage(stage).label}." if moved else "Already there."
    else:
        note = "That is not a stage."
    if is_htmx_fragment(request):
        context = {**_board_context(request), "note": note}
        return render(request, "collaborations/board.html#board", context)
    (messages.success if form.is_valid() else messages.error)(request, note)
    if form.is_valid() and request.POST.get("back") == "detail":
        return redirect(_back_to(collaboration))
    return redirect("collaborations:board")


@login_required
@require_GET
def collaboration_list(request: AuthedRequest) -> HttpResponse:
    filters = CollaborationFilterForm(request.GET, owner=request.user)
    rows = filters.apply(Collaboration.objects.for_owner(request.user))
    rows = rows.prefetch_related("people__contact").order_by("-updated_at", "-id")
    context = {"filters": filters, **_paged(request, rows)}
    return render_page(request, "collaborations/list.html", context, "results")


@login_required
@require_http_methods(["GET", "POST"])
def create(request: AuthedRequest) -> HttpResponse:
    form = CollaborationForm(request.POST or None, owner=request.user)
    if request.method == "POST" and form.is_valid():
        collaboration = form.save(commit=False)
        collaboration.owner = request.user
        services.save_new(collaboration)
        form.save_m2m()
        messages.success(request, f"Added {collaboration}.")
        return redirect_after_post(request, _back_to(collaboration))
    return render_page(request, "collaborations/form.html", {"form": form}, "collab-form")


@login_required
@require_http_methods(["GET", "POST"])
def edit(request: AuthedRequest, code) -> HttpResponse:
    collaboration = get_collaboration_for_user(request.user, code)
    form = CollaborationForm(request.POST or None, instance=collaboration, owner=request.user)
    if request.method == "POST" and form.is_valid():
        services.update(form.save(commit=False))
        form.save_m2m()
        messages.success(request, f"Saved {collaboration}.")
        return redirect_after_post(request, _back_to(collaboration))
    context = {"form": form, "collaboration": collaboration}
    return render_page(request, "collaborations/form.html", context, "collab-form")


@login_required
@require_http_methods(["GET", "POST"])
def delete(request: AuthedRequest, code) -> HttpResponse:
    collaboration = get_collaboration_for_user(request.user, code)
    if request.method == "POST":
        services.delete(collaboration)
        messages.success(request, f"Deleted {collaboration}.")
        return redirect_after_post(request, reverse("collaborations:board"))
    return confirm_delete(
        request,
        title=f"Delete {collaboration}?",
        consequence="Its stage history, people links and audience feedback go with it; the "
        "contacts, the idea it came from and the interactions about it stay.",
        cancel_url=_back_to(collaboration),
    )


@login_required
@require_GET
def detail(request: AuthedRequest, code) -> HttpResponse:
    collaboration = get_collaboration_for_user(request.user, code)
    collaboration.owner = request.user  # already read: its time zone and defaults
    feedback = collaboration.feedback.select_related("contact")
    context = {
        "collaboration": collaboration,
        "timeline": services.timeline(collaboration),
        "stages": Stage.choices,
        "tags": collaboration.tags.all(),
        # A list: the template and a study group's attendance both read it, with one query.
        "people": list(collaboration.people.select_related("contact").order_by("contact__name")),
        "person_form": PersonForm(owner=request.user, collaboration=collaboration),
        "feedback_page": Paginator(feedback, PAGE).get_page(request.GET.get("page")),
    }
    if collaboration.is_out:  # feedback comes in once a piece is out
        context["feedback_form"] = FeedbackForm(
            owner=request.user, instance=Feedback(received_on=local_today(request.user))
        )
    if collaboration.is_study_group:
        context.update(_study_group(request, collaboration, context["people"]))
    if collaboration.is_open_source:
        context.update(services.linked_interactions(collaboration))
    return render(request, "collaborations/detail.html", context)


def _study_group(request: AuthedRequest, collaboration: Collaboration, people) -> dict:
    """A study group's sessions (a page of them, newest first), how many of them each of its
    people came to (counted by the database, however many years of sessions there are), and its
    planned one-off dates."""
    sessions = collaboration.sessions.prefetch_related("resources")
    page = Paginator(sessions, SESSIONS_PAGE).get_page(request.GET.get("sessions"))
    # Who came to each shown session, by name: the page shows nothing else of them.
    came_to = defaultdict(list)
    attended = Session.attendees.through.objects.filter(session__in=page.object_list)
    for session_id, name in attended.order_by(Lower("contact__name"), "contact_id").values_list(
        "session_id", "contact__name"
    ):
        came_to[session_id].append(name)
    for session in page.object_list:
        session.came = came_to[session.pk]
    came = dict(
        Session.attendees.through.objects.filter(session__collaboration=collaboration)
        .values_list("contact_id")
        .annotate(Count("pk"))
        .order_by()
    )
    members = {p.contact.pk: p.contact for p in people}.values()
    planned = list(services.upcoming_planned(collaboration))
    upcoming = services.next_session(collaboration, planned=planned)
    return {
        # Shown as the owner's wall-clock time.
        "next_session": upcoming and upcoming.replace(tzinfo=None),
        "sessions_page": page,
        "sessions": page.object_list,
        "attendance": [(contact, came.get(contact.pk, 0)) for contact in members],
        "planned": planned,
        "planned_form": PlannedSessionForm(instance=PlannedSession(collaboration=collaboration)),
    }


@login_required
@require_POST
def add_person(request: AuthedRequest, code) -> HttpResponse:
    collaboration = get_collaboration_for_user(request.user, code)
    form = PersonForm(request.POST, owner=request.user, collaboration=collaboration)
    if form.is_valid():
        messages.success(request, f"Added {form.save()}.")
    else:
        _refused(request, form, "Could not add that person")
    return redirect(_back_to(collaboration, "#people"))


@login_required
@require_POST
def remove_person(request: AuthedRequest, code) -> HttpResponse:
    person = get_person_for_user(request.user, code)
    services.remove_person(person)
    messages.success(request, f"Removed {person.contact.name} from this collaboration.")
    return redirect(_back_to(person.collaboration, "#people"))


# Study-group sessions


def _session_form(request: AuthedRequest, session: Session, title: str) -> HttpResponse:
    form = SessionForm(request.POST or None, instance=session)
    back = _back_to(session.collaboration, "#sessions")
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.save_session(
            form.save(commit=False), attendees=data["attendees"], resources=data["resources"]
        )
        messages.success(request, f"Saved the session {form.instance}.")
        return redirect_after_post(request, back)
    return _form_page(request, form, title, back)


@login_required
@require_http_methods(["GET", "POST"])
def session_create(request: AuthedRequest, code) -> HttpResponse:
    collaboration = get_collaboration_for_user(request.user, code)
    return _session_form(
        request,
        Session(collaboration=collaboration, held_on=local_today(request.user)),
        f"Session of {collaboration}",
    )


@login_required
@require_http_methods(["GET", "POST"])
def session_edit(request: AuthedRequest, code) -> HttpResponse:
    session = get_session_for_user(request.user, code)
    return _session_form(request, session, f"Edit {session}")


@login_required
@require_http_methods(["GET", "POST"])
def session_delete(request: AuthedRequest, code) -> HttpResponse:
    session = get_session_for_user(request.user, code)
    back = _back_to(session.collaboration, "#sessions")
    if request.method == "POST":
        services.delete_session(session)
        messages.success(request, f"Deleted the session {session}.")
        return redirect_after_post(request, back)
    return confirm_delete(
        request,
        title=f"Delete the session {session}?",
        consequence="Its notes and who came go with it; the study group stays.",
        cancel_url=back,
    )


@login_required
@require_POST
def planned_add(request: AuthedRequest, code) -> HttpResponse:
    """Plan a one-off session of a study group (refused with a message on its page)."""
    collaboration = get_collaboration_for_user(request.user, code)
    planned = PlannedSession(collaboration=collaboration)
    form = PlannedSessionForm(request.POST, instance=planned)
    if not collaboration.is_study_group:
        messages.error(request, "Only a study group has planned sessions.")
    elif form.is_valid():
        services.add_planned_session(form.save(commit=False))
        messages.success(request, f"Planned a session on {planned}.")
    else:
        _refused(request, form, "Could not plan that session")
    return redirect(_back_to(collaboration, "#planned"))


@login_required
@require_POST
def planned_remove(request: AuthedRequest, code) -> HttpResponse:
    planned = get_planned_session_for_user(request.user, code)
    services.remove_planned_session(planned)
    messages.success(request, f"Removed the planned session on {planned}.")
    return redirect(_back_to(planned.collaboration, "#planned"))


# Audience feedback


@login_required
@require_http_methods(["GET", "POST"])
def add_feedback(request: AuthedRequest, code) -> HttpResponse:
    """The feedback form on its own page (also the answer to an invalid entry, errors shown)."""
    collaboration = get_collaboration_for_user(request.user, code)
    today = local_today(request.user)
    feedback = Feedback(collaboration=collaboration, received_on=today)
    form = FeedbackForm(request.POST or None, owner=request.user, instance=feedback)
    if request.method == "POST" and form.is_valid():
        feedback = services.save_feedback(form.instance)
        messages.success(request, f"Added the {feedback.get_kind_display().lower()}.")
        return redirect_after_post(request, _back_to(collaboration, "#feedback"))
    title = f"Feedback on {collaboration}"
    return _form_page(request, form, title, _back_to(collaboration, "#feedback"))


@login_required
@require_http_methods(["GET", "POST"])
def delete_feedback(request: AuthedRequest, code) -> HttpResponse:
    feedback = get_feedback_for_user(request.user, code)
    back = _back_to(feedback.collaboration, "#feedback")
    if request.method == "POST":
        services.delete_feedback(feedback)
        messages.success(request, "Deleted the feedback.")
        return redirect_after_post(request, back)
    return confirm_delete(
        request,
        title=f"Delete this {feedback.get_kind_display().lower()} from {feedback.sender}?",
        consequence="Only this entry goes; the collaboration and the contact stay.",
        cancel_url=back,
    )


@login_required
@require_GET
def feedback_overview(request: AuthedRequest) -> HttpResponse:
    """What people asked for, across everything published: questions and requests, newest first."""
    filters = FeedbackFilterForm(request.GET)
    rows = Feedback.objects.filter(collaboration__owner=request.user)
    rows = filters.apply(rows).select_related("collaboration", "contact")
    context = {"filters": filters, **_paged(request, rows)}
    return render_page(request, "collaborations/feedback.html", context, "results")


# Ideas backlog


@login_required
@require_GET
def idea_list(request: AuthedRequest) -> HttpResponse:
    ideas = Idea.objects.for_owner(request.user).select_related("collaboration")
    ideas = ideas.prefetch_related("tags", "people")
    context = {**_paged(request, ideas), "start_form": StartForm()}
    return render_page(request, "collaborations/ideas.html", context, "results")


def _idea_form(request: AuthedRequest, form, idea: Idea | None = None) -> HttpResponse:
    title = f"Edit the idea {idea}" if idea else "New idea"
    return _form_page(request, form, title, reverse("collaborations:ideas"))


@login_required
@require_http_methods(["GET", "POST"])
def idea_create(request: AuthedRequest) -> HttpResponse:
    form = IdeaForm(request.POST or None, owner=request.user, instance=Idea(owner=request.user))
    if request.method == "POST" and form.is_valid():
        idea = form.save()
        messages.success(request, f"Added the idea {idea}.")
        return redirect_after_post(request, reverse("collaborations:ideas"))
    return _idea_form(request, form)


@login_required
@require_http_methods(["GET", "POST"])
def idea_edit(request: AuthedRequest, code) -> HttpResponse:
    idea = get_idea_for_user(request.user, code)
    form = IdeaForm(request.POST or None, owner=request.user, instance=idea)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, f"Saved the idea {idea}.")
        return redirect_after_post(request, reverse("collaborations:ideas"))
    return _idea_form(request, form, idea)


@login_required
@require_http_methods(["GET", "POST"])
def idea_delete(request: AuthedRequest, code) -> HttpResponse:
    idea = get_idea_for_user(request.user, code)
    if request.method == "POST":
        services.delete_idea(idea)
        messages.success(request, f"Deleted the idea {idea}.")
        return redirect_after_post(request, reverse("collaborations:ideas"))
    return confirm_delete(
        request,
        title=f"Delete the idea {idea}?",
        consequence="A collaboration started from it stays, without the link back.",
        cancel_url=reverse("collaborations:ideas"),
    )


@login_required
@require_POST
def idea_start(request: AuthedRequest, code) -> HttpResponse:
    """Turn an idea into a collaboration (at the idea or planning stage), linked both ways."""
    idea = get_idea_for_user(request.user, code)
    form = StartForm(request.POST)
    if not form.is_valid():
        _refused(request, form, "Could not start it")
        return redirect("collaborations:ideas")
    collaboration = services.start_from_idea(idea, form.cleaned_data["stage"])
    messages.success(request, f"Started {collaboration} from the idea.")
    return redirect(_back_to(collaboration))
