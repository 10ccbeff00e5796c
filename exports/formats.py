"""CSV and vCard renderings of contacts, produced row by row so a streamed response never holds
the whole address book in memory."""

import csv
from collections.abc import Iterator
from itertools import batched

import vobject
from django.db.models.functions import Lower

from contacts.models import Contact
from devhub.lib.fields import FoldedField

# Every stored field of a contact except internal ones, in model order, then the tags and the
# contact's code. Derived from the model, so a new Contact field is exported without edits.
# Stored values, not display labels, so a file can be read back (docs/user-guide.md says what
# each means).
INTERNAL_FIELDS = {"id", "code", "owner", "snoozed_until", "updated_at", "client_id"}
CSV_COLUMNS = [
    *(
        f.name
        for f in Contact._meta.concrete_fields
        if f.name not in INTERNAL_FIELDS and not isinstance(f, FoldedField)
    ),
    "tags",
    "code",
]
# A spreadsheet treats a cell starting with these as a formula (OWASP "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CHUNK = 1000


def neutralise(value: str) -> str:
    """Prefix a would-be formula with a quote so spreadsheets show it as text."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return neutralise(str(value))


class _Echo:
    """csv.writer writes into this and gets the line back, to yield it straight away."""

    def write(self, value: str) -> str:
        return value


def csv_rows(contacts) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield writer.writerow(CSV_COLUMNS)
    for contact, tags in with_tags(contacts):
        values = []
        for column in CSV_COLUMNS:
            if column == "tags":
                values.append(neutralise(", ".join(tags)))
            else:
                values.append(_cell(getattr(contact, column)))
        yield writer.writerow(values)


def vcards(contacts) -> Iterator[str]:
    for contact, tags in with_tags(contacts):
        yield vcard(contact, tags).serialize()


def vcard(contact: Contact, tags: list[str]) -> vobject.base.Component:
    """One vCard 3.0 card: name, e-mail, phone, organisation, title, profile links, note, tags."""
    card = vobject.vCard()
    card.add("fn").value = contact.name
    given, _, family = contact.name.rpartition(" ")
    card.add("n").value = vobject.vcard.Name(family=family, given=given)
    card.add("uid").value = f"urn:uuid:{contact.code}"
    if contact.email:
        email = card.add("email")
        email.value, email.type_param = contact.email, "INTERNET"
    if contact.phone:
        card.add("tel").value = contact.phone
    if contact.company:
        card.add("org").value = [contact.company]
    if contact.job_title:
        card.add("title").value = contact.job_title
    if contact.birthday:
        card.add("bday").value = contact.birthday.isoformat()
    for kind, url in (
        ("linkedin", contact.linkedin_url),
        ("github", contact.github_url),
        ("gitlab", contact.gitlab_url),
        ("website", contact.website_url),
        *(("other", link) for link in contact.other_link_list),
    ):
        if url:
            line = card.add("url")
            line.value, line.type_param = url, kind
    if contact.notes:
        card.add("note").value = contact.notes
    if tags:
        card.add("categories").value = tags
    card.add("rev").value = contact.updated_at.strftime("%Y-%m-%dT%H:%M:%SZ")
    return card


def with_tags(contacts) -> Iterator[tuple[Contact, list[str]]]:
    """Each contact with its tag names, read a chunk at a time (one query for a chunk's tags;
    cheaper than prefetch_related, which builds a Tag object per link)."""
    for chunk in batched(contacts.iterator(chunk_size=CHUNK), CHUNK):
        names: dict[int, list[str]] = {}
        links = Contact.tags.through.objects.filter(contact_id__in=[c.pk for c in chunk])
        for contact_id, name in links.order_by(Lower("tag__name")).values_list(
            "contact_id", "tag__name"
        ):
            names.setdefault(contact_id, []).append(name)
        for contact in chunk:
            yield contact, names.get(contact.pk, [])
