"""The per-username limit: many failed log-ins for one account, from any addresses, slow down
whoever tries it from an address the owner has never logged in from.

django-axes locks one (username, address) pair after a few failures, which a guesser with many
addresses walks around. So failures are also counted per account. After
LOGIN_USERNAME_FAILURE_LIMIT of them in one run, every further failure pauses the account for
addresses it has not been used from: one minute, then twice as long after each further failure,
up to LOGIN_USERNAME_MAX_DELAY_MINUTES. While paused such an address gets a clear page, and its
password is not checked at all. Addresses the owner has logged in from before (KnownAddress) are
never paused, so a stranger cannot lock the owner out; and the password reset by e-mail works
whatever happens here, and makes the address it is used from a known one. The owner gets one
e-mail when a run first pauses the account. A run ends after LOGIN_USERNAME_WINDOW_MINUTES
without a failure (counted from the end of the last pause).
"""

import datetime as dt
import ipaddress
import logging
import math

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from accounts.models import FailedLogins, KnownAddress, User

log = logging.getLogger(__name__)

FIRST_DELAY = dt.timedelta(minutes=1)


def address_key(ip: str) -> str | None:
    """How an address is remembered: as is, or for IPv6 its /64 network (None if not an IP)."""
    try:
        address = ipaddress.ip_address(ip)
    except ValueError:
        return None
    if address.version == 6:
        return str(ipaddress.ip_network(f"{address}/64", strict=False).network_address)
    return str(address)


def delay(failures: int) -> dt.timedelta:
    """The pause after the run's `failures`-th failure (none below the limit)."""
    over = failures - settings.LOGIN_USERNAME_FAILURE_LIMIT
    if over < 0:
        return dt.timedelta(0)
    longest = dt.timedelta(minutes=settings.LOGIN_USERNAME_MAX_DELAY_MINUTES)
    return min(FIRST_DELAY * 2 ** min(over, 20), longest)


def wait_for(username: str, ip: str) -> dt.timedelta | None:
    """How long this address must still wait before it may try this account's password."""
    now = timezone.now()
    row = FailedLogins.objects.filter(username=username, paused_until__gt=now).first()
    if row is None or is_known(username, ip):
        return None
    return row.paused_until - now


def is_known(username: str, ip: str) -> bool:
    key = address_key(ip)
    return key is not None and KnownAddress.objects.filter(username=username, address=key).exists()


def remember_address(user: User, ip: str) -> None:
    """The owner was here: a successful log-in, sign-up or password reset from this address."""
    if (key := address_key(ip)) is not None:
        KnownAddress.objects.update_or_create(
            username=user.get_username(), address=key, defaults={"last_seen_at": timezone.now()}
        )


def forget(username: str) -> None:
    """Drop what was recorded for a username whose account is deleted or new, so a later
    account of that name starts with no known addresses and no failures."""
    FailedLogins.objects.filter(username=username).delete()
    KnownAddress.objects.filter(username=username).delete()


def record_failure(username: str, ip: str) -> None:
    """A wrong password for this username (from any address); may start or lengthen a pause."""
    user = User.objects.filter(username=username).only("pk", "username", "email").first()
    if user is None:
        return  # no account to protect; axes still limits the (username, address) pair
    now = timezone.now()
    window = dt.timedelta(minutes=settings.LOGIN_USERNAME_WINDOW_MINUTES)
    with transaction.atomic():
        row, _ = FailedLogins.objects.select_for_update().get_or_create(username=username)
        quiet_since = max(filter(None, [row.last_failure_at, row.paused_until]), default=None)
        if quiet_since is None or now - quiet_since > window:
            row.count, row.paused_until, row.owner_warned_at = 0, None, None  # a new run
        row.count += 1
        row.last_failure_at = now
        warn = False
        if pause := delay(row.count):
            row.paused_until = now + pause
            warn = row.owner_warned_at is None
            row.owner_warned_at = row.owner_warned_at or now
        row.save()
    if pause:
        log.warning(
            "Log-ins to %s from new addresses paused for %s after %d failures (last from %s)",
            username,
            pause,
            row.count,
            ip,
        )
    if warn and user.email:
        _warn_owner(user, row.count)


def _warn_owner(user: User, failures: int) -> None:
    context = {
        "user": user,
        "failures": failures,
        "reset_url": settings.SITE_URL + reverse("accounts:password_reset"),
    }
    subject = render_to_string("accounts/email/login_limit_subject.txt", context).strip()
    body = render_to_string("accounts/email/login_limit.txt", context)
    try:
        send_mail(subject, body, None, [user.email])
    except Exception:  # a mail outage must not turn a refused log-in into an error page
        log.exception("Could not warn %s about failed log-ins", user.username)


def paused_response(request: HttpRequest, wait: dt.timedelta) -> HttpResponse:
    """The page for an attempt that was not let near the password (429, with Retry-After)."""
    seconds = max(math.ceil(wait.total_seconds()), 1)
    context = {"minutes": math.ceil(seconds / 60)}
    response = render(request, "accounts/login_paused.html", context, status=429)
    response["Retry-After"] = str(seconds)
    return response
