import logging
import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required, login_required
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_ratelimit.core import is_ratelimited

from contacts.models import Event, get_event_for_user
from devhub.lib.client_ip import log_refusal
from devhub.lib.http import AuthedRequest
from devhub.lib.views import redirect_after_post, render_page
from quickconnect import github, qr, services
from quickconnect.forms import ConferenceAddForm, EventForm, PublicContactForm, QuickConnectCodeForm
from quickconnect.models import (
    Notification,
    QuickConnectCode,
    find_code_by_token,
    get_code_for_user,
    get_notification_for_user,
)
from reminders.models import Reminder

log = logging.getLogger(__name__)

# Per IP and per code; generous for a crowded conference Wi-Fi, tight for scripts.
IP_RATE = "20/m"
CODE_RATE = "60/m"


def public_url(request: HttpRequest, quick_code: QuickConnectCode) -> str:
    return request.build_absolute_uri(reverse("quickconnect:public", args=[quick_code.token]))


# --- Owner side ---------------------------------------------------------------------------------


@login_required
@require_GET
def code_list(request: AuthedRequest) -> HttpResponse:
    codes = (
        QuickConnectCode.objects.for_owner(request.user)
        .select_related("event")
        .with_submission_counts()
    )
    return render(request, "quickconnect/list.html", {"codes": codes, "now": timezone.now()})


@login_required
@require_http_methods(["GET", "POST"])
def code_create(request: AuthedRequest) -> HttpResponse:
    initial = {"event": request.GET.get("event")} if request.method == "GET" else None
    form = QuickConnectCodeForm(request.POST or None, owner=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        quick_code = form.save()
        return redirect_after_post(request, reverse("quickconnect:show", args=[quick_code.code]))
    return render_page(request, "quickconnect/form.html", {"form": form}, "code-form")


@login_required
@require_GET
def code_show(request: AuthedRequest, code) -> HttpResponse:
    """Full screen: a large QR code, the event and the short address, printable."""
    quick_code = get_code_for_user(request.user, code)
    context = {"quick_code": quick_code, "url": public_url(request, quick_code)}
    return render(request, "quickconnect/show.html", context)


@login_required
@require_GET
def code_image(request: AuthedRequest, code, fmt: str) -> HttpResponse:
    quick_code = get_code_for_user(request.user, code)
    if fmt not in ("svg", "png"):
        raise Http404("QR codes come as .svg or .png.")
    url = public_url(request, quick_code)
    body, content_type = (
        (qr.svg(url), "image/svg+xml") if fmt == "svg" else (qr.png(url), "image/png")
    )
    response = HttpResponse(body, content_type=content_type)
    if request.GET.get("download"):
        response["Content-Disposition"] = f'attachment; filename="quick-connect.{fmt}"'
    return response


@login_required
@require_GET
def code_count(request: AuthedRequest, code) -> HttpResponse:
    """The live submission count a code's row polls for."""
    quick_code = get_code_for_user(request.user, code)
    quick_code.submission_count = quick_code.submissions.count()
    return render(request, "quickconnect/list.html#count", {"c": quick_code})


@login_required
@require_POST
def code_revoke(request: AuthedRequest, code) -> HttpResponse:
    quick_code = get_code_for_user(request.user, code)
    services.revoke(quick_code)
    messages.success(request, f"Revoked the code for {quick_code.title}; its link stops working.")
    return redirect_after_post(request, reverse("quickconnect:list"))


@login_required
@require_POST
def code_extend(request: AuthedRequest, code) -> HttpResponse:
    quick_code = get_code_for_user(request.user, code)
    if quick_code.revoked_at:
        messages.error(request, "A revoked code cannot be extended; create a new one.")
    else:
        services.extend(quick_code)
        expiry = timezone.localtime(quick_code.expires_at)
        messages.success(request, f"The code now works until {expiry:%-d %b %Y, %H:%M}.")
    return redirect_after_post(request, reverse("quickconnect:list"))


@login_required
@require_GET
def notification_list(request: AuthedRequest) -> HttpResponse:
    notifications = Notification.objects.for_owner(request.user).select_related("contact")[:100]
    return render(request, "quickconnect/notifications.html", {"notifications": notifications})


@login_required
@require_POST
def notification_read(request: AuthedRequest, code) -> HttpResponse:
    notification = get_notification_for_user(request.user, code)
    Notification.objects.filter(pk=notification.pk, read_at=None).update(read_at=timezone.now())
    if request.POST.get("open") and notification.url:
        return redirect(notification.url)
    return redirect_after_post(request, reverse("quickconnect:notifications"))


@login_required
@require_POST
def notification_read_all(request: AuthedRequest) -> HttpResponse:
    Notification.objects.for_owner(request.user).unread().update(read_at=timezone.now())
    return redirect_after_post(request, reverse("quickconnect:notifications"))


@login_required
@require_http_methods(["GET", "POST"])
def event_list(request: AuthedRequest) -> HttpResponse:
    """Your events; a POST here adds one."""
    form = EventForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        event = form.save(commit=False)
        event.owner = request.user
        event.save()
        messages.success(request, f"Added the event {event.name}.")
        return redirect_after_post(request, reverse("quickconnect:event", args=[event.code]))
    events = (
        Event.objects.for_owner(request.user)
        .annotate(people=Count("contacts"))
        .order_by(*Event._meta.ordering)  # not applied to GROUP BY queries
    )
    return render(request, "quickconnect/events.html", {"events": events, "form": form})


@login_required
@require_GET
def event_detail(request: AuthedRequest, code) -> HttpResponse:
    """People met there, codes used there and their pending follow-ups."""
    event = get_event_for_user(request.user, code)
    people = event.contacts.filter(owner=request.user).prefetch_related("tags")
    follow_ups = (
        Reminder.objects.for_owner(request.user)
        .open()
        .filter(contact__events=event)
        .select_related("contact")
    )
    context = {
        "event": event,
        "people": people,
        "codes": event.quick_connect_codes.filter(owner=request.user).with_submission_counts(),
        "follow_ups": follow_ups,
        "form": ConferenceAddForm(),
    }
    return render(request, "quickconnect/event.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def conference_add(request: AuthedRequest, code) -> HttpResponse:
    """Conference mode: add someone yourself in ten seconds, then the form is ready again."""
    event = get_event_for_user(request.user, code)
    form = ConferenceAddForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        contact = services.conference_add(
            request.user,
            event,
            form.cleaned_data["name"],
            form.cleaned_data["note"],
            form.cleaned_data["tag_names"],
        )
        messages.success(request, f"Added {contact.name} from {event.name}.")
        return redirect("quickconnect:conference_add", code=event.code)
    recent = event.contacts.filter(owner=request.user).order_by("-created_at")[:5]
    context = {"event": event, "form": form, "recent": recent}
    return render_page(request, "quickconnect/conference_add.html", context, "add-form")


# --- Public side (the phone) --------------------------------------------------------------------


def _gone(request: HttpRequest, reason: str, owner_name: str = "") -> HttpResponse:
    context = {"reason": reason, "owner_name": owner_name}
    return render(request, "quickconnect/public_gone.html", context, status=410)


def _rate_limited(request: HttpRequest, token: str) -> bool:
    by_ip = is_ratelimited(
        request, group="quickconnect-ip", key="ip", rate=IP_RATE, method="POST", increment=True
    )
    by_code = is_ratelimited(
        request,
        group="quickconnect-code",
        key=lambda group, req: token[:10],
        rate=CODE_RATE,
        method="POST",
        increment=True,
    )
    return by_ip or by_code


@login_not_required
@never_cache
@require_http_methods(["GET", "POST"])
def public_form(request: HttpRequest, token: str) -> HttpResponse:
    """The page the QR code opens: who is asking, a privacy notice, and a short form."""
    try:
        quick_code = find_code_by_token(token)
    except QuickConnectCode.DoesNotExist as exc:
        raise Http404("No such Quick Connect code.") from exc
    owner_name = quick_code.owner.public_name
    if reason := quick_code.unusable_reason():
        if request.method == "POST" and _already_sent(quick_code, request.POST.get("form_id")):
            return redirect("quickconnect:thanks", token=token)  # a double tap on the last use
        return _gone(request, reason, owner_name)
    if request.method == "POST" and _rate_limited(request, token):
        log_refusal(log, "Quick Connect form", request)
        return render(request, "quickconnect/public_limited.html", status=429)
    initial = {"form_id": uuid.uuid4()}
    form = PublicContactForm(request.POST or None, initial=initial)
    notice = ""
    if request.method == "POST" and request.POST.get("action") == "github":
        form, notice = _prefill_from_github(request)
    elif request.method == "POST" and form.is_bot:
        return redirect("quickconnect:thanks", token=token)  # honeypot: drop silently
    elif request.method == "POST" and form.is_valid():
        try:
            services.submit(quick_code, form.cleaned_data["form_id"], form.cleaned_data)
        except services.CodeUnavailable:
            quick_code.refresh_from_db()
            return _gone(request, quick_code.unusable_reason() or "expired", owner_name)
        return redirect("quickconnect:thanks", token=token)
    context = {"quick_code": quick_code, "owner_name": owner_name, "form": form, "notice": notice}
    return render(request, "quickconnect/public_form.html", context)


def _already_sent(quick_code: QuickConnectCode, form_id: str | None) -> bool:
    try:
        return quick_code.submissions.filter(form_id=uuid.UUID(form_id or "")).exists()
    except ValueError:
        return False


def _prefill_from_github(request: HttpRequest) -> tuple[PublicContactForm, str]:
    """Re-show the form filled from the public GitHub profile; what was typed wins."""
    data = request.POST.copy()
    username = data.get("github_username", "")
    try:
        profile = github.fetch_profile(username)
    except github.GitHubError as exc:
        return PublicContactForm(initial=_typed(data)), str(exc)
    prefill = {
        "name": profile.name,
        "github_username": profile.login,
        "about": profile.bio,
        "company": profile.company,
        "location": profile.location,
        "website_url": profile.blog,
    }
    typed = _typed(data)
    merged = {**prefill, **{k: v for k, v in typed.items() if v}}
    notice = f"Filled in from GitHub ({profile.login}). Check the details, then send."
    return PublicContactForm(initial=merged), notice


def _typed(data) -> dict:
    """What the person already typed, cut to each field's length, with a form id kept."""
    fields = PublicContactForm.base_fields
    typed = {
        name: data.get(name, "")[: getattr(field, "max_length", None) or 1000]
        for name, field in fields.items()
        if name not in ("consent", "website")
    }
    try:
        typed["form_id"] = uuid.UUID(typed["form_id"])
    except ValueError:
        typed["form_id"] = uuid.uuid4()
    return typed


@login_not_required
@require_GET
def public_thanks(request: HttpRequest, token: str) -> HttpResponse:
    try:
        quick_code = find_code_by_token(token)
    except QuickConnectCode.DoesNotExist as exc:
        raise Http404("No such Quick Connect code.") from exc
    owner_name = quick_code.owner.public_name
    return render(request, "quickconnect/public_thanks.html", {"owner_name": owner_name})
