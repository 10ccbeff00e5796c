"""A change of the owner's default follow-up rhythm or time zone (the settings page), applied to
every contact as a long change (jobs/).

Those settings are inputs of every contact's status, so saving new ones applies the rules again
to all the owner's contacts, with the check-in reminders that follow, a range of contacts per
transaction (contacts.services.contact_ranges): a hundred thousand contacts never hold the
database for more than a moment. A small account is done within the request that saves; a big
one continues on the job's progress page, or by itself (`run_jobs`).
"""

from django.contrib.auth import get_user_model
from django.db import transaction

from contacts import services as contact_services
from contacts import status
from history.sources import WEB, changes_by
from jobs import services as jobs
from jobs.models import Job
from reminders import services
from reminders.forms import PreferencesForm

KIND = "reminders.reapply_rules"
SAVED = "Saved your settings."


def save_settings(form: PreferencesForm, next_url: str) -> Job | None:
    """Save the owner's settings (a valid form); when they change an input of the status rules,
    also start the job that applies them to every contact, and return it."""
    if not status.OWNER_INPUTS & set(form.changed_data):
        form.save()
        return None
    owner = form.instance
    ranges = contact_services.contact_ranges(owner)  # read before the write transaction
    count = sum(size for *_, size in ranges)
    # The settings and the job that applies them are stored together, or neither is.
    with transaction.atomic():
        form.save()
        return jobs.start(
            owner,
            KIND,
            f"Applying your new settings to {count:,} contact{'s' if count != 1 else ''}",
            ((size, {"range": [lo, hi]}) for lo, hi, size in ranges),
            next_url=next_url,
        )


def run(job: Job, payload: dict) -> None:
    """One range of contacts: due dates and statuses, then a check-in for each one now due.

    The owner is read afresh, so an item always applies the latest settings (a job started by an
    earlier save that is still running applies the newer ones too). Running it again changes
    nothing: the rules give the same values and a contact has one check-in per occasion."""
    owner = get_user_model().objects.get(pk=job.owner_id)
    contacts = contact_services.contacts_in_range(owner, *payload["range"])
    # The owner's own change of settings, whether this item runs in their request or by cron.
    with changes_by(WEB, owner):
        contact_services.apply_rules(owner, contacts)
    services.create_check_in_reminders(contacts, status.local_today(owner))


def finish(job: Job) -> str:
    return SAVED


def register() -> None:
    jobs.register(KIND, jobs.Kind(run=run, finish=finish))
