"""A project's page: details, money, people, communication history, linked interactions and the
buttons of its milestones, payments and time."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from interactions import services as interaction_services
from interactions.models import Interaction, InteractionType
from projects import services
from projects.models import Member
from tests.conftest import make_contact
from tests.devhub.conftest import Element, find_all, find_one
from tests.projects.conftest import (
    HX,
    add_member,
    html,
    is_fragment,
    make_milestone,
    make_payment,
    make_project,
    make_time,
    url,
)

pytestmark = pytest.mark.django_db


def log(contact, subject: str) -> Interaction:
    call = InteractionType.objects.for_owner(contact.owner).get(builtin_key="call")
    interaction = Interaction(contact=contact, type=call, subject=subject)
    interaction_services.save_interaction(interaction)
    return interaction


def test_the_money_per_currency_with_two_decimals(alice_client, alice, frozen_clock):
    project = make_project(alice, pricing="fixed", rate=Decimal("5000"))
    make_payment(project, amount=Decimal("1500.5"), invoiced_on=date(2026, 3, 1))

    page = html(alice_client.get(url("detail", project.code)))

    assert "5000.00 EUR" in page
    assert "1500.50 EUR" in page


def test_people_can_be_added_once_per_role_and_removed(alice_client, alice, project):
    ada = make_contact(alice, name="Ada Lovelace")
    add = url("add_member", project.code)

    response = alice_client.post(add, {"contact": ada.code, "role": "stakeholder"})
    again = alice_client.post(add, {"contact": ada.code, "role": "stakeholder"}, follow=True)

    assert response.url == url("detail", project.code) + "#people"
    assert "That person already has this role here." in html(again)
    # Refused, the page comes back with the form open to try again.
    assert again.redirect_chain[-1][0] == url("detail", project.code) + "?panel=people#people"
    assert find_one(html(again), "select", name="contact")
    member = Member.objects.get()
    alice_client.post(url("remove_member", member.code))
    assert not Member.objects.exists()


def test_another_users_contact_cannot_join(alice_client, charlie, project):
    mallory = make_contact(charlie, name="Mallory")

    response = alice_client.post(
        url("add_member", project.code), {"contact": mallory.code, "role": "client"}, follow=True
    )

    assert "Could not add that person" in html(response)
    assert not Member.objects.exists()


def test_history_shows_the_peoples_interactions_newest_first_in_pages(alice_client, project):
    ada = add_member(project).contact
    for index in range(12):
        log(ada, f"Talk {index:02}")
    log(make_contact(project.owner, name="Stranger"), "Not about this")

    page = html(alice_client.get(url("detail", project.code)))
    first = find_one(page, "div", id="history").clean_text
    older = alice_client.get(url("detail", project.code), {"history": 2}, **HX)

    assert "Talk 11" in first and "Talk 02" in first and "Talk 01" not in first
    assert "Not about this" not in first
    assert is_fragment(older)
    assert html(older).lstrip().startswith('<div id="history">')
    assert "Talk 01" in html(older) and "Talk 00" in html(older)


def test_an_interaction_of_the_people_can_be_linked_and_unlinked(alice_client, project):
    talk = log(add_member(project).contact, "Kick-off")
    stranger = log(make_contact(project.owner, name="Stranger"), "Other")

    alice_client.post(url("link_interaction", project.code), {"interaction": talk.code})
    refused = alice_client.post(
        url("link_interaction", project.code), {"interaction": stranger.code}, follow=True
    )

    assert list(project.interactions.all()) == [talk]
    assert "Could not link it" in html(refused)
    assert refused.redirect_chain[-1][0] == url("detail", project.code) + "?panel=link#linked"
    alice_client.post(url("unlink_interaction", project.code), {"interaction": talk.code})
    assert not project.interactions.exists()


def test_the_pickers_are_drawn_when_their_part_of_the_page_is_opened(alice_client, alice, project):
    ada = add_member(project, make_contact(alice, name="Ada Lovelace")).contact
    log(ada, "Kick-off")
    page_url = url("detail", project.code)

    page = html(alice_client.get(page_url))
    people = alice_client.get(page_url, {"panel": "people"})
    people_part = alice_client.get(page_url, {"panel": "people"}, **HX)
    link_part = alice_client.get(page_url, {"panel": "link"}, **HX)

    # Closed, each part is a link that opens it (HTMX draws it in place when opened).
    assert not find_all(page, "select", name="contact") + find_all(
        page, "select", name="interaction"
    )
    for panel, anchor in (("people", "people"), ("link", "linked")):
        opener = find_one(page, "p", hx_get=f"{page_url}?panel={panel}")
        assert opener.get("hx-trigger") == "toggle from:closest details once"
        assert find_one(opener.descendants(), "a").get("href") == f"?panel={panel}#{anchor}"
    # Without JavaScript the link shows the page with that part open.
    details = [d for d in find_all(html(people), "details") if d.has("open")]
    assert [d.children[0].clean_text for d in details] == ["Add a person"]
    assert "Ada Lovelace" in [o.clean_text for o in find_all(html(people), "option")]
    # With it, only the part.
    assert is_fragment(people_part) and html(people_part).lstrip().startswith("<form")
    assert find_one(html(people_part), "select", name="contact")
    assert is_fragment(link_part)
    assert [o.clean_text for o in find_all(html(link_part), "option")][-1].endswith(
        "Ada Lovelace: Kick-off"
    )


def test_with_nothing_to_link_the_opened_part_says_what_can_be(alice_client, project):
    part = alice_client.get(url("detail", project.code), {"panel": "link"}, **HX)

    assert "Interactions with the people on this project can be linked here." in html(part)
    assert not find_all(html(part), "select")


def test_each_rows_buttons_post_to_that_rows_address(alice_client, project):
    milestone = make_milestone(project, title="Beta <1>")
    due = make_payment(project, amount=Decimal("1200.5"), milestone=milestone)
    paid = make_payment(project, description="Deposit", invoiced_on=date(2026, 3, 1))
    services.mark_paid(paid, date(2026, 3, 5))
    billed = make_time(project, "1.5", note="Design")
    bill = services.bill_time(project, [billed], date(2026, 4, 1))
    entry, free = make_time(project, "2", note="Build & test"), make_time(project, billable=False)

    page = html(alice_client.get(url("detail", project.code)))

    def posts(name: str, code) -> list[Element]:
        buttons = find_all(page, "button", formaction=url(name, code))
        assert buttons and all(b.get("form") == "row-actions" for b in buttons)
        return buttons

    find_one(page, "form", id="row-actions")
    statuses = [b.clean_text for b in posts("milestone_status", milestone.code)]
    assert statuses == ["In progress Beta <1>", "Delivered Beta <1>", "Accepted Beta <1>"]
    assert "Beta <1>" not in page  # escaped
    assert "1200.50 EUR" in page and "(Beta &lt;1&gt;)" in page
    posts("payment_write_off", due.code)
    # Marking paid keeps a form and a date per payment: Enter there marks that one paid.
    form = find_one(page, "form", action=url("payment_paid", due.code))
    assert find_one(form.descendants(), "input", name="paid_on").get("value") == "2026-03-10"
    assert not find_all(page, "form", action=url("payment_paid", paid.code))
    assert "paid 5 Mar 2026" in page
    assert [b.clean_text for b in posts("time_delete", entry.code)] == [
        "Delete 2.00 h on 2026-03-10"
    ]
    assert find_one(page, "input", name="entries").get("value") == str(entry.code)
    assert "10 Mar 2026: 2 h — Build &amp; test" in page
    posts("time_delete", free.code)
    assert f"10 Mar 2026: 1.50 h — Design (billed in {bill})" in page


def test_queries_do_not_grow_with_the_rows(alice_client, project, django_assert_max_num_queries):
    def add(index: int) -> None:
        milestone = make_milestone(project, title=f"M{index}")
        make_payment(project, milestone=milestone, invoiced_on=date(2026, 3, 1))
        services.bill_time(project, [make_time(project)], date(2026, 4, 1))
        make_time(project, note=f"T{index}")
        make_time(project, billable=False)

    add(0)
    with CaptureQueriesContext(connection) as few:
        alice_client.get(url("detail", project.code))
    for index in range(1, 25):
        add(index)

    with django_assert_max_num_queries(len(few.captured_queries)):
        response = alice_client.get(url("detail", project.code))

    assert len(find_all(html(response), "input", name="entries")) == 25
    assert "Billed time (25, the latest 20 shown)" in html(response)
