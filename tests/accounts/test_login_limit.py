"""accounts.login_limit: failures per account from any addresses pause new addresses, with an
increasing delay, never the owner's known ones; the owner is warned once per run."""

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from accounts import login_limit, services
from accounts.forms import SignupForm
from accounts.models import FailedLogins, KnownAddress
from tests.accounts.test_views_signup import signup_data
from tests.concurrency import run_in_threads
from tests.conftest import make_user

pytestmark = pytest.mark.django_db

LIMIT = 10


@pytest.fixture(autouse=True)
def limits(settings):
    settings.LOGIN_USERNAME_FAILURE_LIMIT = LIMIT
    settings.LOGIN_USERNAME_WINDOW_MINUTES = 60
    settings.LOGIN_USERNAME_MAX_DELAY_MINUTES = 60


@pytest.fixture
def clock():
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        yield traveller


def fail(times: int, username: str = "alice") -> None:
    for n in range(times):
        login_limit.record_failure(username, f"198.51.100.{n % 250}")


@pytest.mark.parametrize(
    ("failures", "minutes"),
    [(1, 0), (9, 0), (10, 1), (11, 2), (12, 4), (15, 32), (16, 60), (40, 60), (10_000, 60)],
)
def test_the_delay_starts_at_the_limit_and_doubles_up_to_the_maximum(failures, minutes):
    assert login_limit.delay(failures) == dt.timedelta(minutes=minutes)


def test_below_the_limit_nobody_waits(alice, clock):
    fail(LIMIT - 1)

    assert login_limit.wait_for("alice", "203.0.113.7") is None


def test_at_the_limit_new_addresses_wait_a_minute(alice, clock):
    fail(LIMIT)

    assert login_limit.wait_for("alice", "203.0.113.7") == dt.timedelta(minutes=1)
    clock.shift(dt.timedelta(seconds=40))
    assert login_limit.wait_for("alice", "203.0.113.7") == dt.timedelta(seconds=20)
    clock.shift(dt.timedelta(seconds=21))
    assert login_limit.wait_for("alice", "203.0.113.7") is None


def test_each_failure_after_a_pause_doubles_the_next_one(alice, clock):
    fail(LIMIT)
    clock.shift(dt.timedelta(minutes=1, seconds=1))
    fail(1)

    assert login_limit.wait_for("alice", "203.0.113.7") == dt.timedelta(minutes=2)


def test_an_address_the_owner_logged_in_from_is_never_paused(alice, clock):
    login_limit.remember_address(alice, "203.0.113.7")
    fail(LIMIT + 5)

    assert login_limit.wait_for("alice", "203.0.113.7") is None
    assert login_limit.wait_for("alice", "203.0.113.8") is not None


def test_a_known_ipv6_address_covers_its_slash_64(alice, clock):
    login_limit.remember_address(alice, "2001:db8:1:2::10")
    fail(LIMIT)

    assert KnownAddress.objects.get().address == "2001:db8:1:2::"
    assert login_limit.wait_for("alice", "2001:db8:1:2:aaaa::77") is None
    assert login_limit.wait_for("alice", "2001:db8:1:3::10") is not None


def test_the_pause_is_per_account(alice, charlie, clock):
    fail(LIMIT, "alice")

    assert login_limit.wait_for("charlie", "203.0.113.7") is None


def test_usernames_without_an_account_store_nothing(clock):
    fail(LIMIT, "nobody")

    assert not FailedLogins.objects.exists()
    assert login_limit.wait_for("nobody", "203.0.113.7") is None


def test_a_quiet_window_starts_a_new_run(alice, clock):
    fail(LIMIT - 1)
    clock.shift(dt.timedelta(minutes=61))
    fail(1)

    assert FailedLogins.objects.get().count == 1
    assert login_limit.wait_for("alice", "203.0.113.7") is None


def test_the_quiet_window_counts_from_the_end_of_the_pause(alice, clock):
    fail(LIMIT + 5)  # paused for 32 minutes
    clock.shift(dt.timedelta(minutes=32 + 59))
    fail(1)

    assert FailedLogins.objects.get().count == LIMIT + 6
    assert login_limit.wait_for("alice", "203.0.113.7") == dt.timedelta(minutes=60)


def test_the_owner_is_warned_once_per_run(alice, clock):
    fail(LIMIT - 1)
    assert mail.outbox == []

    fail(6)

    [message] = mail.outbox
    assert message.to == ["alice@example.com"]
    assert message.subject == "Many failed log-ins to your DevHub CRM account"
    assert f"There have been {LIMIT} failed attempts" in message.body
    assert "http://127.0.0.1:8000/accounts/password/reset/" in message.body

    clock.shift(dt.timedelta(hours=3))
    fail(LIMIT)
    assert len(mail.outbox) == 2


def test_an_owner_without_an_address_is_still_protected(alice, clock):
    alice.email = ""
    alice.save(update_fields=["email"])

    fail(LIMIT)

    assert mail.outbox == []
    assert login_limit.wait_for("alice", "203.0.113.7") is not None


def test_a_mail_outage_does_not_break_the_count(alice, clock, settings, caplog):
    settings.MAILERS = {"default": {"BACKEND": "tests.accounts.test_login_limit.BrokenMail"}}

    fail(LIMIT)

    assert login_limit.wait_for("alice", "203.0.113.7") is not None
    assert "Could not warn alice about failed log-ins" in caplog.text


class BrokenMail:
    def __init__(self, *args, **kwargs) -> None:
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("smtp down")


@pytest.mark.parametrize("ip", ["", "unknown"])
def test_a_request_without_an_address_is_counted_but_never_known(alice, clock, ip):
    login_limit.remember_address(alice, ip)
    login_limit.record_failure("alice", ip)

    assert not KnownAddress.objects.exists()
    assert FailedLogins.objects.get().count == 1


def test_a_new_account_of_a_deleted_ones_name_starts_afresh(alice, clock):
    login_limit.remember_address(alice, "203.0.113.7")
    fail(LIMIT)
    alice.delete()
    form = SignupForm(signup_data(username="alice", email="new-alice@example.com"))
    assert form.is_valid(), form.errors

    services.sign_up(form)

    assert not FailedLogins.objects.exists()
    assert not KnownAddress.objects.exists()
    assert login_limit.wait_for("alice", "198.51.100.1") is None


@pytest.mark.django_db(transaction=True)
def test_failures_arriving_at_once_are_all_counted_and_warned_about_once():
    """Workers answering a burst of guesses at the same moment count each one."""
    make_user("alice")

    run_in_threads(lambda n: login_limit.record_failure("alice", f"192.0.2.{n}"), range(16))

    assert FailedLogins.objects.get().count == 16
    assert len(mail.outbox) == 1
