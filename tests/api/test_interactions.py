import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from contacts.models import Contact
from interactions import services
from interactions.models import Interaction, InteractionType
from reminders.models import Reminder
from tests.api.conftest import assert_problem, send
from tests.conftest import make_contact

pytestmark = pytest.mark.django_db

INTERACTIONS = "/api/v1/interactions"


def log(contact: Contact, key: str = "call", when=None, **fields) -> Interaction:
    kind = InteractionType.objects.for_owner(contact.owner).get(builtin_key=key)
    interaction = Interaction(
        contact=contact, type=kind, occurred_at=when or timezone.now(), **fields
    )
    services.save_interaction(interaction)
    return interaction


def logged(contact: Contact) -> str:
    return f"/api/v1/contacts/{contact.code}/interactions"


@time_machine.travel(dt.datetime(2026, 6, 1, 12, tzinfo=dt.UTC), tick=False)
def test_logging_goes_through_the_service(alice_api, alice):
    contact = make_contact(alice, name="Ada", status=Contact.Status.RECONNECT)
    assert contact.status == Contact.Status.RECONNECT

    response = send(
        alice_api,
        "POST",
        logged(contact),
        {
            "type": "pair_programming",
            "notes": "Paired on the parser",
            "follow_up_on": "2026-06-10",
            "topics": ["Rust"],
        },
    )

    assert response.status_code == 201, response.content
    data = response.json()
    assert data["type"] == "Pair programming" and data["contact"] == str(contact.code)
    interaction = Interaction.objects.get(code=data["code"])
    assert interaction.owner == alice and interaction.notes == "Paired on the parser"
    assert [t.name for t in interaction.topics.all()] == ["Rust"]
    contact.refresh_from_db()
    assert contact.last_contacted == dt.date(2026, 6, 1)
    assert contact.status == Contact.Status.REGULAR_CONTACT
    # The follow-up date became a reminder, as when logged on the contact's page.
    assert Reminder.objects.filter(owner=alice, interaction=interaction).exists()


@pytest.mark.parametrize("name", ["Coffee chat", "coffee CHAT", "coffee_chat"])
def test_the_type_by_name_key_or_code(alice_api, alice, name):
    contact = make_contact(alice, name="Ada")

    response = send(alice_api, "POST", logged(contact), {"type": name})

    assert response.json()["type"] == "Coffee chat"
    kind = InteractionType.objects.for_owner(alice).get(builtin_key="call")
    by_code = send(alice_api, "POST", logged(contact), {"type": str(kind.code)})
    assert by_code.json()["type"] == "Call"


def test_invalid_interaction_is_a_422_with_the_forms_messages(alice_api, alice):
    contact = make_contact(alice, name="Ada")
    future = (timezone.now() + dt.timedelta(days=3)).isoformat()

    response = send(alice_api, "POST", logged(contact), {"type": "juggling", "occurred_at": future})

    errors = assert_problem(response, 422)["errors"]
    assert errors["type"] == [
        "Select a valid choice. That choice is not one of the available choices."
    ]
    assert "in the future" in errors["occurred_at"][0]
    assert not Interaction.objects.exists()


def test_missing_type_is_the_forms_required_message(alice_api, alice):
    contact = make_contact(alice, name="Ada")

    errors = assert_problem(send(alice_api, "POST", logged(contact), {}), 422)["errors"]

    assert errors == {"type": ["This field is required."]}


def test_another_users_type_cannot_be_used(alice_api, alice, charlie):
    contact = make_contact(alice, name="Ada")
    theirs = InteractionType.objects.create(owner=charlie, name="Secret ritual")

    response = send(alice_api, "POST", logged(contact), {"type": str(theirs.code)})

    assert "type" in assert_problem(response, 422)["errors"]


def test_list_all_newest_first_with_filters(alice_api, alice, charlie):
    ada, bea = make_contact(alice, name="Ada"), make_contact(alice, name="Bea")
    now = timezone.now()
    log(ada, when=now - dt.timedelta(days=3), notes="old call")
    log(bea, "coffee_chat", when=now - dt.timedelta(days=1), notes="espresso talk")
    log(make_contact(charlie, name="Mallory"), notes="not yours")

    items = alice_api.get(INTERACTIONS).json()["items"]

    assert [i["notes"] for i in items] == ["espresso talk", "old call"]
    assert items[0]["contact_name"] == "Bea"
    searched = alice_api.get(INTERACTIONS, {"q": "espresso"}).json()["items"]
    assert [i["notes"] for i in searched] == ["espresso talk"]
    of_ada = alice_api.get(INTERACTIONS, {"contact": str(ada.code)}).json()["items"]
    assert [i["notes"] for i in of_ada] == ["old call"]


def test_list_per_contact_pages_through_everything(alice_api, alice):
    ada = make_contact(alice, name="Ada")
    now = timezone.now()
    for n in range(5):
        log(ada, when=now - dt.timedelta(hours=n), notes=f"n{n}")
    log(make_contact(alice, name="Bea"), notes="other")

    seen, url = [], f"{logged(ada)}?limit=2"
    while url:
        page = alice_api.get(url).json()
        seen += [i["notes"] for i in page["items"]]
        url = page["next"]

    assert seen == ["n0", "n1", "n2", "n3", "n4"]


def test_a_bad_filter_is_a_422(alice_api):
    assert "start" in assert_problem(alice_api.get(INTERACTIONS, {"start": "soon"}), 422)["errors"]


def test_another_users_contact_filter_is_refused(alice_api, charlie):
    theirs = make_contact(charlie, name="Mallory")
    log(theirs, notes="private")

    response = alice_api.get(INTERACTIONS, {"contact": str(theirs.code)})

    assert "contact" in assert_problem(response, 422)["errors"]


def test_interaction_types(alice_api, alice):
    types = alice_api.get("/api/v1/interaction-types").json()

    assert {"name": "Pair programming", "key": "pair_programming"}.items() <= next(
        t for t in types if t["key"] == "pair_programming"
    ).items()
