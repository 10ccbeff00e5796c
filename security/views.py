from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from devhub.lib.http import AuthedRequest
from devhub.lib.views import confirm_delete, render_page
from push.models import PushSubscription
from security import services
from security.forms import NotifyForm
from security.models import Event, get_login_session_for_user

EVENTS_PER_PAGE = 25


@login_required
@require_GET
def index(request: AuthedRequest) -> HttpResponse:
    """The account's logged-in browsers, push devices, new-device e-mail and security log."""
    events = Event.objects.filter(user=request.user)
    context = {
        "sessions": services.active_sessions(request.user),
        "current_key": request.session.session_key,
        "push_devices": PushSubscription.objects.for_owner(request.user),
        "notify_form": NotifyForm(initial={"notify_new_device": request.user.notify_new_device}),
        "page": Paginator(events, EVENTS_PER_PAGE).get_page(request.GET.get("page")),
        "query": "",
    }
    return render_page(request, "security/index.html", context, "results")


def _back(request: AuthedRequest, text: str, level: int = messages.SUCCESS) -> HttpResponse:
    messages.add_message(request, level, text)
    return redirect("security:index")


def _confirm(request: AuthedRequest, title: str, consequence: str, action: str) -> HttpResponse:
    return confirm_delete(
        request,
        title=title,
        consequence=consequence,
        cancel_url=reverse("security:index"),
        action=action,
    )


@login_required
@require_http_methods(["GET", "POST"])
def revoke(request: AuthedRequest, code) -> HttpResponse:
    row = get_login_session_for_user(request.user, code)
    device = row.device or "that browser"
    if request.method == "GET":
        return _confirm(
            request,
            f"Log out {device}?",
            "Whoever uses it has to log in again with your password.",
            "Log out",
        )
    services.revoke(row, request)
    return _back(request, f"Logged out {device}.")


@login_required
@require_http_methods(["GET", "POST"])
def revoke_others(request: AuthedRequest) -> HttpResponse:
    if request.method == "GET":
        return _confirm(
            request,
            "Log out everywhere else?",
            "Every other browser logged in to your account has to log in again; this one stays.",
            "Log out everywhere else",
        )
    count = services.revoke_others(request.user, request.session.session_key, request)
    if not count:
        return _back(request, "No other browser was logged in.", messages.INFO)
    return _back(request, f"Logged out {count} other browser{'' if count == 1 else 's'}.")


@login_required
@require_POST
def notify(request: AuthedRequest) -> HttpResponse:
    form = NotifyForm(request.POST)
    if not form.is_valid():  # a checkbox: only a broken request gets here
        return _back(request, "The setting was not saved; please try again.", messages.ERROR)
    on = form.cleaned_data["notify_new_device"]
    services.set_notify_new_device(request.user, on)
    if on:
        return _back(request, "You get an e-mail when your account is used on a new device.")
    return _back(request, "You no longer get e-mails about log-ins from new devices.")
