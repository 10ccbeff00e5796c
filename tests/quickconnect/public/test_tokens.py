"""Token rules for `/q/<token>/`: who can open it, when it stops working, how it is checked."""

import datetime as dt
import hmac
import string

import pytest
import time_machine
from django.utils import timezone

from contacts.models import Contact
from quickconnect import models as qc_models
from quickconnect.models import LOOKUP_LENGTH, QuickConnectCode, new_token
from tests.quickconnect.public.conftest import (
    EVENT_NAME,
    form_data,
    html,
    input_value,
    make_code,
    nothing_saved,
    public_url,
)

URLSAFE = set(string.ascii_letters + string.digits + "-_")


def test_a_valid_code_shows_who_is_asking_and_the_event(client, quick_code):
    response = client.get(public_url(quick_code))

    assert response.status_code == 200
    page = html(response)
    assert "Connect with Alice Liddell" in page
    assert EVENT_NAME in page
    assert "Async ORM talk" in page
    assert "Great chat about Rust!" in page


def test_the_privacy_notice_says_what_is_stored_who_sees_it_and_how_to_remove_it(
    client, quick_code
):
    page = " ".join(html(client.get(public_url(quick_code))).split())

    # What is stored...
    assert "your name, the contact details and notes you enter, the event" in page
    # ...who can see it...
    assert "only Alice Liddell can see" in page
    # ...and how to have it removed.
    assert "To have your details changed or removed, ask Alice Liddell" in page


def test_an_unknown_token_is_404(client, quick_code):
    assert client.get("/q/not-a-real-token-at-all/").status_code == 404


def test_the_right_lookup_part_with_a_wrong_secret_is_404(client, quick_code):
    forged = quick_code.token[:LOOKUP_LENGTH] + "x" * (len(quick_code.token) - LOOKUP_LENGTH)

    assert client.get(f"/q/{forged}/").status_code == 404
    assert client.get(f"/q/{quick_code.token[:LOOKUP_LENGTH]}/").status_code == 404
    assert client.post(f"/q/{forged}/", form_data()).status_code == 404
    assert not Contact.objects.exists()


def test_the_thank_you_page_of_an_unknown_token_is_404(client, quick_code):
    assert client.get("/q/not-a-real-token-at-all/thanks/").status_code == 404


def expire(code: QuickConnectCode) -> None:
    code.expires_at = timezone.now() - dt.timedelta(minutes=1)
    code.save()


def revoke(code: QuickConnectCode) -> None:
    code.revoked_at = timezone.now()
    code.save()


def use_up(code: QuickConnectCode) -> None:
    code.max_uses = 3
    code.save()
    QuickConnectCode.objects.filter(pk=code.pk).update(uses=3)


@pytest.mark.parametrize(
    ("spoil", "explanation"),
    [
        (expire, "It has expired"),
        (revoke, "switched off"),
        (use_up, "used as many times as allowed"),
    ],
)
@pytest.mark.parametrize("method", ["get", "post"])
def test_a_code_that_stopped_working_answers_410_with_a_friendly_page(
    client, alice, quick_code, spoil, explanation, method
):
    spoil(quick_code)

    response = getattr(client, method)(public_url(quick_code), form_data())

    assert response.status_code == 410
    page = " ".join(html(response).split())
    assert "This code no longer works" in page
    assert explanation in page
    assert "nothing was saved" in page
    assert "Ask Alice Liddell for a new code" in page
    if spoil is use_up:
        QuickConnectCode.objects.filter(pk=quick_code.pk).update(uses=0)
    assert nothing_saved(alice, quick_code)


def test_an_expired_code_does_not_claim_the_owner_expired_it(client, quick_code):
    expire(quick_code)

    page = " ".join(html(client.get(public_url(quick_code))).split())

    assert "It has expired, so nothing was saved" in page
    assert "expired by" not in page


def test_a_form_opened_before_expiry_and_sent_after_is_refused(client, alice, quick_code):
    quick_code.expires_at = timezone.now() + dt.timedelta(minutes=30)
    quick_code.save()
    opened = client.get(public_url(quick_code))
    assert opened.status_code == 200
    form_id = input_value(opened, "form_id")

    with time_machine.travel(quick_code.expires_at + dt.timedelta(minutes=1)):
        response = client.post(public_url(quick_code), form_data(form_id=form_id))

    assert response.status_code == 410
    assert "It has expired" in html(response)
    assert nothing_saved(alice, quick_code)


def test_max_uses_lets_exactly_that_many_people_in(client, alice, event):
    code = make_code(alice, event=event, max_uses=2)

    first = client.post(public_url(code), form_data(name="Grace Hopper", email="g@example.com"))
    second = client.post(public_url(code), form_data(name="Ada Lovelace", email="a@example.com"))
    third = client.post(public_url(code), form_data(name="Alan Turing", email="t@example.com"))

    assert first.status_code == second.status_code == 302
    assert third.status_code == 410
    assert "used as many times as allowed" in html(third)
    assert sorted(Contact.objects.for_owner(alice).values_list("name", flat=True)) == [
        "Ada Lovelace",
        "Grace Hopper",
    ]
    code.refresh_from_db()
    assert code.uses == 2
    # Once used up, even opening the form says so.
    assert client.get(public_url(code)).status_code == 410


def test_new_tokens_carry_at_least_128_random_bits_in_url_safe_characters():
    tokens = [new_token() for _ in range(200)]

    for token in tokens:
        assert set(token) <= URLSAFE
        # Base64url: 6 bits a character; the lookup part is not counted as secret.
        assert (len(token) - LOOKUP_LENGTH) * 6 >= 128
        assert len(token) <= QuickConnectCode._meta.get_field("token").max_length
    assert len(set(tokens)) == len(tokens)
    assert len({t[:LOOKUP_LENGTH] for t in tokens}) == len(tokens)


def test_two_codes_get_different_tokens(alice):
    first, second = make_code(alice, event_name="A"), make_code(alice, event_name="B")

    assert first.token != second.token
    assert first.token[LOOKUP_LENGTH:] != second.token[LOOKUP_LENGTH:]


def test_the_token_is_compared_in_constant_time(client, quick_code, monkeypatch):
    calls = []
    real_compare = hmac.compare_digest

    def recording_compare(a, b):
        calls.append((a, b))
        return real_compare(a, b)

    monkeypatch.setattr(qc_models.hmac, "compare_digest", recording_compare)
    forged = quick_code.token[:LOOKUP_LENGTH] + "y" * (len(quick_code.token) - LOOKUP_LENGTH)

    assert client.get(public_url(quick_code)).status_code == 200
    assert client.get(f"/q/{forged}/").status_code == 404

    assert calls == [
        (quick_code.token.encode(), quick_code.token.encode()),
        (quick_code.token.encode(), forged.encode()),
    ]
