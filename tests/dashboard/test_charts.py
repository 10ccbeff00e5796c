"""The relationship-health charts: server-rendered SVG bars, their text alternative and links."""

import datetime as dt
import itertools
from urllib.parse import urlencode

import pytest
from django.urls import reverse

from contacts.models import Contact
from dashboard import charts
from devhub.lib.charts import bars as layout_bars
from tests.conftest import make_contact
from tests.dashboard.conftest import (
    HX,
    TODAY,
    at,
    find_all,
    find_one,
    html,
    in_zone_of,
    make_interaction,
    section,
    widget_url,
)

Status = Contact.Status


def results_text(client, url: str) -> str:
    """The results of a list page (not its filter menus, which name every contact)."""
    return find_one(html(client.get(url)), id="results").clean_text


# --- Layout ----------------------------------------------------------------------------------


def test_bars_scale_to_the_largest_value():
    bars = layout_bars([("a", 2, "/a"), ("b", 4, "/b"), ("c", 0, "/c")], width=300, height=100)

    assert [bar.height for bar in bars] == [50.0, 100.0, 0.0]
    # SVG y grows downwards: every bar stands on the same baseline.
    assert [bar.y + bar.height for bar in bars] == [100.0, 100.0, 100.0]
    assert [(bar.label, bar.value, bar.url) for bar in bars] == [
        ("a", 2, "/a"),
        ("b", 4, "/b"),
        ("c", 0, "/c"),
    ]


def test_bars_share_the_width_left_to_right_without_overlapping():
    bars = layout_bars([(str(n), n, "") for n in range(12)], width=320)

    assert len({bar.width for bar in bars}) == 1
    assert bars[0].width > 0
    for left, right in itertools.pairwise(bars):
        assert left.x + left.width < right.x
    assert bars[0].x >= 0
    assert bars[-1].x + bars[-1].width <= 320


def test_no_data_draws_no_bars():
    assert layout_bars([]) == []


def test_all_zero_values_draw_flat_bars():
    bars = layout_bars([("a", 0, ""), ("b", 0, "")], height=120)

    assert [(bar.height, bar.y) for bar in bars] == [(0.0, 120.0), (0.0, 120.0)]


# --- Links to the filtered lists -------------------------------------------------------------


@pytest.mark.django_db
def test_status_bars_link_to_the_contacts_list_filtered_by_status(alice_client, alice):
    make_contact(alice, name="Regular Rita", status=Status.REGULAR_CONTACT)
    make_contact(alice, name="Reconnect Rob", status=Status.RECONNECT)
    make_contact(alice, name="Reconnect Ray", status=Status.RECONNECT)

    bars = charts.health(alice, TODAY)["status_bars"]

    assert [(bar.label, bar.value) for bar in bars] == [
        ("Active collaboration", 0),
        ("Regular contact", 1),
        ("Check-in due", 0),
        ("Reconnect", 2),
        ("Passive", 0),
    ]
    reconnect = bars[3]
    assert reconnect.url == reverse("contacts:list") + "?status=reconnect"
    assert reconnect.height == 120.0
    assert bars[1].height == 60.0
    listed = results_text(alice_client, reconnect.url)
    assert "Reconnect Rob" in listed
    assert "Reconnect Ray" in listed
    assert "Regular Rita" not in listed


@pytest.mark.django_db
def test_week_bars_link_to_the_interactions_of_that_week(alice_client, alice):
    make_interaction(make_contact(alice, name="Sunday Sam"), occurred_at=at(2026, 3, 8, 20))
    make_interaction(make_contact(alice, name="Monday Mo"), occurred_at=at(2026, 3, 9, 8))
    make_interaction(make_contact(alice, name="Tuesday Tia"), occurred_at=at(2026, 3, 10, 9))

    with in_zone_of(alice):
        bars = charts.health(alice, TODAY)["week_bars"]

    assert len(bars) == 12
    assert [bar.label for bar in bars[:2]] == ["22 Dec", "29 Dec"]
    this_week, last_week = bars[-1], bars[-2]
    assert (this_week.label, this_week.value) == ("9 Mar", 2)
    assert (last_week.label, last_week.value) == ("2 Mar", 1)
    assert this_week.url == reverse("interactions:list") + "?" + urlencode(
        {"start": "2026-03-09", "end": "2026-03-15"}
    )
    assert this_week.height == 120.0
    assert last_week.height == 60.0
    listed = results_text(alice_client, this_week.url)
    assert "Monday Mo" in listed
    assert "Tuesday Tia" in listed
    assert "Sunday Sam" not in listed


@pytest.mark.django_db
def test_tech_stack_badges_link_to_the_contacts_with_that_tag(alice_client, alice):
    make_contact(alice, name="Bjarne", tags=["C++"])
    make_contact(alice, name="Guido", tags=["Python"])

    page = html(alice_client.get(widget_url("stack"), **HX))
    link = find_one(section(page, "stack").descendants(), "a", href="/contacts/?tag=C%2B%2B")

    assert link.clean_text == "C++ · 1"
    listed = results_text(alice_client, link.get("href"))
    assert "Bjarne" in listed
    assert "Guido" not in listed


# --- Accessibility ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_charts_are_images_with_a_text_alternative_listing_every_value(alice_client, alice):
    make_contact(alice, name="A", status=Status.PASSIVE)
    make_contact(alice, name="B", status=Status.RECONNECT)
    ada = make_contact(alice, name="Ada")  # a regular contact
    make_interaction(ada, occurred_at=at(2026, 3, 9, 8))
    make_interaction(ada, occurred_at=at(2026, 1, 6, 8))

    page = html(alice_client.get(widget_url("health"), **HX))
    health = section(page, "health").descendants()
    svgs = find_all(health, "svg")

    assert len(svgs) == 2
    texts = []
    for svg in svgs:
        assert svg.get("role") == "img"
        title_id, desc_id = svg.get("aria-labelledby").split()
        assert find_one(health, id=title_id).clean_text
        desc = find_one(svg.descendants(), "desc", id=desc_id)
        texts.append(desc.clean_text)
    status_text, weeks_text = texts
    assert status_text == (
        "Active collaboration: 0; Regular contact: 1; Check-in due: 0; Reconnect: 1; Passive: 1"
    )
    weeks = weeks_text.split("; ")
    mondays = [dt.date(2025, 12, 22) + dt.timedelta(weeks=n) for n in range(12)]
    expected = {dt.date(2026, 1, 5): 1, dt.date(2026, 3, 9): 1}
    assert weeks == [
        f"week of {monday.day} {monday:%b}: {expected.get(monday, 0)}" for monday in mondays
    ]


@pytest.mark.django_db
def test_every_bar_has_a_link_with_its_own_label_beside_the_chart(alice_client, alice):
    make_contact(alice, name="A", status=Status.PASSIVE)

    page = html(alice_client.get(widget_url("health"), **HX))
    widget = section(page, "health").descendants()
    # The charts are images: links inside an image would be hidden from screen readers.
    for svg in find_all(widget, "svg"):
        assert not find_all(svg.descendants(), "a")
    status_list, week_list = find_all(widget, "ul")
    status_links = find_all(status_list.descendants(), "a")
    assert [a.get("href") for a in status_links] == [
        f"/contacts/?status={value}" for value, _ in Status.choices
    ]
    assert status_links[4].clean_text == "Passive: 1"
    week_links = find_all(week_list.descendants(), "a")
    assert len(week_links) == 12
    assert week_links[-1].get("href") == "/interactions/?start=2026-03-09&end=2026-03-15"
    assert week_links[-1].clean_text == "Week of 9 Mar: 0"
