"""The public pages themselves: light, phone-first, usable without JavaScript, fully labelled."""

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from tests.devhub.conftest import find_all, find_one, parse
from tests.quickconnect.public.conftest import form_data, html, public_url, thanks_url

FORM_FIELDS = ["name", "github_username", "email", "linkedin_url", "about", "note", "consent"]


def every_public_page(client, code) -> dict[str, str]:
    pages = {
        "form": client.get(public_url(code)),
        "errors": client.post(public_url(code), form_data(name="")),
        "thanks": client.get(thanks_url(code)),
    }
    with time_machine.travel(timezone.now(), tick=False):  # no minute boundary mid-way
        for _ in range(20):
            client.post(public_url(code), form_data(name=""), REMOTE_ADDR="203.0.113.9")
        pages["limited"] = client.post(public_url(code), form_data(), REMOTE_ADDR="203.0.113.9")
    code.expires_at = timezone.now() - dt.timedelta(minutes=1)
    code.save()
    pages["gone"] = client.get(public_url(code))
    assert [r.status_code for r in pages.values()] == [200, 200, 200, 429, 410]
    return {name: html(response) for name, response in pages.items()}


def test_no_page_loads_a_javascript_framework(client, quick_code):
    for name, page in every_public_page(client, quick_code).items():
        scripts = [s.get("src") for s in find_all(page, "script")]
        # Only the few lines that apply the light/dark theme before the first paint.
        assert set(scripts) <= {"/static/js/theme.js"}, name
        assert "htmx" not in page.lower(), name
        assert not [e for e in parse(page) if any(a.startswith("hx-") for a in e.attrs)], name


def test_every_page_is_sized_for_a_phone(client, quick_code):
    for name, page in every_public_page(client, quick_code).items():
        viewport = find_one(page, "meta", name="viewport")
        assert viewport.get("content") == "width=device-width, initial-scale=1", name
        # One narrow column that shrinks with the screen: nothing wider than a 375 px phone.
        assert "max-w-md" in find_one(page, "main").classes, name


def test_the_form_works_without_javascript(client, quick_code):
    page = html(client.get(public_url(quick_code)))

    form = find_one(page, "form")
    assert form.get("method") == "post"
    assert form.get("action") == public_url(quick_code)
    github_button = find_one(page, "button", name="action", value="github")
    assert github_button.get("type") == "submit"
    assert github_button.clean_text == "Fill from GitHub"
    send = [b for b in find_all(page, "button") if b.clean_text == "Send my details"]
    assert send and send[0].get("type") == "submit" and not send[0].has("name")


@pytest.mark.parametrize("state", ["fresh", "with errors"])
def test_every_input_has_a_label(client, quick_code, state):
    response = (
        client.get(public_url(quick_code))
        if state == "fresh"
        else client.post(public_url(quick_code), form_data(name="", consent=None))
    )
    page = parse(html(response))

    fields = [
        e
        for e in page
        if e.tag in ("input", "textarea", "select") and e.get("type") not in ("hidden", "submit")
    ]
    names = {e.get("name") for e in fields}
    assert set(FORM_FIELDS) <= names
    for element in fields:
        labels = find_all(page, "label", for_=element.get("id"))
        assert element.get("id") and len(labels) == 1, element.get("name")
        assert labels[0].clean_text, element.get("name")


def test_the_fields_have_the_promised_labels(client, quick_code):
    page = parse(html(client.get(public_url(quick_code))))

    def label(field: str) -> str:
        return find_one(page, "label", for_=f"id_{field}").clean_text

    assert label("name") == "Your name"
    assert label("email") == "E-mail"
    assert label("github_username") == "GitHub username"
    assert label("linkedin_url") == "LinkedIn profile"
    assert label("about") == "What you work on / your tech stack"
    assert label("note") == "A note for me"
    assert label("consent") == "I agree that my details are stored as described above."


def test_the_form_is_never_cached(client, quick_code):
    response = client.get(public_url(quick_code))

    assert "no-store" in response["Cache-Control"]


def test_the_form_is_kept_out_of_search_engines(client, quick_code):
    page = html(client.get(public_url(quick_code)))

    assert find_one(page, "meta", name="robots").get("content") == "noindex"


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_the_form_only_answers_get_and_post(client, quick_code, method):
    assert getattr(client, method)(public_url(quick_code)).status_code == 405


def test_the_thank_you_page_only_answers_get(client, quick_code):
    assert client.post(thanks_url(quick_code)).status_code == 405


def test_a_signed_in_owner_sees_the_same_public_form(client, alice, quick_code):
    client.force_login(alice)

    response = client.get(public_url(quick_code))

    assert response.status_code == 200
    assert "Connect with Alice Liddell" in html(response)
