import datetime as dt
import re

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from tests.conftest import PASSWORD
from tests.devhub.conftest import find_one, parse

pytestmark = pytest.mark.django_db


def reset_link() -> str:
    [message] = mail.outbox
    return re.search(r"http://testserver(/accounts/password/reset/\S+/)", message.body).group(1)


def test_reset_by_email_sets_a_new_password_and_the_link_works_once(client, alice):
    response = client.post(reverse("accounts:password_reset"), {"email": "alice@example.com"})
    assert response.status_code == 302
    assert mail.outbox[0].subject == "Reset your DevHub CRM password"
    link = reset_link()

    form_page = client.get(link, follow=True)
    assert "Choose a new password" in form_page.content.decode()
    new = "a-brand-new-passphrase-42"
    done = client.post(
        form_page.redirect_chain[-1][0], {"new_password1": new, "new_password2": new}
    )
    assert done.status_code == 302
    alice.refresh_from_db()
    assert alice.check_password(new)

    assert "has been used or has expired" in client.get(link, follow=True).content.decode()


def test_unknown_addresses_get_the_same_answer_and_no_mail(client, alice):
    response = client.post(reverse("accounts:password_reset"), {"email": "nobody@example.com"})

    assert response.status_code == 302
    assert response.url == reverse("accounts:password_reset_done")
    assert mail.outbox == []


def test_reset_pages_need_no_login_and_are_linked_from_the_login_page(client):
    assert client.get(reverse("accounts:password_reset")).status_code == 200
    assert client.get(reverse("accounts:password_reset_done")).status_code == 200
    login = client.get(reverse("accounts:login")).content.decode()
    assert reverse("accounts:password_reset") in login


def test_changing_the_password_ends_other_sessions(client, alice):
    other = client.__class__()
    other.force_login(alice)
    client.force_login(alice)

    client.post(
        reverse("accounts:password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "another-good-pass-77",
            "new_password2": "another-good-pass-77",
        },
    )

    assert client.get(reverse("contacts:list")).status_code == 200  # this session stays
    assert other.get(reverse("contacts:list")).status_code == 302  # the other one ended


# Reset e-mails asked for: 10 an hour per client address, 3 an hour per e-mail address.
RESET_URL = reverse("accounts:password_reset")


@pytest.fixture
def frozen_clock():
    """A frozen clock, so an hour's window cannot end half-way through a test."""
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        yield traveller


def ask(client, email: str = "alice@example.com", ip: str = "203.0.113.7"):
    return client.post(RESET_URL, {"email": email}, REMOTE_ADDR=ip)


def alert_text(response) -> str:
    return find_one(parse(response.content), role="alert").clean_text


def test_the_fourth_reset_an_hour_for_one_address_is_refused_from_anywhere(
    client, alice, frozen_clock
):
    for n in range(3):
        assert ask(client, ip=f"198.51.100.{n}").status_code == 302

    response = ask(client, "ALICE@example.com ", ip="192.0.2.50")

    assert response.status_code == 429
    assert find_one(parse(response.content), "h1").clean_text == "Too many attempts"
    assert alert_text(response).startswith(
        "Too many password reset e-mails were asked for this address in a short time, "
        "so no new one was sent. The links already sent still work."
    )
    assert 0 < int(response["Retry-After"]) <= 3600
    assert len(mail.outbox) == 3


def test_unknown_addresses_meet_the_same_limit(client, alice, frozen_clock):
    """The limit says nothing about which addresses have an account."""
    for _ in range(3):
        assert ask(client, "nobody@example.com").status_code == 302

    assert ask(client, "nobody@example.com").status_code == 429
    assert mail.outbox == []


def test_the_eleventh_reset_an_hour_from_one_client_is_refused(client, alice, frozen_clock):
    for n in range(10):
        assert ask(client, f"person{n}@example.com").status_code == 302

    response = ask(client)

    assert response.status_code == 429
    assert alert_text(response).startswith(
        "Too many password reset e-mails were asked for from here in a short time"
    )
    assert mail.outbox == []
    assert ask(client, ip="198.51.100.20").status_code == 302
    assert len(mail.outbox) == 1


def test_mistyped_addresses_do_not_count(client, alice, frozen_clock):
    for _ in range(12):
        assert ask(client, "not an address").status_code == 200

    assert ask(client).status_code == 302
    assert len(mail.outbox) == 1


def test_the_reset_limits_lift_after_the_hour(client, alice, frozen_clock):
    for _ in range(4):
        ask(client)

    frozen_clock.shift(dt.timedelta(hours=1, seconds=1))

    assert ask(client).status_code == 302
    assert len(mail.outbox) == 4


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_the_reset_page_rejects_other_methods(client, method):
    assert getattr(client, method)(RESET_URL).status_code == 405
