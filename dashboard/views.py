from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST
from django_htmx.http import trigger_client_event

from contacts.models import Contact, get_contact_for_user
from dashboard import charts, widgets
from devhub.lib.http import AuthedRequest, is_htmx_fragment
from embeddings.encoder import enabled as embeddings_enabled
from interactions import services as interaction_services
from interactions.forms import QuickLogForm, type_options
from reminders import services as reminder_services
from reminders.forms import SnoozeForm
from reminders.models import Reminder

# Each widget's data; a widget refreshes itself over HTMX when the page signals "crm-changed".
WIDGETS = {
    "stats": lambda user, today: {"stats": widgets.stats(user, today)},
    "attention": lambda user, today: {
        "attention": widgets.needs_attention(user, today),
        "log_types": type_options(user),
        "suggestions_on": embeddings_enabled(),
    },
    "reminders": lambda user, today: {"buckets": widgets.reminder_buckets(user, today)},
    "birthdays": widgets.upcoming_birthdays,
    "recent": lambda user, today: {
        "recent": widgets.recent_interactions(user),
        "submissions": widgets.recent_submissions(user),
    },
    "vips": lambda user, today: {"vips": widgets.vip_quick_access(user)},
    "health": lambda user, today: charts.health(user, today),
    "stack": lambda user, today: {"stack": widgets.top_tech_tags(user)},
    "freelance": widgets.freelance,
    "collaborations": widgets.collaboration_dates,
}


def changed(response: HttpResponse) -> HttpResponse:
    """Tell every widget on the page that data changed, so each reloads itself."""
    return trigger_client_event(response, "crm-changed")


@login_required
@require_GET
def dashboard(request: AuthedRequest) -> HttpResponse:
    """Every widget, read from the database on every request (nothing is cached, so a change
    made anywhere shows on the next one)."""
    today = timezone.localdate()
    if not Contact.objects.for_owner(request.user).exists():
        return render(request, "dashboard/welcome.html")
    context = {"today": today, "back": reverse("home")}
    for build in WIDGETS.values():
        context.update(build(request.user, today))
    return render(request, "dashboard/dashboard.html", context)


@login_required
@require_GET
def widget(request: AuthedRequest, name: str) -> HttpResponse:
    """One widget, server-rendered, for its HTMX self-refresh (or a link into the page)."""
    if name not in WIDGETS:
        raise Http404("No such widget.")
    if not is_htmx_fragment(request):
        return redirect(reverse("home") + f"#widget-{name}")
    today = timezone.localdate()
    context = {"today": today, "back": reverse("home"), **WIDGETS[name](request.user, today)}
    return render(request, f"dashboard/dashboard.html#{name}", context)


@login_required
@require_POST
def quick_log(request: AuthedRequest, code) -> HttpResponse:
    """Log an interaction from "needs attention"; the contact leaves the list, stats update."""
    contact = get_contact_for_user(request.user, code)
    form = QuickLogForm(request.POST, owner=request.user, prefix="dash")
    if form.is_valid():
        interaction_services.save_interaction(form.build(contact))
        note = f"Logged a {form.cleaned_data['type']} with {contact.name}."
    else:
        note = "Choose an interaction type to log."
    return _after_action(request, note, ok=form.is_valid())


@login_required
@require_POST
def snooze(request: AuthedRequest, code) -> HttpResponse:
    contact = get_contact_for_user(request.user, code)
    form = SnoozeForm(request.POST)
    if form.is_valid():
        reminder_services.snooze_contact(contact, form.cleaned_data["until"])
        note = f"Snoozed {contact.name} until {contact.snoozed_until:%-d %b %Y}."
    else:
        note = form.error_note
    return _after_action(request, note, ok=form.is_valid())


def _after_action(request: AuthedRequest, note: str, ok: bool) -> HttpResponse:
    if not is_htmx_fragment(request):
        (messages.success if ok else messages.error)(request, note)
        return redirect("home")
    today = timezone.localdate()
    context = {"today": today, "note": note, **WIDGETS["attention"](request.user, today)}
    response = render(request, "dashboard/dashboard.html#attention", context)
    return changed(response) if ok else response


@login_required
@require_GET
def due_today(request: AuthedRequest) -> JsonResponse:
    """Reminders due today or overdue, for the opt-in browser notifications."""
    today = timezone.localdate()
    reminders = (
        Reminder.objects.for_owner(request.user)
        .open()
        .filter(effective_due__lte=today)
        .order_by("effective_due")[:20]
    )
    items = [{"id": str(r.code), "title": r.title} for r in reminders]
    return JsonResponse({"reminders": items, "url": reverse("reminders:list")})
