"""Writing to the security log, and the account's logged-in sessions and known devices.

Every part of the product that does something security-relevant calls `record`. The sessions
listed on the Security page are rows kept beside the session store (LoginSession); revoking one
deletes it from the store, which is what logs that browser out."""

import datetime as dt
import ipaddress
import logging
from importlib import import_module

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends.base import SessionBase
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from devhub.lib.client_ip import client_ip
from security.devices import device_label, fingerprint
from security.models import Event, KnownDevice, LoginSession

log = logging.getLogger(__name__)

# When this session last told its row it was in use (a timestamp in the session itself), so
# a request writes last_seen_at at most once every SEEN_EVERY.
LAST_SEEN = "_security_last_seen"
SEEN_EVERY = dt.timedelta(minutes=5)


def record(user, kind: str, request: HttpRequest | None = None, **details) -> Event:
    """Log `kind` (an Event.Kind) for `user` (None when unknown, e.g. a failed log-in for a name
    that is not an account: then pass `username=`), with the request's address and browser."""
    username = details.pop("username", "") or getattr(user, "username", "")
    ip, agent = None, ""
    if request is not None:
        ip = _address(client_ip(request))
        agent = request.META.get("HTTP_USER_AGENT", "")[:300]
    return Event.objects.create(
        user=user if getattr(user, "pk", None) else None,
        username=username[:150],
        kind=kind,
        ip=ip,
        user_agent=agent,
        details=details,
    )


def _address(text: str) -> str | None:
    try:
        return str(ipaddress.ip_address(text))
    except ValueError:
        return None  # not an address (a test client, a broken proxy): logged without one


# --- Sessions ------------------------------------------------------------------------------


def session_store(session_key: str | None = None) -> SessionBase:
    return import_module(settings.SESSION_ENGINE).SessionStore(session_key)


def logged_in(request: HttpRequest, user) -> None:
    """A log-in: the log, the session's row, and the owner's e-mail if the device is new."""
    label = device_label(request.META.get("HTTP_USER_AGENT", ""))
    method = getattr(request, "login_method", "password")  # twofactor.flow names the others
    record(user, Event.Kind.LOGIN, request, device=label, method=method)
    if getattr(request, "session", None) is not None:
        track_session(request, user)
    if remember_device(user, label):
        record(user, Event.Kind.NEW_DEVICE, request, device=label)
        if user.notify_new_device and user.email:
            _mail_new_device(user, label, _address(client_ip(request)))


def track_session(request: HttpRequest, user) -> LoginSession:
    """The row of the request's session (made or refreshed), marked as seen now."""
    session = request.session
    if session.session_key is None:
        session.save()  # log-in flushed a session of another account: it has no key yet
    agent = request.META.get("HTTP_USER_AGENT", "")[:300]
    now = timezone.now()
    row, _ = LoginSession.objects.update_or_create(
        session_key=session.session_key,
        defaults={
            "user": user,
            "user_agent": agent,
            "device": device_label(agent),
            "ip": _address(client_ip(request)),
            "last_seen_at": now,
        },
    )
    session[LAST_SEEN] = now.timestamp()
    return row


def seen(request: HttpRequest) -> None:
    """A request of a logged-in session: its row's last_seen_at, written once per SEEN_EVERY.
    A session logged in before rows were kept gets one now."""
    session = request.session
    now = timezone.now()
    last = session.get(LAST_SEEN)
    if isinstance(last, int | float) and 0 <= now.timestamp() - last < SEEN_EVERY.total_seconds():
        return
    if session.session_key is None:
        return
    if LoginSession.objects.filter(session_key=session.session_key).update(last_seen_at=now):
        session[LAST_SEEN] = now.timestamp()
    else:
        track_session(request, request.user)


def logged_out(request: HttpRequest, user) -> None:
    if user is not None and getattr(user, "pk", None):
        record(user, Event.Kind.LOGOUT, request)
    session = getattr(request, "session", None)
    if session is not None and session.session_key:
        LoginSession.objects.filter(session_key=session.session_key).delete()


def is_alive(row: LoginSession) -> bool:
    """Whether the row's session is still in the store, unexpired, logged in to its user."""
    data = session_store(row.session_key).load()
    return data.get(SESSION_KEY) == str(row.user_id)


def active_sessions(user) -> list[LoginSession]:
    """The account's sessions, most recently used first; rows of expired ones are dropped."""
    rows = list(LoginSession.objects.for_owner(user))
    alive = [row for row in rows if is_alive(row)]
    if dead := [row.pk for row in rows if row not in alive]:
        LoginSession.objects.filter(pk__in=dead).delete()
    return alive


def revoke(row: LoginSession, request: HttpRequest | None = None) -> None:
    """Log that browser out: its session leaves the store, so its next request is anonymous."""
    session_store(row.session_key).delete(row.session_key)
    row.delete()
    if request is not None:
        record(row.user, Event.Kind.SESSION_REVOKED, request, device=row.device)


def revoke_others(user, keep_key: str | None, request: HttpRequest | None = None) -> int:
    """Log out every session of the account but `keep_key` (the one asking); how many."""
    others = list(LoginSession.objects.for_owner(user).exclude(session_key=keep_key or ""))
    for row in others:
        revoke(row, request)
    return len(others)


def password_changed(request: HttpRequest, user, old_key: str | None) -> None:
    """After the owner changed the password here (Django gave this session a new key and
    invalidated every other one): this row follows the key, the others go with their sessions."""
    new_key = request.session.session_key
    if old_key and new_key and old_key != new_key:
        LoginSession.objects.filter(session_key=old_key, user=user).update(session_key=new_key)
    revoke_others(user, new_key)
    record(user, Event.Kind.PASSWORD_CHANGED, request)


def password_reset(request: HttpRequest, user) -> None:
    """After a password reset by e-mail: every session of the account was invalidated."""
    revoke_others(user, None)
    record(user, Event.Kind.PASSWORD_RESET, request)


# --- Known devices -------------------------------------------------------------------------


def remember_device(user, label: str) -> bool:
    """Remember a device the account logged in from; True when it is new for an account that
    already had others (the very first one, at sign-up, is just remembered)."""
    key = fingerprint(label)
    now = timezone.now()
    if KnownDevice.objects.filter(user=user, fingerprint=key).update(last_seen_at=now):
        return False
    had_others = KnownDevice.objects.filter(user=user).exists()
    try:
        with transaction.atomic():
            KnownDevice.objects.create(user=user, fingerprint=key)
    except IntegrityError:
        return False  # a log-in from the same device at the same moment remembered it
    return had_others


def _mail_new_device(user, label: str, ip: str | None) -> None:
    context = {
        "user": user,
        "device": label,
        "ip": ip or "unknown",
        "when": timezone.localtime(timezone.now(), user.zone),
        "security_url": settings.SITE_URL + reverse("security:index"),
    }
    subject = render_to_string("security/email/new_device_subject.txt", context).strip()
    body = render_to_string("security/email/new_device.txt", context)
    try:
        send_mail(subject, body, None, [user.email])
    except Exception:  # a mail outage must not turn a log-in into an error page
        log.exception("Could not tell %s about a log-in from a new device", user.username)


def set_notify_new_device(user, on: bool) -> None:
    user.notify_new_device = on
    user.save(update_fields=["notify_new_device"])


# --- Retention -----------------------------------------------------------------------------


def prune(now: dt.datetime | None = None, *, dry_run: bool = False) -> tuple[int, int]:
    """Drop rows of sessions that expired or left the store, and log events older than
    SECURITY_LOG_DAYS; (sessions, events) counted."""
    now = now or timezone.now()
    dead = [row.pk for row in LoginSession.objects.iterator() if not is_alive(row)]
    old = Event.objects.filter(at__lt=now - dt.timedelta(days=settings.SECURITY_LOG_DAYS))
    if dry_run:
        return len(dead), old.count()
    with transaction.atomic():
        sessions = LoginSession.objects.filter(pk__in=dead).delete()[0]
        events = old.delete()[0]
    return sessions, events
