import datetime as dt
import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required, login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, Prefetch, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import trigger_client_event

from accounts.models import User, new_calendar_token
from contacts.models import Contact, get_contact_for_user
from devhub.lib.http import AuthedRequest, is_htmx_fragment, safe_next
from devhub.lib.views import redirect_after_post, render_page
from interactions import services as interaction_services
from interactions.forms import QuickLogForm, type_options
from jobs.views import start_and_show
from reminders import calendar, rhythm, services
from reminders.forms import FollowUpRhythmForm, PreferencesForm, ReminderForm, SnoozeForm
from reminders.models import Reminder, get_reminder_for_user
from reminders.refresh import last_run

PER_PAGE = 25  # as the contacts and interactions lists
# What a row shows of its contact: a link with the name.
ROW_CONTACT = Prefetch("contact", queryset=Contact.objects.only("code", "name"))
GROUPS = {
    "overdue": "Overdue",
    "today": "Today",
    "week": "Next 7 days",
    "later": "Later",
}


def group_key(due: dt.date, today: dt.date) -> str:
    if due < today:
        return "overdue"
    if due == today:
        return "today"
    return "week" if due <= today + dt.timedelta(days=7) else "later"


def group_by_due(reminders, today: dt.date, totals: dict[str, int] | None = None) -> list[tuple]:
    """(key, heading, reminders, total) for overdue, today, the next 7 days and later.

    `reminders` is one page of them; `totals` counts each group over all pages."""
    groups: dict[str, list[Reminder]] = {key: [] for key in GROUPS}
    for reminder in reminders:
        groups[group_key(reminder.effective_due, today)].append(reminder)
    return [
        (key, heading, groups[key], (totals or {}).get(key, len(groups[key])))
        for key, heading in GROUPS.items()
    ]


def group_totals(reminders, today: dt.date) -> dict[str, int]:
    week_end = today + dt.timedelta(days=7)
    return reminders.aggregate(
        overdue=Count("pk", filter=Q(effective_due__lt=today)),
        today=Count("pk", filter=Q(effective_due=today)),
        week=Count("pk", filter=Q(effective_due__gt=today, effective_due__lte=week_end)),
        later=Count("pk", filter=Q(effective_due__gt=week_end)),
    )


@login_required
@require_GET
@vary_on_headers("HX-Request")  # page and fragment share a URL; caches must keep them apart
def reminder_list(request: AuthedRequest) -> HttpResponse:
    """The open reminders, a page at a time. `?more=<code>` opens that reminder's snooze-to-a-date
    and log-and-complete forms: the page with them, or with HTMX that row alone."""
    more = opened_code(request.GET.get("more"))
    if more and is_htmx_fragment(request):
        reminder = get_reminder_for_user(request.user, more)
        return render(request, "reminders/list.html#reminder-row", row_context(request, reminder))
    today = timezone.localdate()
    reminders = Reminder.objects.for_owner(request.user).open()
    totals = group_totals(reminders, today)
    # Thousands of check-ins can be due at once: a page at a time, grouped within the page.
    # The page's contacts are fetched after the page: joined in its query, every open
    # reminder's contact would be read before the sort picks 25.
    paginator = Paginator(
        reminders.prefetch_related(ROW_CONTACT).order_by("effective_due", "id"), PER_PAGE
    )
    paginator.count = sum(totals.values())  # the groups' totals have counted them all once
    page = paginator.get_page(request.GET.get("page"))
    context = {
        "list_url": reverse("reminders:list"),
        "more": more,
        "groups": group_by_due(page.object_list, today, totals),
        "page": page,
        "log_types": type_options(request.user) if more else None,
        "today": today,
        "last_run": last_run(),
    }
    return render(request, "reminders/list.html", context)


def opened_code(value: str | None) -> uuid.UUID | None:
    try:
        return uuid.UUID(value) if value else None
    except ValueError:
        return None


def row_context(request: AuthedRequest, reminder: Reminder, note: str = "") -> dict:
    """One row of the list, as an HTMX answer: after an action (with its note), or opened."""
    reminder = Reminder.objects.select_related("contact").get(pk=reminder.pk)
    more = None if note else reminder.code
    return {
        "reminder": reminder,
        "note": note,
        "more": more,
        "list_url": reverse("reminders:list"),
        "today": timezone.localdate(),
        "log_types": type_options(request.user) if more else None,
    }


@login_required
@require_http_methods(["GET", "POST"])
def reminder_create(request: AuthedRequest) -> HttpResponse:
    initial = {"contact": request.GET.get("contact")} if request.method == "GET" else None
    form = ReminderForm(request.POST or None, owner=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        reminder = form.save()
        messages.success(request, f"Added the reminder “{reminder.title}”.")
        return redirect_after_post(request, safe_next(request) or reverse("reminders:list"))
    return render_page(request, "reminders/form.html", {"form": form}, "reminder-form")


def _row_response(
    request: AuthedRequest, reminder: Reminder, note: str, ok: bool = True
) -> HttpResponse:
    """HTMX: the updated row; otherwise back to where the action came from, with a message."""
    if is_htmx_fragment(request):
        response = render(
            request, "reminders/list.html#reminder-row", row_context(request, reminder, note)
        )
        return trigger_client_event(response, "crm-changed")  # the dashboard's widgets refresh
    (messages.success if ok else messages.error)(request, note)
    return redirect(safe_next(request) or "reminders:list")


@login_required
@require_POST
def reminder_complete(request: AuthedRequest, code) -> HttpResponse:
    reminder = get_reminder_for_user(request.user, code)
    done = services.complete(reminder)
    note = f"Done: {reminder.title}." if done else "That reminder was already closed."
    return _row_response(request, reminder, note)


@login_required
@require_POST
def reminder_dismiss(request: AuthedRequest, code) -> HttpResponse:
    reminder = get_reminder_for_user(request.user, code)
    done = services.dismiss(reminder)
    note = f"Dismissed: {reminder.title}." if done else "That reminder was already closed."
    return _row_response(request, reminder, note)


@login_required
@require_POST
def reminder_snooze(request: AuthedRequest, code) -> HttpResponse:
    reminder = get_reminder_for_user(request.user, code)
    form = SnoozeForm(request.POST)
    if not form.is_valid():
        return _row_response(request, reminder, form.error_note, ok=False)
    until = form.cleaned_data["until"]
    if not services.snooze(reminder, until):
        return _row_response(request, reminder, "That reminder was already closed.")
    return _row_response(request, reminder, f"Snoozed until {until:%-d %b %Y}: {reminder.title}.")


@login_required
@require_POST
def reminder_log(request: AuthedRequest, code) -> HttpResponse:
    """Log an interaction with the reminder's contact and complete the reminder, in one step."""
    reminder = get_reminder_for_user(request.user, code)
    if reminder.contact is None:
        raise Http404("This reminder has no contact to log an interaction with.")
    form = QuickLogForm(request.POST, owner=request.user, prefix="log")
    if not form.is_valid():
        return _row_response(request, reminder, "Choose an interaction type to log.", ok=False)
    with transaction.atomic():
        interaction_services.save_interaction(form.build(reminder.contact))
        services.complete(reminder)
    note = f"Logged a {form.cleaned_data['type']} with {reminder.contact.name}; reminder done."
    return _row_response(request, reminder, note)


def _contact_section(request: AuthedRequest, contact, form=None) -> HttpResponse:
    context = {
        "contact": contact,
        "rhythm_form": form or FollowUpRhythmForm(instance=contact),
        "reminders": contact.reminders.open().order_by("effective_due"),
        "oob_status": True,
    }
    return render(request, "reminders/contact_section.html", context)


@login_required
@require_POST
def contact_rhythm(request: AuthedRequest, code) -> HttpResponse:
    """Importance, own frequency and pinned status of one contact; the status follows at once."""
    contact = get_contact_for_user(request.user, code)
    form = FollowUpRhythmForm(request.POST, instance=contact)
    if form.is_valid():
        contact = form.save()
        services.after_rhythm_change(contact)
        if not is_htmx_fragment(request):
            messages.success(request, f"Saved how often to stay in touch with {contact.name}.")
            return redirect("contacts:detail", code=contact.code)
    elif not is_htmx_fragment(request):
        messages.error(request, "Please correct the follow-up settings: " + form.errors.as_text())
        return redirect("contacts:detail", code=contact.code)
    else:
        contact.refresh_from_db()
    return _contact_section(request, contact, None if form.is_valid() else form)


@login_required
@require_POST
def contact_snooze(request: AuthedRequest, code) -> HttpResponse:
    """Snooze a contact (1 week, 1 month or a date), or wake it with `clear`."""
    contact = get_contact_for_user(request.user, code)
    if request.POST.get("clear"):
        services.snooze_contact(contact, None)
        note = f"{contact.name} is back in “needs attention” when due."
    else:
        form = SnoozeForm(request.POST)
        if not form.is_valid():
            messages.error(request, form.error_note)
            return redirect_after_post(request, reverse("contacts:detail", args=[contact.code]))
        services.snooze_contact(contact, form.cleaned_data["until"])
        note = f"Snoozed {contact.name} until {contact.snoozed_until:%-d %b %Y}."
    if is_htmx_fragment(request):
        return _contact_section(request, contact)
    messages.success(request, note)
    return redirect(safe_next(request) or reverse("contacts:detail", args=[contact.code]))


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request: AuthedRequest) -> HttpResponse:
    """Time zone, default follow-up frequencies, digest and calendar feed. New defaults or a new
    "today" change who is due, and their check-ins: applied to every contact as a long change."""
    form = PreferencesForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        job = rhythm.save_settings(form, next_url=reverse("reminders:preferences"))
        if job is not None:
            return start_and_show(request, job)
        messages.success(request, rhythm.SAVED)
        return redirect("reminders:preferences")
    feed = request.build_absolute_uri(
        reverse("reminders:calendar", args=[request.user.calendar_token])
    )
    return render(request, "reminders/preferences.html", {"form": form, "feed_url": feed})


@login_required
@require_POST
def regenerate_calendar_token(request: AuthedRequest) -> HttpResponse:
    request.user.calendar_token = new_calendar_token()
    request.user.save(update_fields=["calendar_token"])
    messages.success(request, "New calendar address created; the old one no longer works.")
    return redirect("reminders:preferences")


@login_not_required
@require_GET
def calendar_feed(request, token: str) -> HttpResponse:
    """The secret-address iCalendar feed calendar apps subscribe to (no session there)."""
    user = get_object_or_404(User, calendar_token=token, is_active=True)
    response = HttpResponse(
        calendar.calendar_for(user), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = 'inline; filename="devhub-reminders.ics"'
    response["Cache-Control"] = "private, max-age=900"
    return response
