from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from devhub.lib.http import AuthedRequest, is_htmx_fragment, safe_next
from devhub.lib.views import confirm_delete
from push import services
from push.forms import SubscriptionForm
from push.models import PushSubscription, get_subscription_for_user

SECTION = "push/settings_section.html"


def _devices(request: AuthedRequest, status: int = 200, **extra) -> HttpResponse:
    """The section's device list: the HTMX answer after any change."""
    devices = PushSubscription.objects.for_owner(request.user)
    context = {"push_devices": devices, **extra}
    return render(request, f"{SECTION}#devices", context, status=status)


def _back(request: AuthedRequest, level: int, text: str) -> HttpResponse:
    """To the page the change was made from (`next`: the Security page lists the devices too),
    else the settings page's push section."""
    messages.add_message(request, level, text)
    return redirect(_from(request))


def _from(request: AuthedRequest) -> str:
    return safe_next(request) or reverse("reminders:preferences") + "#push"


@login_required
@require_POST
def subscribe(request: AuthedRequest) -> HttpResponse:
    """Turn push reminders on for the browser that posts its subscription (static/js/push.js)."""
    form = SubscriptionForm(request.POST)
    if not form.is_valid():
        if is_htmx_fragment(request):
            return _devices(request, status=400, push_form=form)
        return render(request, "push/subscribe_refused.html", {"form": form}, status=400)
    subscription = services.subscribe(
        request.user, user_agent=request.headers.get("User-Agent", ""), **form.cleaned_data
    )
    text = f"Push reminders are on for {subscription.device}."
    if is_htmx_fragment(request):
        return _devices(request, push_note=text)
    return _back(request, messages.SUCCESS, text)


@login_required
@require_http_methods(["GET", "POST"])
def remove(request: AuthedRequest, code) -> HttpResponse:
    subscription = get_subscription_for_user(request.user, code)
    if request.method == "GET":
        return confirm_delete(
            request,
            title=f"Remove {subscription.device or 'this device'}?",
            consequence="It gets no more push reminders until push is turned on in it again.",
            cancel_url=_from(request),
        )
    services.remove_subscription(subscription)
    text = f"Removed {subscription.device or 'the device'}: it gets no more push reminders."
    if is_htmx_fragment(request):
        return _devices(request, push_note=text)
    return _back(request, messages.SUCCESS, text)


@login_required
@require_POST
def send_test(request: AuthedRequest) -> HttpResponse:
    result = services.send_test(request.user)
    level, text = test_outcome(result)
    if is_htmx_fragment(request):
        return _devices(request, push_note=text)
    return _back(request, level, text)


def test_outcome(result: services.PushResult) -> tuple[int, str]:
    if not (result.sent or result.failed or result.gone):
        return messages.ERROR, "No device has push reminders on: turn them on first."
    parts = []
    if result.sent:
        parts.append(f"Sent a test notification to {plural(result.sent, 'device')}.")
    if result.failed:
        parts.append(f"{plural(result.failed, 'device')} could not be reached (see the list).")
    if result.gone:
        parts.append(f"Removed {plural(result.gone, 'device')} that turned push off.")
    return (messages.SUCCESS if result.sent else messages.ERROR), " ".join(parts)


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"
