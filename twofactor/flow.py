"""The log-in steps kept in the session: a password-checked user waiting for a second factor,
the last time the user proved who they are, and the passkey challenge being answered."""

import base64
import time

from django.contrib import auth
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_login_failed
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from accounts import login_limit
from devhub.lib.client_ip import client_ip

PENDING = "twofactor_pending"
REAUTH = "twofactor_reauth_at"
CHALLENGE = "twofactor_challenge"
PENDING_SECONDS = 5 * 60
REAUTH_SECONDS = 5 * 60
# Wrong codes in one second step before the password is asked again. Each also counts as a
# failed log-in for django-axes, so a run of them across several password steps locks out.
MAX_WRONG_CODES = 3
PASSWORD_BACKEND = "accounts.backends.LoginLimitBackend"


def start(request: HttpRequest, user, next_url: str) -> HttpResponse:
    """After a right password: remember who is half logged in and ask for the second factor."""
    request.session[PENDING] = {
        "user_id": user.pk,
        "at": time.time(),
        "backend": getattr(user, "backend", PASSWORD_BACKEND),
        "next": next_url,
        "wrong": 0,
    }
    url = reverse("twofactor:verify")
    return redirect(f"{url}?{urlencode({'next': next_url})}" if next_url else url)


def pending_user(request: HttpRequest):
    """The user waiting for a second factor, or None (none, or older than five minutes)."""
    pending = request.session.get(PENDING)
    if not isinstance(pending, dict):
        return None
    if time.time() - pending.get("at", 0) > PENDING_SECONDS:
        request.session.pop(PENDING, None)
        return None
    return get_user_model().objects.filter(pk=pending.get("user_id"), is_active=True).first()


def pending_next(request: HttpRequest) -> str:
    pending = request.session.get(PENDING) or {}
    return pending.get("next", "")


def wrong_code(request: HttpRequest, user) -> bool:
    """Count a wrong code (django-axes and the per-username limit see it as a failed log-in);
    True when too many were wrong and the password step must be done again."""
    pending = request.session.get(PENDING) or {}
    pending["wrong"] = pending.get("wrong", 0) + 1
    request.session[PENDING] = pending
    login_limit.record_failure(user.username, client_ip(request))
    user_login_failed.send(
        sender=__name__, credentials={"username": user.username}, request=request
    )
    if pending["wrong"] >= MAX_WRONG_CODES:
        request.session.pop(PENDING, None)
        return True
    return False


def finish(request: HttpRequest, user, method: str, backend: str | None = None) -> None:
    """Log the user in once every factor is checked (the security log's entry names `method`)."""
    pending = request.session.pop(PENDING, None) or {}
    request.session.pop(CHALLENGE, None)
    request.login_method = method  # read by security.services.logged_in
    auth.login(request, user, backend=backend or pending.get("backend") or PASSWORD_BACKEND)
    mark_fresh(request)


def mark_fresh(request: HttpRequest) -> None:
    request.session[REAUTH] = time.time()


def is_fresh(request: HttpRequest) -> bool:
    at = request.session.get(REAUTH)
    return isinstance(at, int | float) and time.time() - at <= REAUTH_SECONDS


def reauth_redirect(request: HttpRequest, next_url: str = "") -> HttpResponse:
    """To "Confirm it's you", coming back to next_url (by default the page asked for)."""
    query = urlencode({"next": next_url or request.path})
    return redirect(f"{reverse('twofactor:reauth')}?{query}")


def keep_challenge(request: HttpRequest, purpose: str, challenge: bytes) -> None:
    request.session[CHALLENGE] = {
        "purpose": purpose,
        "challenge": base64.b64encode(challenge).decode(),
        "at": time.time(),
    }


def take_challenge(request: HttpRequest, purpose: str) -> bytes | None:
    """The challenge issued for `purpose`, usable once and for five minutes."""
    kept = request.session.pop(CHALLENGE, None)
    if not isinstance(kept, dict) or kept.get("purpose") != purpose:
        return None
    if time.time() - kept.get("at", 0) > PENDING_SECONDS:
        return None
    return base64.b64decode(kept["challenge"])
