"""The Security page's list of logged-in browsers, and logging them out."""

import datetime as dt

import pytest
import time_machine
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from security.models import Event, LoginSession
from tests.devhub.conftest import find_all, find_one, parse
from tests.security.conftest import log_in

pytestmark = pytest.mark.django_db

INDEX = reverse("security:index")
OTHERS = reverse("security:revoke_others")


def revoke_url(row: LoginSession) -> str:
    return reverse("security:revoke", args=[row.code])


def row_of(client: Client) -> LoginSession:
    return LoginSession.objects.get(session_key=client.session.session_key)


def listed(client: Client) -> list[str]:
    """The text of each browser in the page's list of logged-in ones."""
    page = parse(client.get(INDEX).content)
    items = find_all(find_one(page, "ul", aria_label="Logged-in browsers").descendants(), "li")
    return [" ".join(e.clean_text for e in [li, *li.descendants()]) for li in items]


def is_logged_in(client: Client) -> bool:
    response = client.get(reverse("contacts:list"))
    return response.status_code == 200


def test_a_log_in_is_listed_with_its_device_and_address(laptop, phone, alice):
    page = laptop.get(INDEX).content.decode()

    assert "Firefox on Ubuntu" in page
    assert "Safari on iPhone" in page
    assert "198.51.100.20" in page
    rows = LoginSession.objects.for_owner(alice)
    assert {row.device for row in rows} == {"Firefox on Ubuntu", "Safari on iPhone"}


def test_this_device_is_marked_and_has_no_log_out_button(laptop, phone):
    page = parse(laptop.get(INDEX).content)

    mine = [text for text in listed(laptop) if "This device" in text]
    assert len(mine) == 1 and "Firefox on Ubuntu" in mine[0]
    assert not find_all(page, "a", href=revoke_url(row_of(laptop)))
    assert find_all(page, "a", href=revoke_url(row_of(phone)))


def test_logging_a_session_out_really_logs_that_browser_out(laptop, phone, alice):
    phones_row = row_of(phone)

    response = laptop.post(revoke_url(phones_row))

    assert response.status_code == 302 and response.url == INDEX
    assert not LoginSession.objects.filter(pk=phones_row.pk).exists()
    assert not Session.objects.filter(session_key=phones_row.session_key).exists()
    answer = phone.get(reverse("contacts:list"))
    assert answer.status_code == 302 and answer.url.startswith(reverse("accounts:login"))
    assert is_logged_in(laptop)
    event = Event.objects.get(kind=Event.Kind.SESSION_REVOKED)
    assert (event.user, event.details) == (alice, {"device": "Safari on iPhone"})


def test_log_out_asks_first(laptop, phone):
    response = laptop.get(revoke_url(row_of(phone)))

    assert response.status_code == 200
    assert b"Log out Safari on iPhone?" in response.content
    assert is_logged_in(phone)


def test_log_out_everywhere_else_keeps_this_browser(laptop, phone, alice):
    third = Client()
    log_in(third, agent="curl/8.4.0")

    response = laptop.post(OTHERS)

    assert response.status_code == 302
    assert not is_logged_in(phone) and not is_logged_in(third)
    assert is_logged_in(laptop)
    assert list(LoginSession.objects.for_owner(alice)) == [row_of(laptop)]


def test_another_users_session_is_404_and_stays(laptop, charlie):
    theirs = Client()
    log_in(theirs, username="charlie")

    for method in ("get", "post"):
        assert getattr(laptop, method)(revoke_url(row_of(theirs))).status_code == 404
    assert is_logged_in(theirs)


def test_log_out_everywhere_else_never_touches_another_account(laptop, charlie):
    theirs = Client()
    log_in(theirs, username="charlie")

    laptop.post(OTHERS)

    assert is_logged_in(theirs)


def test_an_expired_session_is_not_listed_and_its_row_goes(laptop, phone, alice):
    Session.objects.filter(session_key=phone.session.session_key).update(
        expire_date=timezone.now() - dt.timedelta(seconds=1)
    )

    assert not [text for text in listed(laptop) if "Safari on iPhone" in text]
    assert list(LoginSession.objects.for_owner(alice)) == [row_of(laptop)]


def test_log_out_forgets_the_session(laptop, alice):
    laptop.post(reverse("accounts:logout"))

    assert not LoginSession.objects.filter(user=alice).exists()


def test_a_password_change_logs_the_other_browsers_out_and_keeps_this_one(laptop, phone, alice):
    from tests.conftest import PASSWORD

    new = "amber-walrus-sings-77"
    laptop.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )

    assert is_logged_in(laptop) and not is_logged_in(phone)
    assert list(LoginSession.objects.for_owner(alice)) == [row_of(laptop)]


def test_last_seen_is_written_at_most_every_five_minutes(laptop):
    row = row_of(laptop)
    start = row.last_seen_at
    with time_machine.travel(start + dt.timedelta(minutes=4), tick=False):
        with CaptureQueriesContext(connection) as queries:
            laptop.get(reverse("contacts:list"))
        assert not [q for q in queries if "security_loginsession" in q["sql"]]
        assert row_of(laptop).last_seen_at == start
    later = start + dt.timedelta(minutes=6)
    with time_machine.travel(later, tick=False):
        laptop.get(reverse("contacts:list"))
        assert row_of(laptop).last_seen_at == later
    with time_machine.travel(later + dt.timedelta(minutes=1), tick=False):
        laptop.get(reverse("contacts:list"))
        assert row_of(laptop).last_seen_at == later


def test_a_session_from_before_rows_were_kept_gets_one(client, alice):
    client.force_login(alice)
    LoginSession.objects.all().delete()
    session = client.session
    session.pop("_security_last_seen")
    session.save()

    client.get(reverse("contacts:list"))

    assert LoginSession.objects.get().session_key == client.session.session_key


def test_the_page_needs_a_log_in(client):
    response = client.get(INDEX)

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


@pytest.mark.parametrize(("url", "method"), [(INDEX, "post"), (reverse("security:notify"), "get")])
def test_wrong_methods_are_refused(alice_client, url, method):
    assert getattr(alice_client, method)(url).status_code == 405


def test_the_session_key_never_reaches_the_page(laptop, phone):
    page = laptop.get(INDEX).content.decode()

    assert phone.session.session_key not in page
    assert laptop.session.session_key not in page
    assert laptop.session[SESSION_KEY]
