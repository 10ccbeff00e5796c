from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from devhub.lib.http import AuthedRequest
from devhub.lib.views import confirm_delete, redirect_after_post, render_page
from webhooks import services
from webhooks.forms import HookForm
from webhooks.models import Hook, get_delivery_for_user, get_hook_for_user

DELIVERIES_PER_PAGE = 20


@login_required
@require_GET
def index(request: AuthedRequest) -> HttpResponse:
    hooks = Hook.objects.for_owner(request.user)
    return render(request, "webhooks/index.html", {"hooks": hooks})


@login_required
@require_GET
def detail(request: AuthedRequest, code) -> HttpResponse:
    """A hook, its signing secret and its recent deliveries (pages of them swap in by HTMX)."""
    hook = get_hook_for_user(request.user, code)
    deliveries = hook.deliveries.all()
    context = {
        "hook": hook,
        "page": Paginator(deliveries, DELIVERIES_PER_PAGE).get_page(request.GET.get("page")),
        "query": "",
    }
    return render_page(request, "webhooks/detail.html", context, "results")


def _form_page(request: AuthedRequest, form: HookForm, hook: Hook | None) -> HttpResponse:
    status = 422 if form.errors else 200
    context = {"form": form, "hook": hook}
    return render_page(request, "webhooks/form.html", context, "hook_form", status=status)


@login_required
@require_http_methods(["GET", "POST"])
def create(request: AuthedRequest) -> HttpResponse:
    form = HookForm(request.POST or None)
    if request.method == "GET" or not form.is_valid():
        return _form_page(request, form, None)
    hook = form.save(commit=False)
    hook.owner = request.user
    services.save_hook(hook)
    messages.success(request, "Webhook added. Use its secret to check that events come from us.")
    return redirect_after_post(request, reverse("webhooks:detail", args=[hook.code]))


@login_required
@require_http_methods(["GET", "POST"])
def edit(request: AuthedRequest, code) -> HttpResponse:
    hook = get_hook_for_user(request.user, code)
    form = HookForm(request.POST or None, instance=hook)
    if request.method == "GET" or not form.is_valid():
        return _form_page(request, form, hook)
    services.save_hook(form.save(commit=False))
    messages.success(request, "Webhook saved.")
    return redirect_after_post(request, reverse("webhooks:detail", args=[hook.code]))


@login_required
@require_http_methods(["GET", "POST"])
def delete(request: AuthedRequest, code) -> HttpResponse:
    hook = get_hook_for_user(request.user, code)
    if request.method == "GET":
        return confirm_delete(
            request,
            title="Delete this webhook?",
            consequence=f"{hook.url} gets no more events, and its delivery log is deleted.",
            cancel_url=reverse("webhooks:detail", args=[hook.code]),
        )
    services.delete_hook(hook)
    messages.success(request, "Webhook deleted.")
    return redirect_after_post(request, reverse("webhooks:index"))


@login_required
@require_http_methods(["GET", "POST"])
def rotate_secret(request: AuthedRequest, code) -> HttpResponse:
    hook = get_hook_for_user(request.user, code)
    if request.method == "GET":
        return confirm_delete(
            request,
            title="Make a new secret?",
            consequence="Events are signed with the new secret from now on; a receiver that "
            "checks signatures with the old one rejects them until you give it the new one.",
            cancel_url=reverse("webhooks:detail", args=[hook.code]),
            action="Make a new secret",
            danger=False,
        )
    services.rotate_secret(hook)
    messages.success(request, "New secret made. Give it to your receiver.")
    return redirect_after_post(request, reverse("webhooks:detail", args=[hook.code]))


@login_required
@require_POST
def send_test(request: AuthedRequest, code) -> HttpResponse:
    hook = get_hook_for_user(request.user, code)
    services.send_test(hook)
    messages.success(request, "Test event queued; it is sent within a minute.")
    return redirect_after_post(request, reverse("webhooks:detail", args=[hook.code]))


@login_required
@require_POST
def enable(request: AuthedRequest, code) -> HttpResponse:
    hook = get_hook_for_user(request.user, code)
    services.enable(hook)
    messages.success(request, "Webhook enabled again; new events are sent to it.")
    return redirect_after_post(request, reverse("webhooks:detail", args=[hook.code]))


@login_required
@require_POST
def redeliver(request: AuthedRequest, code) -> HttpResponse:
    delivery = get_delivery_for_user(request.user, code)
    services.redeliver(delivery)
    messages.success(request, "Queued to be sent again within a minute.")
    return redirect_after_post(request, reverse("webhooks:detail", args=[delivery.hook.code]))
