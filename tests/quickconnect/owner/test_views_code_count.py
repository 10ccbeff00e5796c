import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from tests.quickconnect.owner.conftest import (
    HX,
    find_one,
    html,
    is_fragment,
    login_url_for,
    make_code,
    submit,
)

pytestmark = pytest.mark.django_db


def count_url(code) -> str:
    return reverse("quickconnect:count", args=[code.code])


def test_returns_the_current_count_as_a_span_that_keeps_polling(alice_client, alice):
    code = make_code(alice)
    submit(code, "Grace Hopper")
    submit(code, "Ada Lovelace")
    submit(code, "Barbara Liskov")

    response = alice_client.get(count_url(code), **HX)

    assert response.status_code == 200
    assert is_fragment(response)
    span = find_one(html(response), "span", id=f"count-{code.code}")
    assert span.clean_text == "3 submissions"
    assert span.get("hx-get") == count_url(code)
    assert span.get("hx-trigger") == "every 10s"


def test_count_follows_new_submissions(alice_client, alice):
    code = make_code(alice)
    assert "0 submissions" in html(alice_client.get(count_url(code), **HX))

    submit(code)

    assert "1 submission<" in html(alice_client.get(count_url(code), **HX))


def test_polling_stops_once_the_code_expires(alice_client, alice):
    code = make_code(alice, expires_at=timezone.now() + dt.timedelta(hours=1))
    submit(code)

    with time_machine.travel(timezone.now() + dt.timedelta(hours=2)):
        response = alice_client.get(count_url(code), **HX)

    span = find_one(html(response), "span", id=f"count-{code.code}")
    assert span.clean_text == "1 submission"
    assert not span.has("hx-get") and not span.has("hx-trigger")


def test_polling_stops_once_the_code_is_used_up(alice_client, alice):
    code = make_code(alice, max_uses=1)
    submit(code)

    span = find_one(html(alice_client.get(count_url(code), **HX)), "span")

    assert span.clean_text == "1 submission"
    assert not span.has("hx-get")


def test_without_htmx_it_is_still_just_the_count(alice_client, alice):
    response = alice_client.get(count_url(make_code(alice)))

    assert response.status_code == 200
    assert is_fragment(response)


def test_outsider_gets_404(charlie_client, alice):
    code = make_code(alice)
    submit(code)

    response = charlie_client.get(count_url(code), **HX)

    assert response.status_code == 404
    assert "submission" not in html(response)


def test_anonymous_is_sent_to_log_in(client, alice):
    url = count_url(make_code(alice))

    response = client.get(url, **HX)

    assert response.status_code == 302
    assert response.url == login_url_for(url)


def test_post_is_not_allowed(alice_client, alice):
    assert alice_client.post(count_url(make_code(alice)), **HX).status_code == 405
