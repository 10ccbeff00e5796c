"""`manage.py prune_security`: expired sessions' rows and old log events go, the rest stays."""

import datetime as dt
import io

import pytest
import time_machine
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from security.models import Event, LoginSession
from security.services import record
from tests.security.conftest import log_in

pytestmark = pytest.mark.django_db


def prune(*args: str) -> str:
    out = io.StringIO()
    call_command("prune_security", *args, stdout=out)
    return out.getvalue()


def test_old_events_and_expired_sessions_go(alice, settings):
    settings.SECURITY_LOG_DAYS = 30
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        record(alice, Event.Kind.EXPORT)
        log_in(Client())  # a session that expires after SESSION_COOKIE_AGE (two weeks)
    with time_machine.travel(start + dt.timedelta(days=29), tick=False):
        fresh = record(alice, Event.Kind.LOGIN)
        kept = Client()
        log_in(kept)
    with time_machine.travel(start + dt.timedelta(days=31), tick=False):
        output = prune()

    kept_events = Event.objects.all()
    assert fresh in kept_events and len(kept_events) == 2  # and the second log-in
    assert all(event.at >= fresh.at for event in kept_events)
    assert list(LoginSession.objects.values_list("session_key", flat=True)) == [
        kept.session.session_key
    ]
    assert "Deleted 1 expired session row(s)" in output


def test_a_dry_run_deletes_nothing(alice, settings):
    settings.SECURITY_LOG_DAYS = 1
    with time_machine.travel(timezone.now() - dt.timedelta(days=20), tick=False):
        record(alice, Event.Kind.EXPORT)
        log_in(Client())

    output = prune("--dry-run")

    assert "Would delete 1 expired session row(s) and 2 security event(s)" in output
    assert Event.objects.count() == 2  # the export and the log-in
    assert LoginSession.objects.count() == 1


def test_a_second_run_finds_nothing_and_is_quiet_at_verbosity_0(alice):
    log_in(Client())

    assert prune("--verbosity", "0") == ""
    assert "Deleted 0 expired session row(s) and 0 security event(s)" in prune()
    assert LoginSession.objects.count() == 1
