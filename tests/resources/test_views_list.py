"""/resources/: search everything shared, and "who have I shared this with?" for one URL."""

from datetime import date

import pytest
from django.urls import reverse

from tests.conftest import make_contact
from tests.devhub.conftest import find_all
from tests.resources.conftest import HX, html, is_fragment, login_url_for, make_resource

pytestmark = pytest.mark.django_db

LIST_URL = reverse("resources:list")


def listed(response) -> list[str]:
    """Titles of the listed resources, in order."""
    return [
        el.clean_text
        for el in find_all(html(response))
        if el.tag in ("a", "span") and "font-medium" in el.classes
    ]


def contacts_listed(response) -> list[str]:
    return [a.clean_text for a in find_all(html(response), "a", **{"class": "link link-hover"})]


@pytest.fixture
def library(ada, grace):
    make_resource(
        ada,
        title="The Rust Book",
        url="https://doc.rust-lang.org/book",
        kind="book",
        tags=["Rust"],
        shared_on=date(2026, 3, 1),
    )
    make_resource(
        grace,
        title="Nanoseconds talk",
        url="https://example.com/nanoseconds",
        kind="talk",
        direction="received",
        tags=["Hardware"],
        shared_on=date(2026, 2, 1),
    )
    make_resource(
        grace,
        title="Ferris says hi",
        url="https://doc.rust-lang.org/book",
        kind="book",
        shared_on=date(2026, 1, 1),
    )
    make_resource(ada, title="Offline notes", url="", kind="other", shared_on=date(2025, 12, 1))


def test_lists_everything_newest_first(alice_client, library):
    response = alice_client.get(LIST_URL)

    assert response.status_code == 200
    assert listed(response) == [
        "The Rust Book",
        "Nanoseconds talk",
        "Ferris says hi",
        "Offline notes",
    ]
    assert contacts_listed(response) == [
        "Ada Lovelace",
        "Grace Hopper",
        "Grace Hopper",
        "Ada Lovelace",
    ]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("nanoseconds", ["Nanoseconds talk"]),  # title
        ("rust-lang", ["The Rust Book", "Ferris says hi"]),  # URL
        ("hardware", ["Nanoseconds talk"]),  # tag
        ("rust", ["The Rust Book", "Ferris says hi"]),  # tag, title and URL at once, listed once
        ("rust ferris", ["Ferris says hi"]),  # every word must match
    ],
)
def test_search_looks_in_title_url_and_tags(alice_client, library, query, expected):
    assert listed(alice_client.get(LIST_URL, {"q": query})) == expected


def test_filters_by_kind_and_direction(alice_client, library):
    assert listed(alice_client.get(LIST_URL, {"kind": "talk"})) == ["Nanoseconds talk"]
    assert listed(alice_client.get(LIST_URL, {"direction": "received"})) == ["Nanoseconds talk"]


def test_who_have_i_shared_this_with(alice_client, library):
    response = alice_client.get(LIST_URL, {"url": "https://DOC.rust-lang.org/book/#ch01"})

    assert listed(response) == ["The Rust Book", "Ferris says hi"]
    assert contacts_listed(response) == ["Ada Lovelace", "Grace Hopper"]
    assert "You shared or received this with 2 contacts:" in html(response)


def test_sharing_twice_with_one_contact_counts_them_once(alice_client, library, ada):
    make_resource(ada, title="The Rust Book again", url="https://doc.rust-lang.org/book")

    response = alice_client.get(LIST_URL, {"url": "https://doc.rust-lang.org/book"})

    assert len(listed(response)) == 3
    assert "You shared or received this with 2 contacts:" in html(response)


def test_an_address_shared_with_one_contact_says_so(alice_client, library):
    response = alice_client.get(LIST_URL, {"url": "https://example.com/nanoseconds"})

    assert "You shared or received this with 1 contact:" in html(response)
    assert contacts_listed(response) == ["Grace Hopper"]


def test_an_address_shared_with_no_one_says_so(alice_client, library):
    response = alice_client.get(LIST_URL, {"url": "https://example.com/never"})

    assert response.status_code == 200
    assert "You have not shared this address with anyone yet." in html(response)
    assert listed(response) == []


def test_an_invalid_address_is_ignored_with_a_warning(alice_client, library):
    response = alice_client.get(LIST_URL, {"url": "not a url"})

    assert response.status_code == 200
    assert "Some filters were not understood and were ignored" in html(response)
    assert len(listed(response)) == 4


@pytest.mark.parametrize("query", [{"kind": "podcast"}, {"direction": "sideways"}, {"page": "abc"}])
def test_other_bad_values_never_break_the_page(alice_client, library, query):
    response = alice_client.get(LIST_URL, query)

    assert response.status_code == 200
    assert len(listed(response)) == 4


def test_never_lists_someone_elses_resources(alice_client, library, charlie):
    theirs = make_contact(charlie, name="Charlie's Friend")
    make_resource(theirs, title="Charlie's secret", url="https://doc.rust-lang.org/book")

    for query in ({}, {"q": "secret"}, {"url": "https://doc.rust-lang.org/book"}):
        page = html(alice_client.get(LIST_URL, query))
        assert "Charlie&#x27;s secret" not in page
        assert "Charlie&#x27;s Friend" not in page


def test_paginates_with_the_search_in_the_links(alice_client, ada):
    for n in range(26):
        make_resource(ada, title=f"Rust post {n:02}", shared_on=date(2026, 1, 1 + n))

    first = alice_client.get(LIST_URL, {"q": "rust"})
    second = alice_client.get(LIST_URL, {"q": "rust", "page": "2"})

    assert len(listed(first)) == 25
    assert listed(second) == ["Rust post 00"]
    assert 'href="?q=rust&amp;page=2"' in html(first)


def test_nothing_shared_yet_says_so(alice_client):
    assert "Nothing shared yet" in html(alice_client.get(LIST_URL))


def test_no_match_says_so(alice_client, library):
    assert "No resources match." in html(alice_client.get(LIST_URL, {"q": "cobol"}))


def test_stored_markup_is_shown_as_text(alice_client, ada):
    make_resource(ada, title="<script>alert('title')</script>", url="https://example.com/x")

    page = html(alice_client.get(LIST_URL))

    assert "<script>alert(" not in page
    assert "&lt;script&gt;alert(&#x27;title&#x27;)&lt;/script&gt;" in page


def test_htmx_returns_the_results_only(alice_client, library):
    response = alice_client.get(LIST_URL, {"q": "nanoseconds"}, **HX)

    assert response.status_code == 200
    assert is_fragment(response)
    assert listed(response) == ["Nanoseconds talk"]
    assert "HX-Request" in response.headers["Vary"]


def test_anonymous_visitor_is_sent_to_login(client):
    response = client.get(LIST_URL)

    assert response.status_code == 302
    assert response.url == login_url_for(LIST_URL)


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_list_answers_only_get(alice_client, method):
    assert getattr(alice_client, method)(LIST_URL).status_code == 405
