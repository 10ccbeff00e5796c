"""New default rhythms or a new time zone reach every contact through a long change: a range of
contacts per item, each item touching only its range, and an item run twice changing nothing."""

import pytest
import time_machine
from django.db import transaction

from accounts.models import User
from contacts.models import Contact
from jobs import services as jobs
from jobs.models import Job
from reminders import rhythm
from reminders.forms import PreferencesForm
from reminders.models import Reminder
from tests.conftest import make_contact
from tests.reminders.helpers import NOW, days_ago

pytestmark = pytest.mark.django_db

Status = Contact.Status


@pytest.fixture(autouse=True)
def frozen_clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def five(alice, charlie) -> list[Contact]:
    """Five of alice's contacts, last seen 20 days ago (regular under the medium default of 90
    days, check-in due under 10), with charlie's contacts between them."""
    mine = []
    for n in range(5):
        mine.append(make_contact(alice, name=f"Mine {n}", last_contacted=days_ago(20)))
        make_contact(charlie, name=f"Charlie's {n}", last_contacted=days_ago(20))
    return mine


def save(user: User, **changes) -> Job | None:
    """The settings page's save, with `changes` over the user's current settings."""
    user = User.objects.get(pk=user.pk)
    data = {name: getattr(user, name) for name in PreferencesForm._meta.fields}
    form = PreferencesForm({**data, **changes}, instance=user)
    assert form.is_valid(), form.errors
    return rhythm.save_settings(form, next_url="/reminders/settings/")


def statuses(owner: User) -> list[str]:
    return list(Contact.objects.filter(owner=owner).order_by("pk").values_list("status", flat=True))


def check_ins(owner: User) -> list[int]:
    return sorted(
        Reminder.objects.filter(owner=owner, kind=Reminder.Kind.CHECK_IN).values_list(
            "contact_id", flat=True
        )
    )


def test_new_defaults_reach_every_contact_a_range_per_item(alice, charlie, five, ranges_of_two):
    job = save(alice, medium_follow_up_days=10)

    assert job.kind == rhythm.KIND and job.title == "Applying your new settings to 5 contacts"
    assert [item.size for item in job.items.all()] == [2, 2, 1]
    assert statuses(alice) == [Status.REGULAR_CONTACT] * 5  # nothing yet: the job does it

    jobs.run_to_end(job)

    assert (job.status, job.done, job.total, job.message) == ("done", 5, 5, rhythm.SAVED)
    assert statuses(alice) == [Status.CHECK_IN_DUE] * 5
    assert check_ins(alice) == sorted(c.pk for c in five)
    assert statuses(charlie) == [Status.REGULAR_CONTACT] * 5
    assert check_ins(charlie) == []


def test_each_item_touches_only_its_range(alice, charlie, five, ranges_of_two):
    job = save(alice, medium_follow_up_days=10)

    jobs.step(job, budget=0)  # one item: the first two contacts

    assert job.done == 2 and job.is_working
    assert statuses(alice) == [Status.CHECK_IN_DUE] * 2 + [Status.REGULAR_CONTACT] * 3
    assert check_ins(alice) == [five[0].pk, five[1].pk]
    # Charlie's contacts between alice's keys are in no range of hers.
    assert statuses(charlie) == [Status.REGULAR_CONTACT] * 5


def test_running_an_item_again_changes_nothing(alice, five, ranges_of_two):
    job = save(alice, medium_follow_up_days=10)
    payloads = list(job.items.values_list("payload", flat=True))
    jobs.run_to_end(job)
    before = list(Contact.objects.filter(owner=alice).order_by("pk").values()), check_ins(alice)

    for payload in payloads:  # as a worker whose hold lapsed might, after another did it
        with transaction.atomic():
            rhythm.run(job, payload)

    after = list(Contact.objects.filter(owner=alice).order_by("pk").values()), check_ins(alice)
    assert after == before


def test_a_contact_added_while_the_job_runs_falls_in_its_last_range(alice, five, ranges_of_two):
    job = save(alice, medium_follow_up_days=10)
    # Stored as it was before the new defaults (as if saved by a request that had read them).
    late = make_contact(alice, name="Late", last_contacted=days_ago(20))
    Contact.objects.filter(pk=late.pk).update(status=Status.REGULAR_CONTACT, check_in_on=None)

    jobs.run_to_end(job)

    assert Contact.objects.get(pk=late.pk).status == Status.CHECK_IN_DUE
    assert late.pk in check_ins(alice)


def test_an_item_applies_the_settings_of_its_moment(alice, five, ranges_of_two, monkeypatch):
    """Settings saved again while an earlier save's job is half done (and its job run to the
    end): the rest of the earlier job follows the newer settings, not the ones it started with."""
    first = save(alice, medium_follow_up_days=10)
    newer = []

    def between_items(seconds: float) -> None:
        if not newer:
            newer.append(save(alice, medium_follow_up_days=90))
            jobs.run_to_end(newer[0])

    monkeypatch.setattr(jobs.time, "sleep", between_items)
    jobs.step(first, budget=60)  # all its items in one go, the other save after the first

    assert first.status == "done" and newer[0].status == "done"
    assert statuses(alice) == [Status.REGULAR_CONTACT] * 5


def test_a_new_time_zone_is_a_new_today_for_every_contact(alice, ranges_of_two):
    # 12:00 UTC on 10 March is 01:00 on 11 March in Auckland: 90 days after 11 December.
    make_contact(alice, last_contacted=days_ago(89))

    jobs.run_to_end(save(alice, time_zone="Pacific/Auckland"))

    assert statuses(alice) == [Status.CHECK_IN_DUE]


def test_an_empty_account_is_one_item_done_at_once(alice):
    job = save(alice, vip_follow_up_days=7)

    assert [item.size for item in job.items.all()] == [0]
    assert jobs.run_to_end(job).status == "done"


def test_settings_the_rules_do_not_read_start_no_job(alice, five):
    assert save(alice, digest_enabled=True) is None

    assert User.objects.get(pk=alice.pk).digest_enabled
    assert not Job.objects.exists()
