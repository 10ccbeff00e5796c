"""A study group in the browser: three members and a weekly schedule, its next session on the
dashboard, a session recorded with two of them and a resource, and the attendance it adds up
to."""

import datetime as dt

import pytest
import time_machine
from playwright.sync_api import Page, expect

from collaborations.models import Collaboration
from reminders.models import Reminder
from tests.conftest import make_contact, make_user
from tests.e2e.test_contacts_journey import log_in
from tests.resources.conftest import make_resource

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# Sunday 1 March 2026, 10:00 in Berlin.
START = dt.datetime(2026, 3, 1, 9, 0, tzinfo=dt.UTC)
MEMBERS = ("Ada Lovelace", "Grace Hopper", "Alan Turing")


def test_a_study_group_meets_weekly_and_counts_who_came(page: Page) -> None:
    with time_machine.travel(START, tick=True):
        bea = make_user("bea")
        bea.time_zone = "Europe/Berlin"
        bea.save(update_fields=["time_zone"])
        ada, *_ = (make_contact(bea, name=name) for name in MEMBERS)
        make_resource(ada, title="The Rust Book", url="https://doc.rust-lang.org/book/")
        log_in(page, "bea")

        # A study group meeting on Tuesdays at 18:00.
        page.goto("/collaborations/new/")
        page.get_by_label("Title").fill("Rust book club")
        page.get_by_label("Kind").select_option("study_group")
        page.get_by_label("Stage").select_option("in_progress")
        page.get_by_label("Meets weekly on").select_option(label="Tuesday")
        page.get_by_label("At", exact=True).fill("18:00")
        page.get_by_role("button", name="Save").click()
        expect(page.get_by_role("heading", name="Rust book club")).to_be_visible()
        expect(page.get_by_text("Weekly on Tuesdays at 18:00")).to_be_visible()
        expect(page.get_by_text("Tue 3 Mar 2026, 18:00")).to_be_visible()

        # Its three members.
        people = page.get_by_role("form", name="Add a person")
        for name in MEMBERS:
            people.get_by_label("Contact").select_option(label=name)
            people.get_by_label("Role").select_option("member")
            people.get_by_role("button", name="Add").click()
            expect(page.locator("#people li", has_text=name)).to_contain_text("Member")

        # The dashboard shows the next session.
        page.goto("/")
        card = page.get_by_role("region", name="Collaborations")
        expect(card).to_contain_text("Tue 3 Mar, 18:00 — Session: Rust book club")
        card.get_by_role("link", name="Rust book club").click()

        # Tuesday's session, two of three came.
        page.get_by_role("link", name="Add a session").click()
        page.get_by_label("Date").fill("2026-03-03")
        page.get_by_label("Topic").fill("Ownership and borrowing")
        page.get_by_label("Ada Lovelace").check()
        page.get_by_label("Grace Hopper").check()
        page.get_by_label("Resources").select_option(label="The Rust Book (Ada Lovelace)")
        page.get_by_role("button", name="Save").click()

        sessions = page.locator("#sessions")
        expect(sessions).to_contain_text("3 Mar 2026: Ownership and borrowing")
        expect(sessions).to_contain_text("2 came: Ada Lovelace, Grace Hopper")
        book = sessions.get_by_role("link", name="The Rust Book")
        expect(book).to_have_attribute("href", "https://doc.rust-lang.org/book/")
        expect(sessions.get_by_text("Ada Lovelace: 1 of 1")).to_be_visible()
        expect(sessions.get_by_text("Grace Hopper: 1 of 1")).to_be_visible()
        expect(sessions.get_by_text("Alan Turing: 0 of 1")).to_be_visible()
        # The following week's meeting is next, and its reminder took the place of the done one.
        expect(page.get_by_text("Tue 10 Mar 2026, 18:00")).to_be_visible()
        group = Collaboration.objects.get(owner=bea)
        reminders = Reminder.objects.filter(collaboration=group).order_by("due_on")
        assert [(r.due_on.isoformat(), r.is_open) for r in reminders] == [
            ("2026-03-03", False),
            ("2026-03-10", True),
        ]
