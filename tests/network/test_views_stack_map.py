import pytest
from django.urls import reverse

from contacts.models import Contact, Event
from tests.contacts.conftest import HX, html, is_fragment, login_url_for
from tests.devhub.conftest import find_all, find_one, label_text
from tests.network.conftest import person

pytestmark = pytest.mark.django_db
URL = reverse("network:stack_map")


def map_links(page, label: str) -> list:
    """The map's links for one technology: named by their visible text, then `label` in brackets."""
    return [a for a in find_all(page, "a") if (a.get("aria-label") or "").endswith(f"({label})")]


def one(found: list):
    assert len(found) == 1, found
    return found[0]


@pytest.fixture
def network(alice):
    person(alice, "Ada", ["Rust", "Python"], status=Contact.Status.ACTIVE_COLLABORATION)
    person(alice, "Brian", ["Rust", "Python"], status=Contact.Status.RECONNECT)
    person(alice, "Carol", ["Rust"])


def test_the_map_links_each_technology_to_who_knows_it_with_an_accessible_name(
    alice_client, network
):
    response = alice_client.get(URL)

    assert response.status_code == 200
    svg = find_one(response.content, "svg", id="stack-map")
    links = map_links(response.content, "Rust: 3 people, 2 warm")
    # The name starts with the words on screen, so voice control ("click Rust") finds it.
    assert links[0].get("aria-label") == "Rust · 3 · 67% (Rust: 3 people, 2 warm)"
    assert [a.get("href") for a in links] == ["/network/tech/Rust/"]
    table_links = [a.get("href") for a in find_all(response.content, "a", class_="link")]
    assert "/network/tech/Python/" in table_links
    assert map_links(response.content, "Python: 2 people, 1 warm")
    assert svg.get("aria-labelledby") == "stack-map-title"
    assert len(find_all(response.content, "line")) == 1  # Rust and Python, twice together


def test_the_table_says_the_same_in_words(alice_client, network):
    page = html(alice_client.get(URL))

    rows = [row.clean_text for row in find_all(page, "tr")][1:]  # after the header
    assert rows == [
        "Rust 3 2 (67%, warm) Python (2)",
        "Python 2 1 (50%, mixed) Rust (2)",
    ]


def test_filters_narrow_the_map(alice_client, alice, network):
    pycon = Event.objects.create(owner=alice, name="PyCon")
    Contact.objects.get(name="Carol").events.add(pycon)

    page = html(alice_client.get(URL, {"event": str(pycon.code)}))

    assert map_links(page, "Rust: 1 person, 1 warm")
    assert not map_links(page, "Python: 2 people, 1 warm")
    filtered = html(alice_client.get(URL, {"status": "reconnect"}))
    link = one(map_links(filtered, "Rust: 1 person, 0 warm"))
    assert link.get("href") == "/network/tech/Rust/"


def test_the_who_knows_box_goes_to_the_technology_page(alice_client, network):
    page = alice_client.get(URL).content
    form = find_one(page, "form", action="/network/tech/")

    assert form.get("method") == "get"
    assert label_text(page, "who-knows-q") == "Who knows…?"
    response = alice_client.get("/network/tech/", {"q": "Rust lang"})
    assert response.status_code == 302 and response["Location"] == "/network/tech/Rust%20lang/"
    assert alice_client.get("/network/tech/", {"q": " "})["Location"] == "/network/"


def test_a_bad_filter_is_reported_and_ignored(alice_client, network):
    page = html(alice_client.get(URL, {"kind": "nonsense", "event": "not-a-code"}))

    assert "Some filters were not understood" in page
    assert map_links(page, "Rust: 3 people, 2 warm")


def test_empty_state(alice_client):
    page = html(alice_client.get(URL))

    assert find_one(page, id="stack-map-empty")
    assert not find_all(page, "svg", id="stack-map")


def test_another_users_event_is_not_a_filter(alice_client, charlie, network):
    theirs = Event.objects.create(owner=charlie, name="Secret meetup")

    page = html(alice_client.get(URL, {"event": str(theirs.code)}))

    assert "Some filters were not understood" in page
    assert "Secret meetup" not in page


def test_only_the_users_own_network_is_shown(charlie_client, network):
    page = html(charlie_client.get(URL))

    assert find_one(page, id="stack-map-empty")
    assert "Rust" not in page


def test_anonymous_is_sent_to_log_in(client):
    response = client.get(URL)

    assert response.status_code == 302
    assert response["Location"] == login_url_for(URL)


def test_post_is_not_allowed(alice_client):
    assert alice_client.post(URL).status_code == 405


def test_htmx_gets_the_results_only(alice_client, network):
    response = alice_client.get(URL, {"status": "reconnect"}, **HX)

    assert is_fragment(response)
    assert find_one(response.content, id="results")
    assert map_links(response.content, "Rust: 1 person, 0 warm")


def test_the_navigation_links_to_the_map(alice_client):
    page = html(alice_client.get(reverse("contacts:list")))

    assert find_all(page, "a", href=URL)


def test_names_are_escaped_in_the_drawing_and_the_table(alice_client, alice):
    hostile = '<b>"Q&A"</b>'
    person(alice, "Ada", [hostile, "Go"])
    person(alice, "Bob", [hostile, "Go"])

    response = alice_client.get(URL)

    assert b"<b>" not in response.content
    label = f"{hostile}: 2 people, 2 warm"
    assert len(map_links(response.content, label)) == 1  # the attribute reads back as written
    assert find_one(response.content, "line").clean_text == f"{hostile} and Go: 2 people"
    rows = [row.clean_text for row in find_all(html(response), "tr")][1:]
    assert rows[0] == f"{hostile} 2 2 (100%, warm) Go (2)"
