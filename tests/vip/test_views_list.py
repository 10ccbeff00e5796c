"""/vip/: every VIP as a card, most overdue first, filterable by tag."""

import datetime as dt
from datetime import UTC, datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from contacts.models import Contact
from interactions.models import Interaction
from tests.conftest import make_contact
from tests.devhub.conftest import Element
from tests.interactions.conftest import submitted_data
from tests.vip.conftest import (
    HX,
    find_all,
    find_one,
    html,
    is_fragment,
    login_url_for,
    make_contact_info,
    make_full_vip,
    make_profile,
    make_vip,
)
from vip.models import ContactInfo

pytestmark = pytest.mark.django_db

LIST_URL = reverse("vip:list")
NOW = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def frozen_clock():
    with time_machine.travel(NOW, tick=False):
        yield


def cards(response) -> list[Element]:
    page = html(response)
    if not find_all(page, "ul", aria_label="VIP contacts"):
        return []
    return list(find_one(page, "ul", aria_label="VIP contacts").children)


def card_names(response) -> list[str]:
    return [find_all(card.descendants(), "h2")[0].clean_text for card in cards(response)]


def card_for(response, name: str) -> Element:
    (card,) = [c for c in cards(response) if find_all(c.descendants(), "h2")[0].clean_text == name]
    return card


def card_facts(card: Element) -> dict[str, str]:
    """The card's <dt>/<dd> pairs, e.g. {"Next check-in": "15 Jan 2026"}."""
    items = [e for e in card.descendants() if e.tag in ("dt", "dd")]
    return {dt_.clean_text: dd.clean_text for dt_, dd in zip(items[::2], items[1::2], strict=True)}


# --- Who is listed ------------------------------------------------------------------------------


def test_lists_only_the_owners_active_vips(alice_client, alice, charlie):
    make_vip(alice, name="Ada Lovelace")
    make_vip(alice, name="Grace Hopper")
    make_contact(alice, name="Not A VIP")
    make_vip(alice, name="Archived VIP", is_archived=True)
    make_vip(charlie, name="Charlie's VIP")

    response = alice_client.get(LIST_URL)

    assert response.status_code == 200
    assert sorted(card_names(response)) == ["Ada Lovelace", "Grace Hopper"]
    page = html(response)
    assert "Not A VIP" not in page
    assert "Archived VIP" not in page
    assert "Charlie" not in page


def test_most_overdue_first_and_passive_last(alice_client, alice):
    # Alice's VIP default is every 14 days.
    make_vip(alice, name="Due soon", last_contacted=dt.date(2026, 3, 1))  # next 15 Mar
    make_vip(alice, name="Passive", status="passive", last_contacted=dt.date(2025, 1, 1))
    make_vip(alice, name="Very overdue", last_contacted=dt.date(2026, 1, 1))  # next 15 Jan
    make_vip(  # own frequency of 7 days: next 27 Feb
        alice, name="Weekly", follow_up_days=7, last_contacted=dt.date(2026, 2, 20)
    )

    response = alice_client.get(LIST_URL)

    assert card_names(response) == ["Very overdue", "Weekly", "Due soon", "Passive"]


def test_never_contacted_vip_counts_from_the_day_they_were_added(alice_client, alice):
    with time_machine.travel(datetime(2026, 2, 1, 12, tzinfo=UTC), tick=False):
        make_vip(alice, name="Added in February")  # next 15 Feb
    make_vip(alice, name="Contacted last week", last_contacted=dt.date(2026, 3, 3))

    response = alice_client.get(LIST_URL)

    assert card_names(response) == ["Added in February", "Contacted last week"]
    facts = card_facts(card_for(response, "Added in February"))
    assert facts["Last contacted"] == "never"
    assert facts["Next check-in"] == "15 Feb 2026"


# --- What a card shows ----------------------------------------------------------------------------


def test_card_shows_status_dates_channel_and_stack(alice_client, alice):
    make_full_vip(alice, name="Ada Lovelace", last_contacted=dt.date(2026, 1, 1))

    card = card_for(alice_client.get(LIST_URL), "Ada Lovelace")

    # 68 days since the last contact, at a VIP's 14-day rhythm: past three periods.
    assert "Reconnect" in [e.clean_text for e in card.descendants() if "badge" in e.classes]
    assert "54 days overdue" in card.clean_text
    assert card_facts(card) == {
        "Last contacted": "1 Jan 2026",
        "Next check-in": "15 Jan 2026",
        "Channel": "Signal",
    }
    stack = find_one(card.descendants(), "p", aria_label="Tech stack")
    assert [e.clean_text for e in stack.children] == ["Python", "Rust"]
    link = find_all(card.descendants(), "a")[0]
    assert link.get("href") == reverse("contacts:detail", args=[Contact.objects.get().code])


def test_card_of_a_vip_without_details_says_so(alice_client, alice):
    make_vip(alice, name="Fresh VIP", status="passive")

    card = card_for(alice_client.get(LIST_URL), "Fresh VIP")

    assert card_facts(card) == {
        "Last contacted": "never",
        "Next check-in": "— (pinned)",
        "Channel": "—",
    }
    assert "overdue" not in card.clean_text
    assert not find_all(card.descendants(), aria_label="Tech stack")


def test_card_not_yet_due_shows_no_overdue_badge(alice_client, alice):
    make_vip(alice, name="Ada Lovelace", last_contacted=dt.date(2026, 3, 9))

    card = card_for(alice_client.get(LIST_URL), "Ada Lovelace")

    assert card_facts(card)["Next check-in"] == "23 Mar 2026"
    assert "overdue" not in card.clean_text


def test_card_quick_log_form_posts_to_the_quick_log_and_returns_here(alice_client, alice):
    ada = make_vip(alice, name="Ada Lovelace")

    card = card_for(alice_client.get(LIST_URL), "Ada Lovelace")

    form = find_one(card.descendants(), "form")
    assert form.get("method") == "post"
    assert form.get("action") == reverse("interactions:quick_log", args=[ada.code])
    data = submitted_data(form)
    assert data["next"] == LIST_URL
    assert "csrfmiddlewaretoken" in data
    options = [e.clean_text for e in form.descendants() if e.tag == "option"]
    assert "Coffee chat" in options


def test_quick_log_from_a_card_logs_and_comes_back_to_the_vip_list(alice_client, alice):
    ada = make_vip(alice, name="Ada Lovelace", last_contacted=dt.date(2026, 1, 1))
    form = find_one(card_for(alice_client.get(LIST_URL), "Ada Lovelace").descendants(), "form")
    data = submitted_data(form) | {"quick-notes": "Talked about the engine"}

    response = alice_client.post(form.get("action"), data)

    assert response.status_code == 302
    assert response.url == LIST_URL
    interaction = Interaction.objects.get(contact=ada)
    assert interaction.notes == "Talked about the engine"
    page = alice_client.get(response.url)
    assert "Logged a" in html(page)
    facts = card_facts(card_for(page, "Ada Lovelace"))
    assert facts["Last contacted"] == "10 Mar 2026"
    assert facts["Next check-in"] == "24 Mar 2026"


# --- Tag filter -----------------------------------------------------------------------------------


def test_filter_by_several_tags_keeps_vips_with_all_of_them(alice_client, alice):
    make_vip(alice, name="Both", tags=["Python", "Rust"])
    make_vip(alice, name="Python only", tags=["Python"])
    make_vip(alice, name="Rust only", tags=["Rust"])
    make_vip(alice, name="Untagged")

    both = alice_client.get(LIST_URL, {"tag": ["Python", "Rust"]})
    python = alice_client.get(LIST_URL, {"tag": "python"})

    assert card_names(both) == ["Both"]
    assert card_names(python) == ["Both", "Python only"]


def test_filter_offers_the_tags_of_vips_and_keeps_the_choice_checked(alice_client, alice):
    make_vip(alice, name="Ada Lovelace", tags=["Python", "Rust"])
    make_contact(alice, name="Not A VIP", tags=["Cobol"])

    page = html(alice_client.get(LIST_URL, {"tag": "Rust"}))

    boxes = find_all(page, "input", name="tag")
    assert [box.get("value") for box in boxes] == ["Python", "Rust"]
    assert [box.has("checked") for box in boxes] == [False, True]
    form = find_one(page, "form", aria_label="Filter VIPs by tag")
    assert form.get("action") == LIST_URL
    assert form.get("hx-target") == "#cards"


def test_filter_with_no_match_offers_to_clear_it(alice_client, alice):
    make_vip(alice, name="Ada Lovelace", tags=["Python"])
    make_contact(alice, name="Rusty", tags=["Rust"])

    response = alice_client.get(LIST_URL, {"tag": "Rust"})

    assert cards(response) == []
    page = html(response)
    assert "No VIPs with these tags" in page
    assert find_one(page, "a", href=LIST_URL, class_="btn btn-sm").clean_text == "Clear the filter"


def test_empty_state_explains_how_to_add_vips(alice_client, alice):
    make_contact(alice, name="Not A VIP")

    response = alice_client.get(LIST_URL)

    page = html(response)
    assert cards(response) == []
    assert "No VIPs yet" in page
    assert find_all(page, "a", href=reverse("contacts:list"), class_="btn btn-sm btn-primary")
    assert not find_all(page, "form", aria_label="Filter VIPs by tag")


# --- HTMX, access, method -------------------------------------------------------------------------


def test_htmx_request_returns_only_the_cards(alice_client, alice):
    make_vip(alice, name="Ada Lovelace", tags=["Python"])
    make_vip(alice, name="Grace Hopper", tags=["Cobol"])

    response = alice_client.get(LIST_URL, {"tag": "Python"}, **HX)

    assert response.status_code == 200
    assert is_fragment(response)
    assert card_names(response) == ["Ada Lovelace"]
    assert not find_all(html(response), "form", aria_label="Filter VIPs by tag")


def test_htmx_history_restore_gets_the_whole_page(alice_client, alice):
    make_vip(alice, name="Ada Lovelace")

    response = alice_client.get(LIST_URL, **HX, HTTP_HX_HISTORY_RESTORE_REQUEST="true")

    assert "<html" in html(response)
    assert card_names(response) == ["Ada Lovelace"]


def test_anonymous_visitor_is_sent_to_login(client):
    response = client.get(LIST_URL)

    assert response.status_code == 302
    assert response.url == login_url_for(LIST_URL)


def test_list_is_get_only(alice_client):
    assert alice_client.post(LIST_URL).status_code == 405


def test_vip_list_is_in_the_main_navigation(alice_client):
    page = html(alice_client.get(LIST_URL))

    nav = find_one(page, "nav", aria_label="Main")
    # The same link appears in the wide-screen bar and in the narrow-screen menu.
    links = find_all(nav.descendants(), "a", href=LIST_URL)
    assert len(links) == 2
    assert all(link.get("aria-current") == "page" for link in links)


# --- Queries --------------------------------------------------------------------------------------


def make_detailed_vips(owner, count: int, start: int = 0) -> None:
    for n in range(start, start + count):
        contact = make_vip(owner, name=f"VIP {n:02}", tags=[f"Team {n % 3}"])
        make_contact_info(contact, preferred_channel=ContactInfo.Channel.SLACK)
        make_profile(contact, stack=["Python", f"Lang {n}"])


def test_queries_do_not_grow_with_the_number_of_vips(
    alice_client, alice, django_assert_max_num_queries
):
    make_detailed_vips(alice, 3)
    alice_client.get(LIST_URL)  # warm up the per-user built-in interaction types
    with CaptureQueriesContext(connection) as three:
        response = alice_client.get(LIST_URL)
    assert len(card_names(response)) == 3

    make_detailed_vips(alice, 17, start=3)
    with django_assert_max_num_queries(len(three)):
        response = alice_client.get(LIST_URL)

    assert len(card_names(response)) == 20
    assert "Lang 19" in html(response)
    assert html(response).count("Slack") == 20
