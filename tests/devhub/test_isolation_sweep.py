"""Every URL that takes an object id answers an outsider with 404, whatever the method, and
changes nothing. The patterns come from the resolver, so a new URL is swept automatically; a
pattern for which the owner's data set has no object fails the "covered" test below."""

import datetime as dt
import uuid

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from accounts.models import Invite
from api import services as api_services
from api.models import ApiToken
from collaborations import services as collaboration_services
from collaborations.models import Collaboration, Feedback, Idea, Person, PlannedSession, Session
from contacts import bulk
from contacts.models import Contact, Event
from imports.models import ImportBatch
from interactions import services as interaction_services
from interactions.models import Interaction, InteractionType
from opportunities import services as opportunity_services
from opportunities.models import Opportunity, Participant
from projects import services as project_services
from projects.models import Member, Milestone, Payment, Project, TimeEntry
from push import services as push_services
from push.models import PushSubscription
from quickconnect.models import Notification, QuickConnectCode
from reminders.models import Reminder
from resources.models import SharedResource
from security.models import LoginSession
from suggestions.models import Suggestion
from tests.conftest import make_contact, make_tag
from twofactor.models import Passkey
from vip.models import ProjectCollaboration
from webhooks import services as webhook_services
from webhooks.models import Delivery, Hook

pytestmark = pytest.mark.django_db

# Values for path parameters that are not object ids.
FIXED = {"key": "background", "fmt": "svg", "name": "stats"}
# Public by design (no session); their tokens are tested in their own suites.
PUBLIC_PARAMETERS = {"token"}
METHODS = ("get", "post", "put", "patch", "delete")


def patterns(resolver: URLResolver | None = None, prefix: str = ""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from patterns(entry, route)
        elif isinstance(entry, URLPattern):
            yield route, entry


# The API's routes spell a UUID parameter with django-ninja's own converter.
UUID_CONVERTERS = ("uuid:", "uuidstr:")


def uuid_parameters(route: str) -> list[str]:
    return [
        part.split(">")[0].split(":")[1]
        for part in route.split("<")
        if part.startswith(UUID_CONVERTERS)
    ]


OBJECT_ROUTES = sorted(
    {
        route
        for route, _ in patterns()
        if uuid_parameters(route)
        and not PUBLIC_PARAMETERS & set(route.replace(">", "<").split("<"))
    }
)


def build_path(route: str, values: dict) -> str:
    path = route
    for part in [p for p in route.split("<") if ">" in p]:
        spec = part.split(">")[0]
        name = spec.split(":")[-1]
        path = path.replace(f"<{spec}>", str(values.get(name, FIXED.get(name, "x"))))
    return "/" + path.replace("^", "").replace("$", "")


@pytest.fixture
def alices_world(alice):
    """One of everything alice can own, with the UUID of each."""
    contact = make_contact(alice, name="Ada Lovelace", is_vip=True, tags=["Python"])
    call = InteractionType.objects.for_owner(alice).get(builtin_key="call")
    interaction = Interaction(contact=contact, type=call, notes="secret")
    interaction_services.save_interaction(interaction)
    event = Event.objects.create(owner=alice, name="PyCon")
    opportunity = opportunity_services.save_new(
        Opportunity(owner=alice, company="Acme", role_title="Dev")
    )
    participant = Participant.objects.create(opportunity=opportunity, contact=contact)
    project = project_services.save_new(
        Project(owner=alice, title="Shop", pricing="hourly", rate=80)
    )
    payment = project_services.save_payment(
        Payment(project=project, amount=100, due_on=dt.date(2030, 1, 1))
    )
    project_services.mark_invoiced(payment, "INV-1", dt.date.today(), dt.date(2030, 1, 1))
    collaboration = collaboration_services.save_new(Collaboration(owner=alice, title="Talk"))
    objects = [
        collaboration,
        Person.objects.create(collaboration=collaboration, contact=contact),
        collaboration_services.save_feedback(Feedback(collaboration=collaboration, text="Slides?")),
        Idea.objects.create(owner=alice, title="Stream"),
        Session.objects.create(collaboration=collaboration, topic="Chapter 1"),
        PlannedSession.objects.create(
            collaboration=collaboration, on=dt.date(2030, 1, 1), at=dt.time(18)
        ),
        project,
        Member.objects.create(project=project, contact=contact),
        project_services.save_milestone(
            Milestone(project=project, title="Beta", due_on=dt.date(2030, 1, 1))
        ),
        payment,
        TimeEntry.objects.create(project=project, hours=2),
        contact,
        make_tag(alice, "Python"),
        interaction,
        call,
        event,
        opportunity,
        SharedResource.objects.create(contact=contact, title="SICP"),
        Reminder.objects.create(owner=alice, contact=contact, title="Ping", due_on=dt.date.today()),
        ProjectCollaboration.objects.create(contact=contact, title="Engine"),
        QuickConnectCode.objects.create(owner=alice, event=event),
        Notification.objects.create(owner=alice, title="Hello"),
        ImportBatch.objects.create(owner=alice, format="csv", status="ready", content="name\nAda"),
        bulk.start(
            alice,
            "archive",
            Contact.objects.filter(pk=contact.pk),
            title="Archiving 1 contact",
            message="Archived 1 contact.",
            next_url="/contacts/",
        ),
        Invite.objects.create(owner=alice, note="Sam"),
        push_services.subscribe(
            alice,
            endpoint="https://push.example.com/alice",
            p256dh="BPublicKey",
            auth="AuthSecret",
        ),
        LoginSession.objects.create(user=alice, session_key="alices-laptop", device="Firefox"),
        Passkey.objects.create(owner=alice, name="Laptop", credential_id=b"a", public_key=b"k"),
        api_services.create_token(alice, name="script", scope="write")[0],
        Suggestion.objects.create(
            owner=alice, contact=contact, kind="topic", interaction=interaction, quote="secret"
        ),
    ]
    hook = webhook_services.save_hook(
        Hook(owner=alice, url="https://hooks.example.com/alice", events=["contact.updated"])
    )
    objects += [hook, webhook_services.send_test(hook)]
    # The second contact of a pair (network/introduce/<a>/<b>/).
    grace = make_contact(alice, name="Grace Hopper")
    return {
        "codes": [o.code for o in objects],
        "participant": participant.code,
        "code_b": grace.code,
        # A version of alice's contact (contacts/<code>/history/<history_id>/restore/).
        "history_id": contact.history.earliest().history_id,
    }


def snapshot(user) -> dict:
    contacts = Contact.objects.for_owner(user)
    return {
        "contacts": list(
            contacts.values_list("code", "name", "is_vip", "is_archived", "updated_at")
        ),
        "interactions": Interaction.objects.for_owner(user).count(),
        "reminders": list(
            Reminder.objects.for_owner(user).values_list("code", "completed_at", "snoozed_until")
        ),
        "projects": list(
            Project.objects.for_owner(user).values_list("code", "stage", "title", "updated_at")
        ),
        "project_rows": [
            model.objects.filter(project__owner=user).count()
            for model in (Member, Milestone, Payment, TimeEntry)
        ],
        "payments": list(
            Payment.objects.filter(project__owner=user).values_list("status", "paid_on")
        ),
        "collaborations": list(
            Collaboration.objects.for_owner(user).values_list(
                "code", "stage", "title", "updated_at"
            )
        ),
        "collaboration_rows": [
            Person.objects.filter(collaboration__owner=user).count(),
            Feedback.objects.filter(collaboration__owner=user).count(),
            Idea.objects.for_owner(user).count(),
            Session.objects.filter(collaboration__owner=user).count(),
            PlannedSession.objects.filter(collaboration__owner=user).count(),
        ],
        "opportunities": list(
            Opportunity.objects.for_owner(user).values_list("code", "status", "updated_at")
        ),
        "codes": list(QuickConnectCode.objects.filter(owner=user).values_list("revoked_at")),
        "notifications": list(Notification.objects.filter(owner=user).values_list("read_at")),
        "invites": list(Invite.objects.for_owner(user).values_list("code", "revoked_at")),
        "push_devices": list(PushSubscription.objects.for_owner(user).values_list("code")),
        "login_sessions": list(LoginSession.objects.for_owner(user).values_list("code")),
        "passkeys": list(Passkey.objects.for_owner(user).values_list("code")),
        "api_tokens": list(ApiToken.objects.for_owner(user).values_list("code", "revoked_at")),
        "webhooks": list(
            Hook.objects.for_owner(user).values_list("code", "url", "events", "secret", "is_active")
        ),
        "deliveries": list(Delivery.objects.for_owner(user).values_list("code", "status")),
        "suggestions": list(Suggestion.objects.for_owner(user).values_list("code", "dismissed_at")),
    }


def call(client, method: str, path: str):
    """The API reads JSON bodies: an empty object there, so the answer is about the object
    in the address, not a body that could not be read."""
    if method != "get" and path.startswith("/api/"):
        return getattr(client, method)(path, "{}", content_type="application/json")
    return getattr(client, method)(path)


def candidates(route: str, world: dict):
    names = uuid_parameters(route)
    fixed = {name: world[name] for name in ("participant", "code_b")}
    for code in world["codes"]:
        yield {"history_id": world["history_id"], **{name: fixed.get(name, code) for name in names}}


@pytest.mark.parametrize("route", OBJECT_ROUTES)
def test_outsider_gets_404_for_every_method_and_nothing_changes(
    route, client, alice, charlie, alices_world
):
    client.force_login(charlie)
    before = snapshot(alice)
    for values in candidates(route, alices_world):
        path = build_path(route, values)
        for method in METHODS:
            status = call(client, method, path).status_code
            assert status in (404, 405), f"{method.upper()} {path} as an outsider -> {status}"
    assert snapshot(alice) == before


@pytest.mark.parametrize("route", OBJECT_ROUTES)
def test_the_owner_reaches_every_swept_url(route, client, alice, alices_world):
    """Guards the sweep itself: some object of alice's must open each pattern for her, so a 404
    above means "scoped", not "the test never found a real object"."""
    client.force_login(alice)
    reached = [
        (method, build_path(route, values))
        for values in candidates(route, alices_world)
        for method in ("get", "post")
        if call(client, method, build_path(route, values)).status_code not in (404, 405)
    ]
    assert reached, f"no object of alice's opens {route}; add one to alices_world"


def test_the_sweep_covers_the_apps():
    assert len(OBJECT_ROUTES) > 40
    apps = (
        "contacts/",
        "interactions/",
        "reminders/",
        "vip/",
        "opportunities/",
        "projects/",
        "collaborations/",
        "connect/",
        "network/",
        "push/",
        "api/v1/",
    )
    for app in (*apps, "accounts/"):
        assert any(route.startswith(app) for route in OBJECT_ROUTES), app


def test_a_random_uuid_is_404_for_the_owner_too(client, alice):
    client.force_login(alice)
    assert client.get(f"/contacts/{uuid.uuid4()}/").status_code == 404


@pytest.mark.parametrize("url", ["/search/", "/contacts/"])
def test_searches_never_show_an_outsider_anyone_elses_people(url, client, alice, alices_world):
    """Pages without ids in their address: what alice knows is never found by charlie, even when
    he types exactly it (her contacts' names, and a word of her interactions)."""
    from tests.conftest import make_user

    client.force_login(make_user("mallory"))
    for contact in Contact.objects.for_owner(alice):
        page = client.get(url, {"q": contact.name}).content.decode()
        assert str(contact.code) not in page, f"{url}?q={contact.name} shows alice's contact"


def test_who_knows_and_matching_never_show_an_outsider_anyone_elses_people(
    client, alice, alices_world
):
    """The network's technology pages take names, not ids: alice's tag names and her contacts'
    names find nothing for charlie, and her projects and opportunities are not found."""
    from django.urls import reverse

    from contacts.models import Tag
    from tests.conftest import make_user

    client.force_login(make_user("mallory"))
    codes = [str(c.code) for c in Contact.objects.for_owner(alice)]
    words = [t.name for t in Tag.objects.for_owner(alice)]
    words += [c.name for c in Contact.objects.for_owner(alice)]
    for word in words:
        for page in (
            client.get(reverse("network:who_knows", args=[word])),
            client.get(reverse("network:match"), {"need": word}),
        ):
            assert page.status_code == 200
            assert not any(code in page.content.decode() for code in codes), word
    match = reverse("network:match")
    for project in Project.objects.for_owner(alice):
        assert client.get(match, {"project": str(project.code)}).status_code == 404
    for opportunity in Opportunity.objects.for_owner(alice):
        assert client.get(match, {"opportunity": str(opportunity.code)}).status_code == 404


def test_entries_captured_offline_never_reach_anyone_elses_data(
    client, alice, charlie, alices_world
):
    """The capture endpoints take names and the phone's ids, not codes: charlie naming alice's
    contact finds nothing, reusing the id of alice's entry makes his own row (never answers
    with hers), and an entry stamped with alice's account is refused for his session."""
    from pwa.account import account_marker

    ada = Contact.objects.for_owner(alice).get(name="Ada Lovelace")
    client_id = str(uuid.uuid4())
    client.force_login(alice)
    hers = client.post(
        "/capture/send/contact/",
        {"client_id": client_id, "account": account_marker(alice), "name": "Linus"},
    )
    assert hers.status_code == 201
    client.force_login(charlie)
    before = snapshot(alice)
    entry = {
        "client_id": client_id,
        "account": account_marker(charlie),
        "contact_name": ada.name,
        "type": "call",
        "occurred_at": "2026-01-01T10:00:00Z",
    }
    refused = client.post("/capture/send/interaction/", entry)
    assert refused.status_code == 422 and "no contact named" in refused.json()["message"]
    stamped = {"client_id": client_id, "account": account_marker(alice), "name": "Linus"}
    assert client.post("/capture/send/contact/", stamped).status_code == 409
    his = client.post("/capture/send/contact/", {**stamped, "account": account_marker(charlie)})
    assert his.status_code == 201 and his.json()["url"] != hers.json()["url"]
    assert client.get("/capture/session/").json()["account"] == account_marker(charlie)
    assert snapshot(alice) == before
