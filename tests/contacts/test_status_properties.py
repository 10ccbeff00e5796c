"""One truth for relationship status, as a property: random sequences of every kind of write,
across days, rhythm changes and time zones, and after each step every contact's stored status and
due dates equal the rules (recomputed here from first principles), and the pages agree."""

import datetime as dt
import itertools
import re
import zoneinfo

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    consumes,
    invariant,
    rule,
    run_state_machine_as_test,
)

from contacts import services
from contacts.models import Contact, Event
from duplicates.merge import merge_contacts
from interactions import services as interaction_services
from interactions.models import Interaction, InteractionType
from quickconnect.services import conference_add
from reminders import services as reminder_services
from reminders.refresh import refresh_statuses
from tests.conftest import make_user

pytestmark = pytest.mark.django_db(transaction=False)

Status = Contact.Status
ZONES = ["UTC", "Pacific/Kiritimati", "America/Los_Angeles", "Asia/Kolkata"]
DEFAULTS = {"vip": 14, "high": 30, "medium": 90, "low": 180}
START = dt.datetime(2026, 3, 1, 9, 0, tzinfo=dt.UTC)
_users = itertools.count()


def expected(contact: Contact, owner) -> tuple[str, dt.date | None, dt.date | None]:
    """The rules, written again independently of contacts/status.py."""
    if contact.status in (Status.ACTIVE_COLLABORATION, Status.PASSIVE):
        return contact.status, None, None
    if contact.follow_up_days:
        every = contact.follow_up_days
    elif contact.is_vip:
        every = owner.vip_follow_up_days
    else:
        every = getattr(owner, f"{contact.importance}_follow_up_days")
    start = contact.last_contacted or contact.added_on
    check_in, reconnect = start + dt.timedelta(every), start + dt.timedelta(3 * every)
    today = timezone.now().astimezone(zoneinfo.ZoneInfo(owner.time_zone)).date()
    if today >= reconnect:
        return Status.RECONNECT, check_in, reconnect
    if today >= check_in:
        return Status.CHECK_IN_DUE, check_in, reconnect
    return Status.REGULAR_CONTACT, check_in, reconnect


class StatusMachine(RuleBasedStateMachine):
    contacts = Bundle("contacts")

    def __init__(self) -> None:
        super().__init__()
        self.clock = time_machine.travel(START, tick=False)
        self.traveller = self.clock.start()
        self.owner = make_user(f"prop{next(_users)}")
        self.client = Client()
        self.client.force_login(self.owner)
        self.names = itertools.count(1)

    def teardown(self) -> None:
        self.clock.stop()

    def post(self, url: str, data: dict) -> None:
        self.client.force_login(self.owner)  # the session may have expired as days passed
        response = self.client.post(url, data)
        assert response.status_code in (200, 302), response.status_code
        assert "/login/" not in response.get("Location", "")

    def fresh(self, contact: Contact) -> Contact:
        return Contact.objects.get(pk=contact.pk)

    # --- writes ---------------------------------------------------------------------------------

    @rule(
        target=contacts,
        importance=st.sampled_from(["high", "medium", "low"]),
        vip=st.booleans(),
        every=st.none() | st.integers(1, 60),
        pinned=st.sampled_from(["", "", Status.ACTIVE_COLLABORATION, Status.PASSIVE]),
        last=st.none() | st.integers(0, 200),
    )
    def create(self, importance, vip, every, pinned, last):
        today = timezone.localdate(timezone.now(), self.owner.zone)
        return services.save_contact(
            Contact(
                owner=self.owner,
                name=f"Person {next(self.names)}",
                importance=importance,
                is_vip=vip,
                follow_up_days=every,
                status=pinned or Status.REGULAR_CONTACT,
                last_contacted=None if last is None else today - dt.timedelta(last),
            )
        )

    @rule(target=contacts)
    def conference_mode(self):
        """Added in seconds at an event (Quick Connect's conference mode)."""
        event = Event.objects.create(owner=self.owner, name="PyCon")
        return conference_add(self.owner, event, f"Person {next(self.names)}", "", [])

    @rule(contact=contacts, on=st.booleans())
    def toggle_vip(self, contact, on):
        self.post(reverse("vip:toggle", args=[contact.code]), {"vip": "1" if on else "0"})

    @rule(
        contact=contacts,
        importance=st.sampled_from(["high", "medium", "low"]),
        every=st.none() | st.integers(1, 60),
        pin=st.sampled_from(["", Status.ACTIVE_COLLABORATION, Status.PASSIVE]),
    )
    def change_rhythm(self, contact, importance, every, pin):
        data = {"importance": importance, "follow_up_days": every or "", "pin": pin}
        self.post(reverse("reminders:contact_rhythm", args=[contact.code]), data)

    @rule(
        action=st.sampled_from(
            ["set_importance", "mark_vip", "unmark_vip", "set_status", "archive", "unarchive"]
        ),
        importance=st.sampled_from(["high", "medium", "low"]),
        new_status=st.sampled_from(Status.values),
    )
    def bulk_edit(self, action, importance, new_status):
        changes = {
            "set_importance": {"importance": importance},
            "mark_vip": {"is_vip": True},
            "unmark_vip": {"is_vip": False},
            "set_status": {"status": new_status},
            "archive": {"is_archived": True},
            "unarchive": {"is_archived": False},
        }[action]
        services.update_many(self.owner, Contact.objects.for_owner(self.owner), **changes)

    @rule(contact=contacts, days_ago=st.integers(0, 120))
    def log_interaction(self, contact, days_ago):
        kind = InteractionType.objects.for_owner(self.owner).first()
        when = timezone.now() - dt.timedelta(days=days_ago)
        interaction_services.save_interaction(
            Interaction(contact=self.fresh(contact), type=kind, occurred_at=when)
        )

    @rule(contact=contacts)
    def delete_latest_interaction(self, contact):
        latest = Interaction.objects.filter(contact=contact).order_by("-occurred_at").first()
        if latest:
            interaction_services.delete_interaction(latest)

    @rule(contact=contacts, days=st.none() | st.integers(1, 30))
    def snooze(self, contact, days):
        until = None if days is None else timezone.localdate() + dt.timedelta(days)
        reminder_services.snooze_contact(self.fresh(contact), until)

    @rule(primary=contacts, other=consumes(contacts))
    def merge(self, primary, other):
        if primary.pk == other.pk or not Contact.objects.filter(pk=other.pk).exists():
            return
        merge_contacts(self.owner, self.fresh(primary), [self.fresh(other)], {})

    @rule(
        which=st.sampled_from(list(DEFAULTS)), days=st.integers(1, 120), zone=st.sampled_from(ZONES)
    )
    def change_preferences(self, which, days, zone):
        data = {
            f"{name}_follow_up_days": getattr(self.owner, f"{name}_follow_up_days")
            for name in DEFAULTS
        }
        data |= {f"{which}_follow_up_days": days, "time_zone": zone}
        self.post(reverse("reminders:preferences"), data)
        self.owner.refresh_from_db()

    @rule(days=st.integers(1, 40), hours=st.integers(0, 23))
    def days_pass(self, days, hours):
        """Time goes on and the nightly job runs, as cron does."""
        self.traveller.shift(dt.timedelta(days=days, hours=hours))
        refresh_statuses()

    # --- what must hold -------------------------------------------------------------------------

    @invariant()
    def stored_status_and_dates_follow_the_rules(self):
        self.owner.refresh_from_db()
        for contact in Contact.objects.for_owner(self.owner):
            state = (contact.status, contact.check_in_on, contact.reconnect_on)
            assert state == expected(contact, self.owner), contact.name

    @invariant()
    def pages_agree(self):
        contacts = list(Contact.objects.for_owner(self.owner))
        if not contacts:
            return
        self.client.force_login(self.owner)  # the session may have expired as days passed
        get = self.client.get
        listing = get(reverse("contacts:list")).content.decode()
        listing += get(reverse("contacts:list"), {"archived": "yes"}).content.decode()
        dashboard = get(reverse("home")).content.decode()
        attention = re.search(r'id="widget-attention".*?</section>', dashboard, re.S)[0]
        vip_page = get(reverse("vip:list")).content.decode()
        today = timezone.localdate(timezone.now(), self.owner.zone)
        waiting = [
            c
            for c in contacts
            if c.status in (Status.CHECK_IN_DUE, Status.RECONNECT)
            and not c.is_archived
            and not (c.snoozed_until and c.snoozed_until > today)
        ]
        for contact in contacts:
            label = contact.get_status_display()
            url = reverse("contacts:detail", args=[contact.code])
            badge = re.search(r'id="contact-status"[^>]*>([^<]+)<', get(url).content.decode())
            assert badge[1] == label, contact.name
            row = re.search(rf'href="{url}".*?</tr>', listing, re.S)
            assert f">{label}<" in row[0], contact.name
            if len(waiting) <= 10:  # the widget lists ten
                assert (f">{contact.name}<" in attention) == (contact in waiting), contact.name
            if contact.is_vip and not contact.is_archived:
                assert f">{contact.name}<" in vip_page, contact.name


def test_status_is_one_truth_across_random_writes():
    StatusMachine.TestCase.settings = settings(
        max_examples=15,
        stateful_step_count=15,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    )
    run_state_machine_as_test(StatusMachine, settings=StatusMachine.TestCase.settings)
