"""A talk with a co-speaker, in the browser: created, moved to published with the board's keyboard
"move to" form, two pieces of audience feedback, and both on "what people asked for"."""

import datetime as dt

import pytest
import time_machine
from playwright.sync_api import Page, expect

from collaborations.models import Collaboration, Feedback
from tests.conftest import make_contact, make_user
from tests.e2e.test_contacts_journey import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

START = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


def column(page: Page, name: str):
    return page.get_by_role("region", name=name)


def add_feedback(page: Page, kind: str, text: str, *, contact: str = "", name: str = "") -> None:
    expect(page.get_by_role("heading", name="Audience feedback")).to_be_visible()
    if page.locator("#feedback details").get_attribute("open") is None:
        page.locator("#feedback summary").click()
    form = page.get_by_role("form", name="Add feedback")
    form.get_by_label("Kind").select_option(kind)
    form.get_by_label("Channel").fill("Conference Q&A")
    if contact:
        form.get_by_label("From a contact").select_option(label=contact)
    form.get_by_label("Or from").fill(name)
    form.get_by_label("Text").fill(text)
    form.get_by_role("button", name="Add feedback").click()
    expect(page.locator("#feedback li", has_text=text)).to_be_visible()


def test_a_talk_from_creation_to_what_people_asked_for(page: Page) -> None:
    with time_machine.travel(START, tick=True):
        ada = make_user("ada")
        make_contact(ada, name="Grace Hopper")
        log_in(page, "ada")

        # A new talk, from the empty board.
        page.goto("/collaborations/")
        page.get_by_role("link", name="Add the first collaboration").click()
        page.get_by_label("Title").fill("Async Django in practice")
        page.get_by_label("Kind").select_option("talk")
        page.get_by_label("Target date").fill("2026-04-10")
        page.get_by_role("button", name="Save").click()
        expect(page.get_by_role("heading", name="Async Django in practice")).to_be_visible()

        # Grace speaks too.
        people = page.get_by_role("form", name="Add a person")
        people.get_by_label("Contact").select_option(label="Grace Hopper")
        people.get_by_label("Role").select_option("speaker")
        people.get_by_role("button", name="Add").click()
        expect(page.locator("#people li", has_text="Grace Hopper")).to_contain_text("Speaker")

        # Published, with the board's keyboard "move to" form.
        page.get_by_role("navigation", name="Main").get_by_role(
            "link", name="Collaborations"
        ).click()
        talk_link = column(page, "Idea").get_by_role("link", name="Async Django in practice")
        expect(talk_link).to_be_visible()
        menu = page.get_by_label("Move Async Django in practice to")
        menu.focus()
        menu.select_option("published")
        page.keyboard.press("Tab")
        expect(page.get_by_role("button", name="Move Async Django in practice")).to_be_focused()
        page.keyboard.press("Enter")
        published = column(page, "Published or done")
        expect(published.get_by_role("link", name="Async Django in practice")).to_be_visible()
        expect(page.locator("#board [role=status]")).to_have_text(
            "Moved Async Django in practice to Published or done."
        )
        talk = Collaboration.objects.get(owner=ada)
        assert talk.stage == "published"
        assert list(talk.stage_changes.values_list("to_stage", flat=True)) == [
            "idea",
            "published",
        ]

        # Two pieces of feedback on its page.
        published.get_by_role("link", name="Async Django in practice").click()
        add_feedback(page, "question", "How do you test async views?", contact="Grace Hopper")
        add_feedback(page, "request", "Please write it up as a post.", name="@sam")
        assert Feedback.objects.filter(collaboration=talk).count() == 2

        # Both on the overall view; a kind filter keeps only the requests.
        page.get_by_role("link", name="What people asked for").click()
        page.wait_for_load_state()  # htmx listens to the filters from here on, as for a person
        results = page.locator("#results")
        expect(results).to_contain_text("How do you test async views?")
        expect(results).to_contain_text("Please write it up as a post.")
        expect(results).to_contain_text("Grace Hopper")
        page.get_by_label("Kind").select_option("request")
        expect(results).not_to_contain_text("How do you test async views?")
        expect(results).to_contain_text("Please write it up as a post.")
