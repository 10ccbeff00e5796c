"""A contact's timeline: newest first, a heading per month, 20 entries a page."""

import pytest
from django.urls import reverse

from contacts.models import Contact
from tests.devhub.conftest import find_all, find_one
from tests.interactions.conftest import (
    HX,
    at,
    detail_url,
    html,
    is_fragment,
    login_url_for,
    make_interaction,
    missing_htmx_targets,
)

pytestmark = pytest.mark.django_db


def timeline_url(contact: Contact, query: str = "") -> str:
    return reverse("interactions:timeline", args=[contact.code]) + query


def headings(page: str) -> list[str]:
    return [h.clean_text for h in find_all(page, "h3")]


def subjects(page: str) -> list[str]:
    return [p.clean_text for p in find_all(page, "p", **{"class": "font-semibold mt-1"})]


@pytest.fixture
def busy(ada) -> Contact:
    """25 interactions: 12 in March, 10 in February, 3 in January; page 1 ends mid-February."""
    for day in range(1, 4):
        make_interaction(ada, occurred_at=at(2026, 1, day), subject=f"Jan {day}")
    for day in range(1, 11):
        make_interaction(ada, occurred_at=at(2026, 2, day), subject=f"Feb {day}")
    for day in range(1, 13):
        make_interaction(ada, occurred_at=at(2026, 3, day), subject=f"Mar {day}")
    return ada


def test_first_page_is_newest_first_with_each_month_headed_once(alice_client, busy):
    response = alice_client.get(timeline_url(busy))

    assert response.status_code == 200
    page = html(response)
    assert "<html" in page
    assert headings(page) == ["March 2026", "February 2026"]
    expected = [f"Mar {d}" for d in range(12, 0, -1)] + [f"Feb {d}" for d in range(10, 2, -1)]
    assert subjects(page) == expected  # 20 entries


def test_older_link_works_without_javascript(alice_client, busy):
    page = html(alice_client.get(timeline_url(busy)))

    more = find_one(page, "li", id="timeline-more")
    link = find_one(more.children, "a")
    assert link.get("href") == timeline_url(busy, "?page=2")
    assert "Older interactions" in link.text
    assert more.get("hx-get") == timeline_url(busy, "?page=2&after=2026-02")
    assert more.get("hx-trigger") == "revealed"
    assert missing_htmx_targets(page) == []


def test_plain_second_page_heads_its_first_month(alice_client, busy):
    page = html(alice_client.get(timeline_url(busy, "?page=2")))

    assert headings(page) == ["February 2026", "January 2026"]
    assert subjects(page) == ["Feb 2", "Feb 1", "Jan 3", "Jan 2", "Jan 1"]
    assert not find_all(page, "li", id="timeline-more")
    assert "Older interactions" not in page


def test_htmx_next_page_continues_the_month_without_a_second_heading(alice_client, busy):
    response = alice_client.get(timeline_url(busy, "?page=2&after=2026-02"), **HX)

    assert response.status_code == 200
    assert is_fragment(response)
    page = html(response)
    assert 'id="timeline"' not in page  # entries only, appended to the list
    assert headings(page) == ["January 2026"]
    assert subjects(page) == ["Feb 2", "Feb 1", "Jan 3", "Jan 2", "Jan 1"]


def test_htmx_next_page_heads_a_new_month(alice_client, busy):
    page = html(alice_client.get(timeline_url(busy, "?page=2&after=2026-03"), **HX))

    assert headings(page) == ["February 2026", "January 2026"]


def test_contact_page_shows_the_first_page_and_the_older_link(alice_client, busy):
    page = html(alice_client.get(detail_url(busy)))

    timeline = find_one(page, "section", id="timeline")
    assert subjects(page)[:2] == ["Mar 12", "Mar 11"]
    assert len(subjects(page)) == 20
    assert "Jan 1" not in timeline.text
    assert find_one(page, "li", id="timeline-more")


def test_no_older_link_when_everything_fits(alice_client, ada):
    make_interaction(ada, occurred_at=at(2026, 3, 1), subject="Only one")

    page = html(alice_client.get(timeline_url(ada)))

    assert subjects(page) == ["Only one"]
    assert "Older interactions" not in page


@pytest.mark.parametrize("number", ["abc", "0", "-1", "999", ""])
def test_a_bad_page_number_still_shows_a_page(alice_client, busy, number):
    response = alice_client.get(timeline_url(busy, f"?page={number}"))

    assert response.status_code == 200
    assert subjects(html(response))


def test_months_follow_the_users_time_zone(auckland, alice_client, ada):
    # 23:30 UTC on 31 March is already 1 April in Auckland.
    make_interaction(ada, occurred_at=at(2026, 3, 31, 23, 30), subject="Late call")

    page = html(alice_client.get(timeline_url(ada)))

    assert headings(page) == ["April 2026"]
    assert "Wed 1 Apr 2026, 12:30" in find_one(page, "section", id="timeline").clean_text
    assert find_one(page, "time", datetime="2026-04-01T12:30:00+13:00")  # daylight saving time
    assert ' from 1 Apr 2026?"' in page  # the delete confirmation names the local day


def test_empty_timeline_says_so(alice_client, ada):
    page = html(alice_client.get(timeline_url(ada)))

    assert "Nothing logged yet" in page


def test_stored_markup_is_shown_as_text(alice_client, ada):
    make_interaction(
        ada, subject="<script>alert('s')</script>", notes="<script>alert('n')</script>"
    )

    page = html(alice_client.get(timeline_url(ada)))

    assert "<script>alert(" not in page
    assert "&lt;script&gt;alert(&#x27;s&#x27;)&lt;/script&gt;" in page
    assert "&lt;script&gt;alert(&#x27;n&#x27;)&lt;/script&gt;" in page


def test_outsider_gets_404(charlie_client, busy):
    response = charlie_client.get(timeline_url(busy))

    assert response.status_code == 404
    assert "Mar 12" not in html(response)
    assert charlie_client.get(timeline_url(busy, "?page=2"), **HX).status_code == 404


def test_anonymous_visitor_is_sent_to_login(client, busy):
    response = client.get(timeline_url(busy))

    assert response.status_code == 302
    assert response.url == login_url_for(timeline_url(busy))


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_timeline_answers_only_get(alice_client, busy, method):
    assert getattr(alice_client, method)(timeline_url(busy)).status_code == 405
