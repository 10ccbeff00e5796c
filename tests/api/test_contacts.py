import datetime as dt
import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from contacts.models import Contact
from tests.api.conftest import assert_problem, send
from tests.conftest import make_contact

pytestmark = pytest.mark.django_db

CONTACTS = "/api/v1/contacts"


def names(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [item["name"] for item in response.json()["items"]]


def every_page(client, url: str, between=None) -> list[str]:
    """The names on every page, following `next`; `between(n)` runs after page n."""
    seen, n = [], 0
    while url:
        response = client.get(url)
        seen += names(response)
        url = response.json()["next"]
        n += 1
        if between and url:
            between(n)
    return seen


# List, filters and search


def test_list_shows_my_current_contacts_by_name(alice_api, alice, charlie):
    make_contact(alice, name="grace Hopper", tags=["Python", "Go"], company="Navy")
    make_contact(alice, name="Ada Lovelace")
    make_contact(alice, name="Archived Person", is_archived=True)
    make_contact(charlie, name="Mallory")

    response = alice_api.get(CONTACTS)

    assert names(response) == ["Ada Lovelace", "grace Hopper"]
    grace = response.json()["items"][1]
    assert sorted(grace["tags"]) == ["Go", "Python"]
    assert grace["company"] == "Navy" and grace["status"] == "regular_contact"
    assert uuid.UUID(grace["code"]) and "id" not in grace
    assert response.json()["next"] is None


def test_list_has_the_contact_pages_filters(alice_api, alice):
    make_contact(alice, name="Ada", tags=["Python"], is_vip=True)
    make_contact(alice, name="Bea", tags=["Python"], relationship="mentor")
    make_contact(alice, name="Cy", tags=["Go"], status=Contact.Status.RECONNECT)
    make_contact(alice, name="Old", tags=["Python"], is_archived=True)

    assert names(alice_api.get(CONTACTS, {"tag": "Python"})) == ["Ada", "Bea"]
    assert names(alice_api.get(CONTACTS, {"vip": "yes"})) == ["Ada"]
    assert names(alice_api.get(CONTACTS, {"relationship": "mentor"})) == ["Bea"]
    assert names(alice_api.get(CONTACTS, {"status": "reconnect"})) == ["Cy"]
    assert names(alice_api.get(CONTACTS, {"archived": "yes"})) == ["Old"]
    assert names(alice_api.get(CONTACTS, {"sort": "-name"})) == ["Cy", "Bea", "Ada"]


def test_list_has_the_contact_pages_search(alice_api, alice):
    make_contact(alice, name="Ada Lovelace", company="Analytical Engines")
    make_contact(alice, name="Grace Hopper", notes="compilers")

    assert names(alice_api.get(CONTACTS, {"q": "analytical"})) == ["Ada Lovelace"]
    assert names(alice_api.get(CONTACTS, {"q": "compilers"})) == ["Grace Hopper"]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"status": "asleep"}, "status"),
        ({"sort": "age"}, "sort"),
        ({"tag": "Nope"}, "tag"),
        ({"limit": "0"}, "limit"),
        ({"limit": "101"}, "limit"),
        ({"limit": "many"}, "limit"),
    ],
)
def test_bad_filters_are_422_problems_naming_the_field(alice_api, params, field):
    problem = assert_problem(alice_api.get(CONTACTS, params), 422)

    assert field in problem["errors"] and problem["errors"][field]


@pytest.mark.parametrize("cursor", ["garbage", "W10", "WyJuYW1lIiwxLCIyIl0", "e30"])
def test_a_forged_cursor_is_a_400_problem(alice_api, alice, cursor):
    make_contact(alice, name="Ada")

    problem = assert_problem(alice_api.get(CONTACTS, {"cursor": cursor}), 400)

    assert "cursor" in problem["errors"]


def test_a_cursor_of_another_sort_is_refused(alice_api, alice):
    for name in ("Ada", "Bea"):
        make_contact(alice, name=name)
    cursor = alice_api.get(CONTACTS, {"limit": 1}).json()["next"].split("cursor=")[1]

    assert_problem(alice_api.get(CONTACTS, {"limit": 1, "cursor": cursor, "sort": "-name"}), 400)


# Cursor pagination


@pytest.mark.parametrize(
    "sort", ["name", "-name", "created", "-created", "last_contacted", "-last_contacted"]
)
def test_pages_follow_each_other_in_every_sort(alice_api, alice, sort):
    for n in range(7):
        make_contact(
            alice,
            name=f"Person {n % 3}",  # equal names: the code breaks ties
            last_contacted=dt.date(2026, 1, 1 + n % 2) if n % 3 else None,
        )
    everyone = names(alice_api.get(CONTACTS, {"sort": sort, "limit": 100}))

    paged = every_page(alice_api, f"{CONTACTS}?sort={sort}&limit=2")

    assert len(everyone) == 7
    assert paged == everyone


def test_pagination_is_stable_while_contacts_are_added(alice_api, alice):
    """Rows added between pages, before and after the position reached, neither repeat what
    was seen nor push anything off: every contact that existed at the start is seen once."""
    for n in range(10):
        make_contact(alice, name=f"M {n:02}")
    added = iter(["A early", "Z late", "M 03b", "M 07b", "B early", "Y late"])

    def add(page: int) -> None:
        for name in (next(added, None), next(added, None)):
            if name:
                make_contact(alice, name=name)

    seen = every_page(alice_api, f"{CONTACTS}?limit=3", between=add)

    assert len(seen) == len(set(seen))
    assert {f"M {n:02}" for n in range(10)} <= set(seen)
    assert seen == sorted(seen, key=str.lower)
    assert "Z late" in seen and "A early" not in seen


def test_next_keeps_the_filters(alice_api, alice):
    for n in range(3):
        make_contact(alice, name=f"VIP {n}", is_vip=True)
        make_contact(alice, name=f"Other {n}")

    seen = every_page(alice_api, f"{CONTACTS}?vip=yes&limit=1")

    assert seen == ["VIP 0", "VIP 1", "VIP 2"]


def test_the_list_takes_the_same_number_of_queries_for_any_page_size(alice_api, alice):
    def queries(limit: int) -> int:
        alice_api.get(CONTACTS, {"limit": limit})  # the rate limit's cache row exists after
        with CaptureQueriesContext(connection) as captured:
            assert len(alice_api.get(CONTACTS, {"limit": limit}).json()["items"]) == limit
        return len(captured.captured_queries)

    for n in range(30):
        make_contact(alice, name=f"P {n}", tags=["Python", f"T{n}"])

    assert queries(2) == queries(30)


def test_the_list_reads_only_the_columns_it_sends(alice_api, alice):
    make_contact(alice, name="Ada", notes="a long private note")

    with CaptureQueriesContext(connection) as captured:
        alice_api.get(CONTACTS)

    listing = next(q["sql"] for q in captured if 'FROM "contacts_contact"' in q["sql"])
    assert '"notes"' not in listing and '"other_links"' not in listing


# Read, create, update


def test_read_a_contact(alice_api, alice):
    contact = make_contact(alice, name="Ada", email="ada@example.com", tags=["Python"])

    data = alice_api.get(f"{CONTACTS}/{contact.code}").json()

    assert data["name"] == "Ada" and data["email"] == "ada@example.com"
    assert data["tags"] == ["Python"] and data["code"] == str(contact.code)


def test_create_uses_the_contact_form_and_its_services(alice_api, alice):
    response = send(
        alice_api,
        "POST",
        CONTACTS,
        {
            "name": "  Ada Lovelace ",
            "github_username": "https://github.com/ada/",
            "tags": ["Python", "python", "Math"],
            "is_vip": True,
            "birthday": "1815-12-10",
        },
    )

    assert response.status_code == 201, response.content
    contact = Contact.objects.get(owner=alice, code=response.json()["code"])
    assert contact.name == "Ada Lovelace"
    assert contact.github_username == "ada"  # the form's normalisation
    assert sorted(t.name for t in contact.tags.all()) == ["Math", "Python"]
    assert contact.is_vip and contact.birthday == dt.date(1815, 12, 10)
    assert contact.added_on is not None and contact.check_in_on is not None  # the services ran
    assert response.json()["relationship"] == "peer"  # the form's default


def test_invalid_data_is_a_422_problem_with_the_forms_messages(alice_api):
    response = send(
        alice_api,
        "POST",
        CONTACTS,
        {"name": "", "email": "nope", "follow_up_days": 0, "status": "asleep"},
    )

    problem = assert_problem(response, 422)
    errors = problem["errors"]
    assert errors["name"] == ["This field is required."]
    assert errors["email"] == ["Enter a valid email address."]
    assert "follow_up_days" in errors and "status" in errors
    assert not Contact.objects.exists()


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"name": "Ada", "favourite_colour": "blue"}, "favourite_colour"),
        ({"name": "Ada", "is_vip": "perhaps"}, "is_vip"),
        ({"name": "Ada", "birthday": "last tuesday"}, "birthday"),
        ({"name": ["Ada"]}, "name"),
    ],
)
def test_wrong_json_types_and_unknown_fields_are_422(alice_api, body, field):
    problem = assert_problem(send(alice_api, "POST", CONTACTS, body), 422)

    assert field in problem["errors"]


@pytest.mark.parametrize("body", ["{not json", "[]", '"text"', b"\xff\xfe"])
def test_malformed_json_is_a_problem_never_a_500(alice_api, body):
    response = send(alice_api, "POST", CONTACTS, body)

    assert response.status_code in (400, 422)
    assert response["Content-Type"] == "application/problem+json"


def test_patch_changes_only_what_is_sent(alice_api, alice):
    contact = make_contact(
        alice, name="Ada", company="Engines", tags=["Python"], notes="keep", is_vip=True
    )

    response = send(alice_api, "PATCH", f"{CONTACTS}/{contact.code}", {"company": "ACME"})

    assert response.status_code == 200, response.content
    contact.refresh_from_db()
    assert contact.company == "ACME"
    assert contact.name == "Ada" and contact.notes == "keep" and contact.is_vip
    assert [t.name for t in contact.tags.all()] == ["Python"]
    assert response.json()["company"] == "ACME"


def test_patch_tags_replaces_them(alice_api, alice):
    contact = make_contact(alice, name="Ada", tags=["Python"])

    send(alice_api, "PATCH", f"{CONTACTS}/{contact.code}", {"tags": ["Rust"]})

    assert [t.name for t in contact.tags.all()] == ["Rust"]


def test_invalid_patch_changes_nothing(alice_api, alice):
    contact = make_contact(alice, name="Ada", email="ada@example.com")

    response = send(alice_api, "PATCH", f"{CONTACTS}/{contact.code}", {"email": "bad", "name": "X"})

    assert assert_problem(response, 422)["errors"] == {"email": ["Enter a valid email address."]}
    contact.refresh_from_db()
    assert contact.name == "Ada" and contact.email == "ada@example.com"


# Archive, unarchive, delete


def test_archive_and_unarchive(alice_api, alice):
    contact = make_contact(alice, name="Ada")

    archived = alice_api.post(f"{CONTACTS}/{contact.code}/archive")
    assert archived.status_code == 200 and archived.json()["is_archived"] is True
    assert names(alice_api.get(CONTACTS)) == []

    restored = alice_api.post(f"{CONTACTS}/{contact.code}/unarchive")
    assert restored.json()["is_archived"] is False
    assert names(alice_api.get(CONTACTS)) == ["Ada"]


def test_delete(alice_api, alice):
    contact = make_contact(alice, name="Ada")

    response = alice_api.delete(f"{CONTACTS}/{contact.code}")

    assert response.status_code == 204 and response.content == b""
    assert not Contact.objects.filter(pk=contact.pk).exists()
    assert_problem(alice_api.get(f"{CONTACTS}/{contact.code}"), 404)


# Another user's contacts


@pytest.mark.parametrize(
    ("method", "suffix", "body"),
    [
        ("GET", "", None),
        ("PATCH", "", {"name": "Mallory was here"}),
        ("DELETE", "", None),
        ("POST", "/archive", None),
        ("POST", "/unarchive", None),
        ("GET", "/interactions", None),
        ("POST", "/interactions", {"type": "call"}),
    ],
)
def test_another_users_contact_is_404_and_unchanged(charlie_api, alice, method, suffix, body):
    contact = make_contact(alice, name="Ada")

    response = send(charlie_api, method, f"{CONTACTS}/{contact.code}{suffix}", body)

    problem = assert_problem(response, 404)
    assert "Ada" not in str(problem)
    contact.refresh_from_db()
    assert contact.name == "Ada" and not contact.is_archived
    assert not contact.interactions.exists()


def test_an_unknown_code_or_an_integer_id_is_404(alice_api, alice):
    contact = make_contact(alice, name="Ada")

    assert_problem(alice_api.get(f"{CONTACTS}/{uuid.uuid4()}"), 404)
    assert_problem(alice_api.get(f"{CONTACTS}/{contact.pk}"), 404)


# Tags


def test_tags_with_their_counts(alice_api, alice, charlie):
    make_contact(alice, name="Ada", tags=["python", "Go"])
    make_contact(alice, name="Bea", tags=["python"])
    make_contact(charlie, name="Mallory", tags=["Secret"])

    tags = alice_api.get("/api/v1/tags").json()

    assert [(t["name"], t["contact_count"]) for t in tags] == [("Go", 1), ("python", 2)]
