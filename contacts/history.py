"""A contact's history of changes, a page at a time, each version with what it changed."""

from dataclasses import dataclass, field
from functools import cached_property

from django.core.paginator import Page, Paginator
from django.utils import timezone
from django.utils.formats import date_format

from contacts.models import Contact
from history.services import source_label

PER_PAGE = 25
# Bookkeeping columns whose changes say nothing to the user.
NOT_SHOWN = ["owner", "check_in_on", "reconnect_on"]


@dataclass
class Change:
    label: str
    old: str
    new: str


@dataclass
class Version:
    record: object
    source: str
    changes: list[Change] = field(default_factory=list)
    current: bool = False

    @cached_property
    def when(self) -> str:
        """The version's moment in the user's time zone, as the page shows it twice."""
        return date_format(timezone.localtime(self.record.history_date), "j M Y H:i")

    @property
    def kind(self) -> str:
        return {"+": "Added", "~": "Changed", "-": "Deleted"}[self.record.history_type]


SHOWN_CHARS = 200  # a long note's before and after are cut to this many characters


def _shown(contact_field, value) -> str:
    if value in (None, ""):
        return "—"
    if contact_field.choices:
        return str(dict(contact_field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return "yes" if value else "no"
    text = str(value)
    return text if len(text) <= SHOWN_CHARS else text[: SHOWN_CHARS - 1] + "…"


def _changes(newer, older) -> list[Change]:
    delta = newer.diff_against(older, excluded_fields=NOT_SHOWN)
    changes = []
    for change in sorted(delta.changes, key=lambda c: c.field):
        f = Contact._meta.get_field(change.field)
        label = str(f.verbose_name)
        changes.append(
            Change(label[:1].upper() + label[1:], _shown(f, change.old), _shown(f, change.new))
        )
    return changes


def history_page(contact: Contact, number) -> tuple[Page, list[Version]]:
    """Page `number` of the contact's versions, newest first. Reads the page's rows and the one
    before its last (for what that one changed): one query besides the count, whatever the
    length of the history."""
    records = contact.history.select_related("history_user").order_by(
        "-history_date", "-history_id"
    )
    page = Paginator(records, PER_PAGE).get_page(number)
    start = (page.number - 1) * PER_PAGE
    rows = list(records[start : start + PER_PAGE + 1])
    versions = []
    for position, record in enumerate(rows[:PER_PAGE]):
        older = rows[position + 1] if position + 1 < len(rows) else None
        version = Version(
            record, source_label(record.history_source), current=start + position == 0
        )
        if older is not None and record.history_type == "~":
            version.changes = _changes(record, older)
        versions.append(version)
    return page, versions
