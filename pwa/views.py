"""The installable app: its manifest and service worker (from the site root, so the worker's
scope is the whole site), the pages the worker keeps for when there is no connection, and the
endpoints it sends entries captured offline to.

The kept pages are shells: the same for everyone, no user data, so a browser shared by two
people never shows one the other's. The worker fetches them without cookies."""

import hashlib

from django.contrib.auth.decorators import login_not_required, login_required
from django.db import IntegrityError
from django.http import HttpResponse, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from contacts.models import Contact
from devhub.lib.http import AuthedRequest
from interactions import services as interaction_services
from interactions.models import BUILTIN_TYPES, Interaction
from pwa.account import account_marker
from pwa.forms import QueuedContactForm, QueuedInteractionForm

# What the offline pages need, kept by the worker when it installs.
PRECACHED_STATIC = [
    "css/app.css",
    "js/theme.js",
    "js/pwa.js",
    "js/pwa-queue.js",
    "js/pwa-capture.js",
    "favicon.svg",
    "icons/icon-192.png",
]
VERSION_PLACEHOLDER = "__VERSION__"
# Light and dark themes' page background (DaisyUI's base-100), for the phone's status bar.
THEME_COLOURS = {"light": "#ffffff", "dark": "#1d232a"}
BRAND_COLOUR = "#4f46e5"


@login_not_required
@never_cache
@require_GET
def service_worker(request):
    """The service worker, never cached by the browser's HTTP cache, so a new version is picked
    up on the next visit. Its version is a hash of what it is (the hashed static names
    included), so a new deploy gets new cache names and the old caches are deleted."""
    context = {
        "version": VERSION_PLACEHOLDER,
        "precache": [reverse("pwa:offline"), reverse("pwa:capture")]
        + [static(path) for path in PRECACHED_STATIC],
    }
    body = render_to_string("pwa/sw.js", context, request=None)
    version = hashlib.sha256(body.encode()).hexdigest()[:12]
    body = body.replace(VERSION_PLACEHOLDER, version)
    return HttpResponse(body, content_type="text/javascript; charset=utf-8")


@login_not_required
@require_GET
def manifest(request):
    """The web app manifest: what a phone needs to install the site as an app."""
    icon = {"type": "image/png", "purpose": "any"}
    data = {
        "id": "/",
        "name": "DevHub CRM",
        "short_name": "DevHub",
        "description": "Your developer network: contacts, interactions and reminders.",
        "start_url": reverse("home"),
        "scope": "/",
        "display": "standalone",
        "background_color": THEME_COLOURS["light"],
        "theme_color": BRAND_COLOUR,
        "icons": [
            {**icon, "src": static("icons/icon-192.png"), "sizes": "192x192"},
            {**icon, "src": static("icons/icon-512.png"), "sizes": "512x512"},
            {
                "src": static("icons/maskable-512.png"),
                "sizes": "512x512",
                "type": "image/png",
                "purpose": "maskable",
            },
        ],
        "shortcuts": [
            {"name": "Log an interaction", "url": reverse("pwa:capture") + "#log-interaction"},
            {"name": "New contact", "url": reverse("contacts:create")},
            {"name": "Quick Connect", "url": reverse("quickconnect:list")},
        ],
    }
    response = JsonResponse(data, content_type="application/manifest+json")
    response["Cache-Control"] = "public, max-age=3600"
    return response


@login_not_required
@require_GET
def offline(request):
    """What a page opened without a connection shows."""
    return render(request, "pwa/offline.html")


@login_not_required
@require_GET
def capture(request):
    """New contact and log an interaction, with or without a connection: entries wait on the
    phone (IndexedDB) and the service worker sends them. A shell; the page reads the queue."""
    types = list(BUILTIN_TYPES.items())
    return render(request, "pwa/capture.html", {"types": types})


@login_required
@never_cache
@require_GET
def session(request: AuthedRequest):
    """What the worker needs before it sends: a CSRF token, and which account is signed in
    (it sends only that account's entries). Same-origin only, like any JSON here."""
    return JsonResponse({"csrf": get_token(request), "account": account_marker(request.user)})


def _refused(form, message: str, status: int = 422) -> JsonResponse:
    """The entry comes back to the phone with why, so it can be corrected, not lost."""
    errors = {name: list(messages) for name, messages in form.errors.items()} if form else {}
    first = next((messages[0] for messages in errors.values()), message)
    return JsonResponse({"message": first, "errors": errors}, status=status)


def _other_account(request: AuthedRequest) -> JsonResponse | None:
    if request.POST.get("account") != account_marker(request.user):
        return _refused(
            None,
            "This was captured while another account was signed in on this device; "
            "sign in as that account to send it.",
            status=409,
        )
    return None


def _already_sent(model, request: AuthedRequest, client_id):
    """The row a copy of the entry sent at the same moment made (the database's one-per-owner
    rule refused this copy); any other refusal is not this one's to hide."""
    row = model.objects.filter(owner=request.user, client_id=client_id).first()
    if row is None:
        raise IntegrityError(f"{model.__name__} {client_id} was refused, and none exists")
    return row


def _sent(created: bool, message: str, url: str) -> JsonResponse:
    return JsonResponse(
        {"created": created, "message": message, "url": url}, status=201 if created else 200
    )


@login_required
@require_POST
def send_contact(request: AuthedRequest):
    if refused := _other_account(request):
        return refused
    form = QueuedContactForm(request.POST, owner=request.user)
    if not form.is_valid():
        return _refused(form, "The contact was not added.")
    try:
        contact = form.save()
    except IntegrityError:  # the same entry, sent at the same moment by another tab
        contact = _already_sent(Contact, request, form.instance.client_id)
    created = contact is form.instance
    verb = "Added" if created else "Already added"
    url = reverse("contacts:detail", args=[contact.code])
    return _sent(created, f"{verb} {contact.name}.", url)


@login_required
@require_POST
def send_interaction(request: AuthedRequest):
    if refused := _other_account(request):
        return refused
    form = QueuedInteractionForm(request.POST, owner=request.user)
    if not form.is_valid():
        return _refused(form, "The interaction was not logged.")
    built = form.build()
    try:
        interaction = interaction_services.log_interaction(built)
    except IntegrityError:
        interaction = _already_sent(Interaction, request, built.client_id)
    created = interaction is built
    verb = "Logged" if created else "Already logged"
    contact = interaction.contact
    url = reverse("contacts:detail", args=[contact.code]) + "#timeline"
    return _sent(created, f"{verb} a {interaction.type} with {contact.name}.", url)
