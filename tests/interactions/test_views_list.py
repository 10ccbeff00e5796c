"""/interactions/: everything across contacts, filtered and searched through the URL."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.conftest import make_contact
from tests.devhub.conftest import find_all, find_one
from tests.interactions.conftest import (
    HX,
    at,
    builtin_type,
    html,
    is_fragment,
    login_url_for,
    make_interaction,
    missing_htmx_targets,
)

pytestmark = pytest.mark.django_db

LIST_URL = reverse("interactions:list")


def listed(response) -> list[str]:
    """Subjects of the listed interactions, in order."""
    return [
        span.clean_text
        for span in find_all(html(response), "span", **{"class": "font-medium"})
        if span.clean_text
    ]


@pytest.fixture
def grace(alice):
    return make_contact(alice, name="Grace Hopper")


@pytest.fixture
def history(ada, grace):
    """Four interactions of alice's with two contacts, one of each outcome."""
    return {
        "review": make_interaction(
            ada,
            type="code_review",
            occurred_at=at(2026, 1, 10),
            subject="Review",
            notes="Reviewed the parser",
            outcome="positive",
        ),
        "pairing": make_interaction(
            ada,
            type="pair_programming",
            occurred_at=at(2026, 2, 10),
            subject="Pairing",
            notes="Wrote a lexer together",
            outcome="neutral",
        ),
        "call": make_interaction(
            grace,
            type="call",
            occurred_at=at(2026, 3, 10),
            subject="Call",
            notes="COBOL memories",
            outcome="negative",
        ),
        "email": make_interaction(
            grace,
            type="email",
            occurred_at=at(2026, 3, 20),
            subject="Email",
            notes="No answer yet",
            outcome="no_response",
        ),
    }


def test_lists_every_interaction_newest_first(alice_client, history):
    response = alice_client.get(LIST_URL)

    assert response.status_code == 200
    assert listed(response) == ["Email", "Call", "Pairing", "Review"]
    page = html(response)
    assert "4 interactions" in page
    assert "Grace Hopper" in page and "Ada Lovelace" in page
    assert "Pair programming" in page
    assert missing_htmx_targets(page) == []


def test_rows_link_to_the_entry_and_the_contact(alice_client, history, ada):
    review = history["review"]

    page = html(alice_client.get(LIST_URL))

    row = next(
        tr
        for tr in find_all(page, "tr")
        if find_all(tr.descendants(), "a", href=reverse("interactions:detail", args=[review.code]))
    )
    contact = find_one(row.descendants(), "a", href=reverse("contacts:detail", args=[ada.code]))
    assert contact.clean_text == "Ada Lovelace"
    assert "Code review" in row.clean_text
    assert "Positive" in row.clean_text


def test_filters_by_contact(alice_client, history, ada):
    response = alice_client.get(LIST_URL, {"contact": str(ada.code)})

    assert listed(response) == ["Pairing", "Review"]


def test_filters_by_type(alice_client, history, alice):
    response = alice_client.get(LIST_URL, {"type": str(builtin_type(alice, "call").code)})

    assert listed(response) == ["Call"]


@pytest.mark.parametrize(
    ("outcome", "expected"),
    [
        ("positive", "Review"),
        ("neutral", "Pairing"),
        ("negative", "Call"),
        ("no_response", "Email"),
    ],
)
def test_filters_by_outcome(alice_client, history, outcome, expected):
    assert listed(alice_client.get(LIST_URL, {"outcome": outcome})) == [expected]


def test_date_range_includes_both_ends(alice_client, history):
    response = alice_client.get(LIST_URL, {"start": "2026-02-10", "end": "2026-03-10"})

    assert listed(response) == ["Call", "Pairing"]


def test_open_ended_date_range(alice_client, history):
    assert listed(alice_client.get(LIST_URL, {"start": "2026-03-01"})) == ["Email", "Call"]
    assert listed(alice_client.get(LIST_URL, {"end": "2026-01-31"})) == ["Review"]


def test_search_looks_in_subject_and_notes(alice_client, history):
    assert listed(alice_client.get(LIST_URL, {"q": "lexer"})) == ["Pairing"]
    assert listed(alice_client.get(LIST_URL, {"q": "call"})) == ["Call"]
    assert listed(alice_client.get(LIST_URL, {"q": "review parser"})) == ["Review"]


def test_filters_combine(alice_client, history, grace):
    response = alice_client.get(LIST_URL, {"contact": str(grace.code), "outcome": "negative"})

    assert listed(response) == ["Call"]


def test_filters_show_in_the_form(alice_client, history, ada):
    page = html(alice_client.get(LIST_URL, {"q": "lexer", "contact": str(ada.code)}))

    assert find_one(page, "input", id="id_q").get("value") == "lexer"
    options = find_one(page, "select", name="contact").descendants()
    assert [o.get("value") for o in options if o.has("selected")] == [str(ada.code)]


def test_the_contact_menu_is_drawn_on_demand(alice_client, history):
    page = html(alice_client.get(LIST_URL))

    menu = find_one(page, "select", name="contact")
    assert find_one(page, "label", for_=menu.get("id")).clean_text == "Contact"
    assert [o.get("value") for o in menu.descendants()] == [""]
    assert menu.get("hx-get") == f"{LIST_URL}?panel=contacts"
    assert (menu.get("hx-target"), menu.get("hx-swap")) == ("this", "outerHTML")
    assert "Ada Lovelace" not in [o.clean_text for o in find_all(page, "option")]
    link = find_one(page, "a", href="?panel=contacts")
    assert link.clean_text == "List contacts to choose from"


def test_htmx_answers_with_the_whole_contact_menu(alice_client, history, ada, grace):
    response = alice_client.get(LIST_URL, {"panel": "contacts"}, **HX)

    assert is_fragment(response)
    menu = find_one(html(response), "select", name="contact")
    assert menu.get("id") == "id_contact"  # the same id: the focus stays on it
    names = [o.clean_text for o in menu.descendants()]
    assert names == ["Any contact", "Ada Lovelace", "Grace Hopper"]


def test_without_javascript_the_link_lists_the_contacts(alice_client, history, ada):
    response = alice_client.get(LIST_URL, {"q": "lexer", "panel": "contacts"})

    page = html(response)
    menu = find_one(page, "select", name="contact")
    assert "Ada Lovelace" in [o.clean_text for o in menu.descendants()]
    assert not menu.has("hx-get")
    assert listed(response) == ["Pairing"]


def test_nothing_matching_says_so(alice_client, history):
    page = html(alice_client.get(LIST_URL, {"q": "quantum"}))

    assert "No interactions match" in page


def test_no_interactions_yet_says_so(alice_client):
    assert "No interactions yet" in html(alice_client.get(LIST_URL))


@pytest.mark.parametrize(
    "query",
    [
        {"start": "bad"},
        {"contact": "zzz"},
        {"type": "zzz"},
        {"outcome": "great"},
        {"end": "2026-13-01"},
    ],
)
def test_invalid_filters_are_ignored_with_a_warning(alice_client, history, query):
    response = alice_client.get(LIST_URL, query)

    assert response.status_code == 200
    assert "Some filters were not understood and were ignored" in html(response)
    assert listed(response) == ["Email", "Call", "Pairing", "Review"]


def test_never_lists_someone_elses_interactions(alice_client, history, charlie):
    theirs = make_contact(charlie, name="Charlie's Friend")
    make_interaction(theirs, occurred_at=at(2026, 3, 25), subject="Secret")

    everything = alice_client.get(LIST_URL)
    by_their_contact = alice_client.get(LIST_URL, {"contact": str(theirs.code)})
    by_their_type = alice_client.get(LIST_URL, {"type": str(builtin_type(charlie).code)})

    for response in (everything, by_their_contact, by_their_type):
        assert "Secret" not in html(response)
        assert "Charlie&#x27;s Friend" not in html(response)
    assert "Some filters were not understood" in html(by_their_contact)
    assert "Some filters were not understood" in html(by_their_type)


def test_paginates_and_keeps_the_filters_in_the_links(settings, alice_client, ada):
    settings.INTERACTIONS_PER_PAGE = 3
    for day in range(1, 8):
        make_interaction(
            ada, occurred_at=at(2026, 3, day), subject=f"Mar {day}", outcome="positive"
        )
    make_interaction(ada, occurred_at=at(2026, 3, 9), subject="Neutral one")

    first = alice_client.get(LIST_URL, {"outcome": "positive"})
    third = alice_client.get(LIST_URL, {"outcome": "positive", "page": "3"})

    assert listed(first) == ["Mar 7", "Mar 6", "Mar 5"]
    assert "page 1 of 3" in html(first)
    following = find_one(html(first), "a", rel="next")
    assert following.get("href") == "?outcome=positive&page=2"
    assert following.get("hx-get") == "?outcome=positive&page=2"
    assert listed(third) == ["Mar 1"]
    assert find_one(html(third), "a", rel="prev").get("href") == "?outcome=positive&page=2"


@pytest.mark.parametrize("number", ["abc", "999"])
def test_a_bad_page_number_still_shows_a_page(alice_client, history, number):
    response = alice_client.get(LIST_URL, {"page": number})

    assert response.status_code == 200
    assert listed(response)


def test_htmx_returns_the_results_only(alice_client, history):
    response = alice_client.get(LIST_URL, {"q": "lexer"}, **HX)

    assert response.status_code == 200
    assert is_fragment(response)
    assert 'id="interaction-filters"' not in html(response)
    assert listed(response) == ["Pairing"]
    assert "HX-Request" in response.headers["Vary"]


def test_stored_markup_is_shown_as_text(alice_client, ada):
    make_interaction(
        ada, subject="<script>alert('s')</script>", notes="<script>alert('n')</script>"
    )

    page = html(alice_client.get(LIST_URL))

    assert "<script>alert(" not in page
    assert "&lt;script&gt;alert(&#x27;s&#x27;)&lt;/script&gt;" in page
    assert "&lt;script&gt;alert(&#x27;n&#x27;)&lt;/script&gt;" in page


def test_query_count_does_not_grow_with_the_interactions(
    alice_client, alice, django_assert_max_num_queries
):
    def log(count: int) -> None:
        for n in range(count):
            contact = make_contact(alice, name=f"Contact {n}")
            make_interaction(contact, occurred_at=at(2026, 3, 1 + n % 28), topics=["Rust", "Go"])

    log(3)
    with CaptureQueriesContext(connection) as few:
        assert alice_client.get(LIST_URL).status_code == 200
    log(22)

    with django_assert_max_num_queries(len(few.captured_queries)):
        response = alice_client.get(LIST_URL)
    assert "25 interactions" in html(response)


def test_anonymous_visitor_is_sent_to_login(client):
    response = client.get(LIST_URL)

    assert response.status_code == 302
    assert response.url == login_url_for(LIST_URL)


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_list_answers_only_get(alice_client, method):
    assert getattr(alice_client, method)(LIST_URL).status_code == 405
