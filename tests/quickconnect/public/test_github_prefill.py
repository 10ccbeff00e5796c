""" "Fill from GitHub" against a local stand-in for GitHub's REST API (see conftest.github_stub)."""

import socket
import time

import pytest

from contacts.models import Contact
from quickconnect import github
from tests.quickconnect.public.conftest import (
    OCTOCAT,
    form_data,
    html,
    input_value,
    nothing_saved,
    public_url,
)


def fill_from_github(client, code, **typed):
    data = form_data(name="", email="", about="", note="", consent=None, action="github")
    data.update(typed)
    return client.post(public_url(code), data)


@pytest.fixture
def octocat(github_stub):
    github_stub.profiles["octocat"] = OCTOCAT
    return github_stub


def test_a_found_profile_prefills_the_form(client, alice, quick_code, octocat):
    response = fill_from_github(client, quick_code, github_username="octocat")

    assert response.status_code == 200
    assert input_value(response, "name") == "The Octocat"
    assert input_value(response, "github_username") == "octocat"
    assert input_value(response, "about") == "Mascot of GitHub"
    assert input_value(response, "company") == "github"
    assert input_value(response, "location") == "San Francisco"
    assert input_value(response, "website_url") == "github.blog"
    assert "Filled in from GitHub (octocat). Check the details, then send." in html(response)
    assert octocat.hits == ["/users/octocat"]
    assert nothing_saved(alice, quick_code)


def test_a_prefilled_name_loses_bidirectional_controls(client, quick_code, github_stub):
    github_stub.profiles["octocat"] = {**OCTOCAT, "name": "\u202eThe\u202c \u2066Octocat\u2069"}

    response = fill_from_github(client, quick_code, github_username="octocat")

    assert input_value(response, "name") == "The Octocat"


def test_what_the_person_typed_wins_over_github(client, quick_code, octocat):
    response = fill_from_github(
        client,
        quick_code,
        github_username="octocat",
        name="Mona Lisa Octocat",
        about="I type my own bio",
        email="mona@example.com",
        note="See you at the sprints",
    )

    assert input_value(response, "name") == "Mona Lisa Octocat"
    assert input_value(response, "about") == "I type my own bio"
    assert input_value(response, "email") == "mona@example.com"
    assert input_value(response, "note") == "See you at the sprints"
    # What they left blank still comes from GitHub.
    assert input_value(response, "location") == "San Francisco"


def test_the_prefilled_form_keeps_its_form_id_and_sends_once(client, alice, quick_code, octocat):
    first = form_data()["form_id"]
    prefilled = fill_from_github(client, quick_code, github_username="octocat", form_id=first)
    assert input_value(prefilled, "form_id") == first

    sent = {
        name: input_value(prefilled, name)
        for name in ("name", "github_username", "about", "company", "location", "website_url")
    }
    data = form_data(**sent, email="", form_id=first)
    client.post(public_url(quick_code), data)
    client.post(public_url(quick_code), data)

    contact = Contact.objects.for_owner(alice).get()
    assert contact.name == "The Octocat"
    assert contact.company == "github"
    assert contact.location == "San Francisco"
    assert contact.website_url == "https://github.blog"
    assert contact.notes == "Mascot of GitHub"


@pytest.mark.parametrize("typed", ["@octocat", "https://github.com/octocat", "github.com/octocat/"])
def test_at_names_and_profile_addresses_are_looked_up_too(client, quick_code, octocat, typed):
    response = fill_from_github(client, quick_code, github_username=typed)

    assert input_value(response, "name") == "The Octocat"
    assert octocat.hits == ["/users/octocat"]


def test_an_unknown_user_is_reported_and_the_form_still_works(
    client, alice, quick_code, github_stub
):
    response = fill_from_github(
        client, quick_code, github_username="nobody-here", name="Grace Hopper"
    )

    assert response.status_code == 200
    assert "GitHub has no user called nobody-here." in html(response)
    assert input_value(response, "name") == "Grace Hopper"
    assert input_value(response, "github_username") == "nobody-here"
    assert nothing_saved(alice, quick_code)

    form_id = input_value(response, "form_id")
    sent = client.post(
        public_url(quick_code), form_data(github_username="nobody-here", form_id=form_id)
    )

    assert sent.status_code == 302
    assert Contact.objects.for_owner(alice).get().github_username == "nobody-here"


def test_an_unreachable_github_is_reported_quickly_and_the_form_still_works(
    client, alice, quick_code, github_stub, monkeypatch
):
    monkeypatch.setattr(github, "TIMEOUT_SECONDS", 0.2)
    github_stub.profiles["octocat"] = OCTOCAT
    github_stub.delay = 2.0

    started = time.monotonic()
    response = fill_from_github(client, quick_code, github_username="octocat", name="Mona")
    elapsed = time.monotonic() - started

    assert elapsed < 1.5
    assert response.status_code == 200
    assert "GitHub could not be reached; please fill in the form." in html(response)
    assert input_value(response, "name") == "Mona"
    assert nothing_saved(alice, quick_code)

    sent = client.post(public_url(quick_code), form_data(name="Mona", github_username="octocat"))

    assert sent.status_code == 302
    assert Contact.objects.for_owner(alice).get().name == "Mona"


def test_a_github_that_is_down_is_reported(client, quick_code, settings):
    with socket.socket() as probe:  # a port that was free a moment ago: nothing listens there
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.GITHUB_API_URL = f"http://127.0.0.1:{port}"

    response = fill_from_github(client, quick_code, github_username="octocat")

    assert response.status_code == 200
    assert "GitHub could not be reached; please fill in the form." in html(response)


def test_profiles_are_cached(client, quick_code, octocat):
    fill_from_github(client, quick_code, github_username="octocat")

    again = fill_from_github(client, quick_code, github_username="OctoCat")

    assert input_value(again, "name") == "The Octocat"
    assert octocat.hits == ["/users/octocat"]


def test_unknown_users_are_cached_too(client, quick_code, github_stub):
    fill_from_github(client, quick_code, github_username="nobody-here")

    again = fill_from_github(client, quick_code, github_username="nobody-here")

    assert "GitHub has no user called nobody-here." in html(again)
    assert github_stub.hits == ["/users/nobody-here"]


def test_a_failed_lookup_is_not_cached(client, quick_code, github_stub, monkeypatch):
    monkeypatch.setattr(github, "TIMEOUT_SECONDS", 0.2)
    github_stub.profiles["octocat"] = OCTOCAT
    github_stub.delay = 1.0
    fill_from_github(client, quick_code, github_username="octocat")
    github_stub.delay = 0

    again = fill_from_github(client, quick_code, github_username="octocat")

    assert input_value(again, "name") == "The Octocat"
    assert len(github_stub.hits) == 2


@pytest.mark.parametrize("typed", ["-octocat", "octo cat", "../admin", "", "a" * 40])
def test_an_invalid_username_never_calls_github(client, alice, quick_code, github_stub, typed):
    response = fill_from_github(client, quick_code, github_username=typed)

    assert response.status_code == 200
    assert "That is not a valid GitHub username." in html(response)
    assert github_stub.hits == []
    assert nothing_saved(alice, quick_code)


def test_the_prefill_never_saves_even_with_a_complete_form(client, alice, quick_code, octocat):
    data = form_data(github_username="octocat", action="github")

    response = client.post(public_url(quick_code), data)

    assert response.status_code == 200
    assert nothing_saved(alice, quick_code)
