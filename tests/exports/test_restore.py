"""Restoring a JSON export: identical round trip, empty accounts only, bad files refused cleanly."""

import copy
import datetime as dt
import json

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from collaborations.models import PlannedSession, Session
from contacts import status
from contacts.models import Contact, Tag
from exports import dump
from exports.restore import RestoreError, restore
from interactions import services as interaction_services
from interactions.models import Interaction, InteractionType
from quickconnect.models import QuickConnectCode
from reminders.models import Reminder
from reminders.refresh import refresh_statuses
from tests.conftest import make_contact, make_user
from tests.contacts.conftest import html
from tests.exports.conftest import build_world

pytestmark = pytest.mark.django_db

URL = reverse("exports:restore")


def comparable(document: dict) -> dict:
    """The export minus what names the account and the moment, and the history of changes (a
    restore starts a new history rather than bringing the old one back)."""
    return {k: v for k, v in document.items() if k not in ("owner", "exported_at", "history")}


def upload(document, name: str = "export.json") -> SimpleUploadedFile:
    body = document if isinstance(document, bytes) else json.dumps(document).encode()
    return SimpleUploadedFile(name, body, content_type="application/json")


def counts(user) -> dict[str, int]:
    return {spec.label: spec.owned_by(user).count() for spec in dump.specs()}


def test_round_trip_restores_every_record_identically(alice, alices_world):
    """Export, move to a new installation (alice's rows gone), restore, export again: equal."""
    original = dump.dump(alice)
    alice.delete()
    bob = make_user("bob")
    InteractionType.objects.for_owner(bob)  # a fresh account already has the built-in types

    created = restore(bob, original)

    again = dump.dump(bob)
    assert comparable(again) == comparable(original)
    assert created == sum(len(rows) for rows in original["data"].values())
    assert again["owner"] == {"username": "bob"}
    bob.refresh_from_db()
    assert bob.time_zone == "Europe/Berlin"


def test_a_study_groups_session_resources_and_planned_dates_are_restored(alice, alices_world):
    original = dump.dump(alice)
    alice.delete()
    bob = make_user("bob")

    restore(bob, original)

    session = Session.objects.get(collaboration__owner=bob)
    assert [(r.title, r.contact.name) for r in session.resources.all()] == [
        ("SICP", "Ada Lovelace-Byron")
    ]
    planned = PlannedSession.objects.get(collaboration__owner=bob)
    assert (planned.on, planned.at, planned.topic) == (
        dt.date(2026, 3, 10),
        dt.time(18, 30),
        "1.2 «Procedures»",
    )
    assert planned.collaboration == session.collaboration


def test_restoring_a_copy_next_to_the_original_gets_new_codes(alice, alices_world):
    """Same database: codes and Quick Connect tokens are taken, so fresh ones are issued and
    every reference still points inside the copy."""
    original = dump.dump(alice)
    before = counts(alice)
    bob = make_user("bob")

    restore(bob, original)

    assert counts(bob) == before
    assert counts(alice) == before
    copy_of_ada = Contact.objects.get(owner=bob, name="Ada Lovelace-Byron")
    assert copy_of_ada.code != alices_world["ada"].code
    assert set(copy_of_ada.tags.values_list("owner", flat=True)) == {bob.pk}
    assert Interaction.objects.get(contact__owner=bob).type.owner == bob
    tokens = set(QuickConnectCode.objects.values_list("token", flat=True))
    assert len(tokens) == 2


def test_timestamps_and_automatic_fields_survive(alice, alices_world):
    ada = alices_world["ada"]
    ada.refresh_from_db()  # logging the interaction moved last_contacted
    original = dump.dump(alice)
    alice.delete()
    bob = make_user("bob")
    restore(bob, original)
    restored = Contact.objects.get(code=ada.code)
    assert restored.created_at == ada.created_at
    assert restored.last_contacted == ada.last_contacted
    assert list(restored.tags.order_by("name").values_list("name", flat=True)) == [
        "PyCon 2026",
        "Python",
    ]


def test_restore_is_refused_when_the_account_has_contacts(alice, alices_world, charlie):
    make_contact(charlie, name="Already here")
    with pytest.raises(RestoreError, match="already has data \\(1 contact"):
        restore(charlie, dump.dump(alice))
    assert Contact.objects.filter(owner=charlie).count() == 1


def test_page_refuses_a_non_empty_account_with_a_clear_message(client, alice, alices_world):
    document = dump.dump(alice)
    client.force_login(alice)
    response = client.post(URL, {"file": upload(document)})
    assert response.status_code == 200
    assert "already has data" in html(response)
    assert Contact.objects.filter(owner=alice).count() == 2


@override_settings(JOBS_STEP_SECONDS=60)  # all in the upload's request, however busy the machine
def test_page_restores_into_an_empty_account(client, alice, alices_world, charlie):
    document = dump.dump(alice)
    client.force_login(charlie)
    response = client.post(URL, {"file": upload(document)}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("contacts:list")
    assert "Restored" in html(response)
    assert Contact.objects.filter(owner=charlie).count() == 2


def test_page_shows_the_form_and_warns_a_non_empty_account(client, alice):
    client.force_login(alice)
    assert 'type="file"' in html(client.get(URL))
    make_contact(alice)
    assert "already has data (1 contact)" in html(client.get(URL))


BAD_FILES = {
    "not json": (b"{nope", "not valid JSON"),
    "not text": (b"\xff\xfe\x00\x81", "not text"),
    "not an export": ({"hello": "world"}, "not a DevHub CRM export"),
    "newer version": (
        {"format": "devhub-crm", "version": 99, "data": {}},
        "made by a newer DevHub CRM",
    ),
    "no version": ({"format": "devhub-crm", "data": {}}, "no format version"),
    "older version": ({"format": "devhub-crm", "version": 0, "data": {}}, "not supported"),
    "no data": ({"format": "devhub-crm", "version": 1}, "no “data” section"),
    "unknown section": (
        {"format": "devhub-crm", "version": 1, "data": {"auth.Group": []}},
        "does not know",
    ),
    "records not objects": (
        {"format": "devhub-crm", "version": 1, "data": {"contacts.Tag": ["x"]}},
        "list of records",
    ),
    "a list": ([1, 2], "not a DevHub CRM export"),
}


@pytest.mark.parametrize("case", BAD_FILES)
def test_bad_files_get_a_clear_message_and_nothing_is_created(client, charlie, case):
    body, message = BAD_FILES[case]
    client.force_login(charlie)
    response = client.post(URL, {"file": upload(body)})
    assert response.status_code == 200
    assert message in html(response)
    assert not Tag.objects.filter(owner=charlie).exists()


def mangled(document: dict, label: str, index: int, **changes) -> dict:
    document = copy.deepcopy(document)
    document["data"][label][index].update(changes)
    return document


@pytest.mark.parametrize(
    ("label", "changes", "message"),
    [
        ("contacts.Contact", {"email": "not-an-email"}, "valid email"),
        ("contacts.Contact", {"birthday": "yesterday-ish"}, "birthday"),
        ("contacts.Contact", {"status": "famous"}, "not a valid choice"),
        ("contacts.Contact", {"favourite_colour": "blue"}, "unknown field “favourite_colour”"),
        ("contacts.Contact", {"tags": ["00000000-0000-4000-8000-000000000000"]}, "not in the file"),
        ("interactions.Interaction", {"contact": "nobody"}, "not in the file"),
        ("interactions.Interaction", {"occurred_at": {"a": 1}}, "occurred_at"),
        ("contacts.Contact", {"code": None}, "“code” is missing"),
    ],
)
def test_invalid_records_are_refused_and_the_restore_is_all_or_nothing(
    alice, alices_world, charlie, label, changes, message
):
    document = mangled(dump.dump(alice), label, 0, **changes)
    with pytest.raises(RestoreError, match=message):
        restore(charlie, document)
    assert not Contact.objects.filter(owner=charlie).exists()
    assert not Tag.objects.filter(owner=charlie).exists()


def test_a_late_clash_rolls_back_everything(alice, alices_world, charlie):
    """Two tags with the same name pass field checks but break a constraint at insert time."""
    document = dump.dump(alice)
    twin = {**document["data"]["contacts.Tag"][0], "code": "11111111-1111-4111-8111-111111111111"}
    document["data"]["contacts.Tag"].append(twin)
    with pytest.raises(RestoreError, match="clash"):
        restore(charlie, document)
    assert not Tag.objects.filter(owner=charlie).exists()
    charlie.refresh_from_db()
    assert charlie.time_zone != "Europe/Berlin"  # preferences rolled back too


def test_a_file_without_newer_fields_still_restores(alice, alices_world, charlie):
    """An export made before a field existed: the field takes its default."""
    document = dump.dump(alice)
    for record in document["data"]["contacts.Contact"]:
        del record["snoozed_until"]
    restore(charlie, document)
    assert Contact.objects.filter(owner=charlie, snoozed_until__isnull=True).count() == 2


# Fields a file must carry: Django has no default for them (no default, not nullable, not text
# that may be blank). Every other plain field may be missing from a record.
REQUIRED = {
    "collaborations.Collaboration": {"title"},
    "collaborations.Feedback": {"text"},
    "collaborations.Idea": {"title"},
    "collaborations.PlannedSession": {"on", "at"},
    "collaborations.Session": {"topic"},
    "collaborations.StageChange": {"to_stage"},
    "contacts.Contact": {"name"},
    "contacts.Event": {"name"},
    "contacts.Tag": {"name"},
    "interactions.InteractionType": {"name"},
    "opportunities.Opportunity": {"company", "role_title"},
    "opportunities.Compensation": {"amount"},
    "opportunities.StageChange": {"to_status"},
    "projects.Milestone": {"title", "due_on"},
    "projects.Payment": {"amount", "due_on"},
    "projects.Project": {"title"},
    "projects.StageChange": {"to_stage"},
    "projects.TimeEntry": {"hours"},
    "quickconnect.Notification": {"title"},
    "quickconnect.Submission": {"form_id"},
    "reminders.DigestDelivery": {"day"},
    "reminders.Reminder": {"title", "due_on"},
    "resources.SharedResource": {"title"},
    "vip.ProjectCollaboration": {"title"},
}
RESTORED_AT = dt.datetime(2026, 5, 1, 22, 30, tzinfo=dt.UTC)  # already May 2 in Berlin


def stripped_to_the_required(document: dict) -> dict:
    """Every record without any plain field it can do without (keys and references stay)."""
    document = copy.deepcopy(document)
    for spec in dump.specs():
        optional = {f.name for f in spec.fields} - REQUIRED.get(spec.label, set()) - {"code"}
        for record in document["data"].get(spec.label, []):
            for name in optional:
                record.pop(name, None)
    return document


@time_machine.travel(RESTORED_AT, tick=False)
def test_missing_fields_take_their_defaults(alice, charlie):
    with time_machine.travel(RESTORED_AT - dt.timedelta(days=400), tick=False):
        world = build_world(alice)
    document = stripped_to_the_required(dump.dump(alice))
    assert "created_at" not in document["data"]["contacts.Contact"][0]

    restore(charlie, document)

    assert counts(charlie) == counts(alice)
    ada = Contact.objects.get(owner=charlie, name=world["ada"].name)
    # Creation and change times are the moment of the restore; "added on" is that day, locally
    # (charlie's own time zone: the file's preferences were stripped too).
    assert ada.created_at == ada.updated_at == RESTORED_AT
    assert ada.added_on == timezone.localdate(RESTORED_AT, charlie.zone)
    assert (ada.email, ada.birthday, ada.is_vip, ada.importance) == ("", None, False, "medium")
    assert ada.tags.count() == 2  # links are references, not plain fields: all kept
    interaction = Interaction.objects.get(contact=ada)
    assert interaction.created_at == RESTORED_AT
    assert interaction.occurred_at == RESTORED_AT  # its field default: now
    reminder = Reminder.objects.get(contact=ada, title="Ping Ada")
    assert (reminder.due_on, reminder.created_at) == (dt.date(2026, 7, 1), RESTORED_AT)
    token = QuickConnectCode.objects.get(owner=charlie).token
    assert token and token != QuickConnectCode.objects.get(owner=alice).token


REQUIRED_FIELDS = sorted((label, name) for label, names in REQUIRED.items() for name in names)


@pytest.mark.parametrize(
    ("label", "name"), REQUIRED_FIELDS, ids=[f"{label}.{name}" for label, name in REQUIRED_FIELDS]
)
def test_a_missing_field_without_a_default_is_named(alice, alices_world, charlie, label, name):
    document = dump.dump(alice)
    del document["data"][label][0][name]

    with pytest.raises(RestoreError) as refused:
        restore(charlie, document)

    assert str(refused.value) == f"{label} record 1: “{name}” is missing, and it has no default."
    assert counts(charlie) == counts(make_user("nobody"))  # nothing written


@pytest.mark.parametrize(
    ("label", "name"),
    [
        ("contacts.Contact", "created_at"),
        ("contacts.Contact", "email"),
        ("vip.ContactInfo", "social_links"),
    ],
)
def test_a_null_where_none_is_allowed_is_named_not_called_a_clash(
    alice, alices_world, charlie, label, name
):
    document = mangled(dump.dump(alice), label, 0, **{name: None})

    with pytest.raises(RestoreError) as refused:
        restore(charlie, document)

    assert str(refused.value) == f"{label} record 1: “{name}” cannot be null."


@override_settings(EXPORTS_RESTORE_MAX_BYTES=1024)
def test_oversize_upload_is_refused(client, charlie):
    client.force_login(charlie)
    big = {"format": "devhub-crm", "version": 1, "data": {}, "pad": "x" * 4096}
    response = client.post(URL, {"file": upload(big)})
    assert "files of at most" in html(response)


def test_missing_file_is_a_form_error(client, charlie):
    client.force_login(charlie)
    response = client.post(URL, {})
    assert response.status_code == 200
    assert "This field is required" in html(response)


def test_anonymous_is_sent_to_log_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_put_is_not_allowed(alice_client):
    assert alice_client.put(URL).status_code == 405


def test_restore_then_the_nightly_job_makes_no_second_automatic_reminder(alice):
    """Automatic reminders name their contact and interaction by foreign keys, which the restore
    points at the new rows: the nightly job recognises every occasion and adds nothing."""
    today = status.local_today(alice)
    lapsed = make_contact(
        alice,
        name="Lapsed",
        last_contacted=today - dt.timedelta(days=200),
        birthday=(today + dt.timedelta(days=3)).replace(year=1990),
    )
    make_contact(alice, name="Met", source=Contact.Source.CONFERENCE)
    kind = InteractionType.objects.for_owner(alice).first()
    interaction_services.save_interaction(
        Interaction(
            contact=lapsed,
            type=kind,
            occurred_at=timezone.now() - dt.timedelta(days=200),
            follow_up_on=today + dt.timedelta(days=3),
        )
    )
    refresh_statuses()
    original = dump.dump(alice)
    automatic = Reminder.objects.filter(owner=alice, is_automatic=True).count()
    assert automatic == 5  # check-in, birthday (a week before and today), conference, follow-up
    bob = make_user("bob")

    restore(bob, original)
    refresh_statuses()

    restored = Reminder.objects.filter(owner=bob, is_automatic=True)
    assert restored.count() == automatic
    assert not restored.filter(contact=None).exists()
    assert restored.get(kind=Reminder.Kind.FOLLOW_UP).interaction.owner == bob


def test_a_backup_with_old_occasion_keys_restores_without_duplicates(alice):
    """A file written before occasions were foreign keys ("contact:<id>:...") is read in today's
    terms, so the nightly job does not add a second birthday reminder after the restore."""
    today = status.local_today(alice)
    birthday = today + dt.timedelta(days=3)  # the "in a week" reminder is due today already
    make_contact(alice, name="Birthday", birthday=birthday.replace(year=1990))
    refresh_statuses()
    document = dump.dump(alice)
    for row in document["data"]["reminders.Reminder"]:
        label = row["occasion"]
        row["occasion"] = f"contact:12345:{birthday.year}:{label}"
        del row["occasion_on"]
    bob = make_user("bob")

    restore(bob, document)
    refresh_statuses()

    reminders = Reminder.objects.filter(owner=bob, kind=Reminder.Kind.BIRTHDAY)
    assert sorted(reminders.values_list("occasion", flat=True)) == ["in a week", "today"]
    assert set(reminders.values_list("occasion_on", flat=True)) == {birthday}
