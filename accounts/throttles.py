"""Limits on the public account forms: accounts created per address, and password-reset e-mails
asked for per address and per e-mail address.

They count in the shared cache (django-ratelimit), so every worker counts together, and only
submissions that would do something: a mistyped form costs nothing. The refusal is the same
"Too many attempts" page as Quick Connect's, with how long to wait.
"""

import logging
import math

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django_ratelimit.core import get_usage

from devhub.lib.client_ip import log_refusal

log = logging.getLogger(__name__)


def _wait(request: HttpRequest, group: str, rate: str, key) -> int:
    """Count this submission; the seconds until the window ends when it is over the rate."""
    usage = get_usage(request, group=group, key=key, rate=rate, method="POST", increment=True)
    if usage is None or not usage["should_limit"]:
        return 0
    return max(usage["time_left"], 1)


def signup_wait(request: HttpRequest) -> int:
    return _wait(request, "signup-ip", settings.SIGNUP_RATE_PER_IP, "ip")


def password_reset_wait(request: HttpRequest, email: str) -> tuple[int, str]:
    """(seconds, refusal kind), or (0, "") to go ahead: per address first, then per e-mail."""
    if wait := _wait(request, "password-reset-ip", settings.PASSWORD_RESET_RATE_PER_IP, "ip"):
        return wait, "reset-ip"
    by_email = _wait(
        request,
        "password-reset-email",
        settings.PASSWORD_RESET_RATE_PER_EMAIL,
        lambda group, request: email.strip().casefold(),
    )
    return by_email, "reset-email" if by_email else ""


# What each refusal is about: the label in the log, and the page's sentence.
REFUSALS = {
    "signup": (
        "Sign-up",
        "Too many accounts were created from here in a short time, so this one was not.",
    ),
    "reset-ip": (
        "Password reset",
        "Too many password reset e-mails were asked for from here in a short time, "
        "so no new one was sent.",
    ),
    "reset-email": (
        "Password reset for one address",
        "Too many password reset e-mails were asked for this address in a short time, "
        "so no new one was sent. The links already sent still work.",
    ),
}


def refused(request: HttpRequest, wait: int, kind: str) -> HttpResponse:
    """429 with the page every limit uses; Retry-After says when to come back."""
    label, sentence = REFUSALS[kind]
    log_refusal(log, label, request)
    context = {"sentence": sentence, "minutes": math.ceil(wait / 60)}
    response = render(request, "accounts/throttled.html", context, status=429)
    response["Retry-After"] = str(wait)
    return response
