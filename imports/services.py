"""The import's work: read a file into rows, preview them, process them in chunks, undo.

Every step is short: `create_batch` and `analyse` read and check the whole file in memory (tens of
microseconds per row), `process_chunk` writes at most CHUNK_SIZE contacts, and the page calls it
again until the batch is done. A batch left half-way keeps its state in the database, so it can
be continued or undone later from the imports list.
"""

from datetime import date, timedelta
from types import SimpleNamespace

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.db.models import F, Q
from django.utils import timezone

from contacts import services as contact_services
from contacts.forms import ContactForm, tags_for_names
from contacts.models import Contact
from contacts.validators import validate_date_range
from devhub.lib.names import normalise_name
from duplicates.matching import ContactIndex, MatchKey, match_keys
from history import bulk as history_bulk
from history.sources import IMPORT, changes_by
from imports import parsers
from imports.models import ImportBatch, ImportRow

CHUNK_SIZE = getattr(settings, "IMPORT_CHUNK_SIZE", 200)
UNDO_CHUNK_SIZE = 500
MAX_ROWS = getattr(settings, "IMPORT_MAX_ROWS", 20_000)
MAX_COLUMNS = 200
LOCK_SECONDS = 60

# Text fields checked with the contact form's own fields and clean_* methods, then the model's
# validators: the same rules as adding a contact by hand.
TEXT_FIELDS = [
    "name",
    "email",
    "phone",
    "company",
    "job_title",
    "location",
    "github_username",
    "linkedin_url",
    "website_url",
    "notes",
]
DATE_FIELDS = ["birthday", "connected_on"]
KEY_LABELS = {
    "email": "e-mail address",
    "linkedin": "LinkedIn profile",
    "github": "GitHub username",
}


# The model's validators that the form field does not already run (validators compare equal
# when they check the same thing), so a 10,000-row file is not checked twice over.
MODEL_ONLY_VALIDATORS = {
    field: [
        v
        for v in Contact._meta.get_field(field).validators
        if v not in ContactForm.base_fields[field].validators
    ]
    for field in TEXT_FIELDS
}


def _form_rules(field: str, value: str):
    """ContactForm's field and clean_<field> method, then the model field's own validators."""
    value = ContactForm.base_fields[field].clean(value)
    if clean_method := getattr(ContactForm, f"clean_{field}", None):
        value = clean_method(SimpleNamespace(cleaned_data={field: value}))
    if value:
        for validator in MODEL_ONLY_VALIDATORS[field]:
            validator(value)
    return value


def validate_record(record: dict[str, str]) -> tuple[dict, list[str]]:
    """A parsed record -> (the values to store, the problems that stop it being imported)."""
    data: dict = {}
    problems: list[str] = []
    if record.get("_problem"):
        return data, [record["_problem"]]
    has_name = bool(normalise_name(record.get("name", "")))
    if not has_name:
        problems.append("No name: every contact needs one.")
    for field in TEXT_FIELDS:
        raw = record.get(field, "")
        if not raw and field != "name":
            continue
        try:
            if value := _form_rules(field, raw):
                data[field] = value
        except ValidationError as exc:
            if field != "name" or has_name:
                problems.append(f"{parsers.FIELD_LABELS[field]}: {' '.join(exc.messages)}")
    for field in DATE_FIELDS:
        try:
            value = parsers.parse_date(record.get(field, ""))
            if value and field == "birthday":
                Contact._meta.get_field(field).run_validators(value)
            if value:  # the years the contact form accepts
                validate_date_range(value)
        except ValueError:
            problems.append(f"{parsers.FIELD_LABELS[field]}: “{record[field][:40]}” is not a date.")
        except ValidationError as exc:
            problems.append(f"{parsers.FIELD_LABELS[field]}: {' '.join(exc.messages)}")
        else:
            if value:
                data[field] = value.isoformat()
    if record.get("tags"):
        try:
            if tags := ContactForm.base_fields["tag_names"].clean(record["tags"]):
                data["tags"] = tags
        except ValidationError as exc:
            problems.append(f"Tags: {' '.join(exc.messages)}")
    return data, problems


def row_keys(data: dict) -> set[MatchKey]:
    return match_keys(data.get("email"), data.get("linkedin_url"), data.get("github_username"))


def first_match(index: ContactIndex, keys: set[MatchKey]) -> tuple[MatchKey, int] | None:
    for key in sorted(keys):
        if (found := index.find({key})) is not None:
            return key, found
    return None


def create_batch(owner, filename: str, raw: bytes) -> ImportBatch:
    """Read an uploaded file into a new batch; raises parsers.ImportFileError if it cannot."""
    text = parsers.decode(raw)
    if not text.strip():
        raise parsers.ImportFileError("The file is empty.")
    batch = ImportBatch(owner=owner, filename=filename[:255], content=text)
    batch.format = parsers.detect_format(text)
    if batch.format == ImportBatch.Format.CSV:
        batch.headers, rows = parsers.read_csv(text)
        if len(batch.headers) > MAX_COLUMNS:
            raise parsers.ImportFileError(f"The CSV file has more than {MAX_COLUMNS} columns.")
        if not rows:
            raise parsers.ImportFileError("The CSV file has a header row but no contacts.")
        _check_row_count(len(rows))
        batch.mapping = parsers.guess_mapping(batch.headers)
        batch.status = ImportBatch.Status.MAPPING
        batch.save()
        return batch
    records = _records(batch)
    if not records:
        raise parsers.ImportFileError("No contacts were found in this file.")
    _check_row_count(len(records))
    with transaction.atomic():
        batch.save()
        analyse(batch, records)
    return batch


def _check_row_count(count: int) -> None:
    if count > MAX_ROWS:
        raise parsers.ImportFileError(
            f"The file has {count:,} contacts; at most {MAX_ROWS:,} can be imported at once. "
            "Split it into smaller files."
        )


def _records(batch: ImportBatch) -> list[dict[str, str]]:
    if batch.format == ImportBatch.Format.LINKEDIN:
        return parsers.parse_linkedin(batch.content)
    if batch.format == ImportBatch.Format.VCARD:
        return parsers.parse_vcards(batch.content)
    _, rows = parsers.read_csv(batch.content)
    return parsers.apply_mapping(rows, {f: int(c) for f, c in batch.mapping.items()})


@transaction.atomic
def analyse(batch: ImportBatch, records: list[dict[str, str]] | None = None) -> None:
    """(Re)build the batch's rows: each validated, matched against the owner's contacts and the
    file's earlier rows, with the outcome the preview shows."""
    if records is None:
        records = _records(batch)
    existing = ContactIndex.for_owner(batch.owner)
    earlier_rows = ContactIndex()
    rows = []
    for number, record in enumerate(records, start=1):
        data, problems = validate_record(record)
        row = ImportRow(batch=batch, number=number, data=data, problems=problems)
        if problems:
            row.outcome, row.reason = ImportRow.Outcome.SKIP, " ".join(problems)[:500]
        else:
            keys = row_keys(data)
            if match := first_match(existing, keys):
                row.outcome, row.matched_contact_id = ImportRow.Outcome.MERGE, match[1]
                row.reason = f"Same {KEY_LABELS[match[0][0]]} as an existing contact."
            elif match := first_match(earlier_rows, keys):
                row.outcome, row.duplicate_of_row = ImportRow.Outcome.MERGE, match[1]
                row.reason = f"Same {KEY_LABELS[match[0][0]]} as row {match[1]} of this file."
            else:
                row.outcome = ImportRow.Outcome.CREATE
            earlier_rows.add(number, keys)
        rows.append(row)
    batch.rows.all().delete()
    ImportRow.objects.bulk_create(rows, batch_size=500)
    batch.total_rows = len(rows)
    batch.status = ImportBatch.Status.READY
    batch.save(update_fields=["total_rows", "status", "mapping"])


def confirm(batch: ImportBatch) -> bool:
    """READY -> RUNNING, once (a double-clicked confirm starts one import)."""
    started = ImportBatch.objects.filter(pk=batch.pk, status=ImportBatch.Status.READY).update(
        status=ImportBatch.Status.RUNNING, confirmed_at=timezone.now()
    )
    batch.refresh_from_db()
    return bool(started)


def _unlocked(now) -> Q:
    return Q(locked_until__isnull=True) | Q(locked_until__lt=now)


def _claim(batch: ImportBatch, status: str) -> bool:
    """Take the batch's lock if it is in `status` and nobody holds it (or their hold expired),
    so two tabs never work on the same rows; a crashed request's hold lapses after a minute."""
    now = timezone.now()
    held = ImportBatch.objects.filter(pk=batch.pk, status=status).filter(_unlocked(now))
    return bool(held.update(locked_until=now + timedelta(seconds=LOCK_SECONDS)))


def _release(batch: ImportBatch) -> None:
    ImportBatch.objects.filter(pk=batch.pk).update(locked_until=None)


@changes_by(IMPORT)
def process_chunk(batch: ImportBatch, size: int | None = None) -> bool:
    """Import the next `size` unprocessed rows; False if another request holds the batch.

    Duplicates are matched again here against the contacts as they are now (including the ones
    earlier chunks created), so the result is right even if contacts changed since the preview.
    """
    if not _claim(batch, ImportBatch.Status.RUNNING):
        return False
    try:
        with transaction.atomic():
            _process_rows(batch, size or CHUNK_SIZE)
    finally:
        _release(batch)
    batch.refresh_from_db()
    return True


def _process_rows(batch: ImportBatch, size: int) -> None:
    rows = list(batch.rows.filter(processed=False).order_by("number")[:size])
    index = ContactIndex.for_owner(batch.owner)
    counts = dict.fromkeys(ImportRow.Outcome, 0)
    for row in rows:
        _process_row(batch, row, index)
        counts[row.outcome] += 1
    ImportRow.objects.bulk_update(rows, ["outcome", "reason", "contact", "processed"])
    updates = {
        "processed_rows": F("processed_rows") + len(rows),
        "created_count": F("created_count") + counts[ImportRow.Outcome.CREATE],
        "merged_count": F("merged_count") + counts[ImportRow.Outcome.MERGE],
        "skipped_count": F("skipped_count") + counts[ImportRow.Outcome.SKIP],
    }
    if not batch.rows.filter(processed=False).exists():
        updates |= {"status": ImportBatch.Status.DONE, "finished_at": timezone.now(), "content": ""}
    ImportBatch.objects.filter(pk=batch.pk).update(**updates)


def _model_values(data: dict) -> dict:
    values = {field: data[field] for field in TEXT_FIELDS if data.get(field)}
    for field in DATE_FIELDS:
        if data.get(field):
            values[field] = date.fromisoformat(data[field])
    return values


def _process_row(batch: ImportBatch, row: ImportRow, index: ContactIndex) -> None:
    row.processed = True
    if row.problems:
        row.outcome, row.reason = ImportRow.Outcome.SKIP, " ".join(row.problems)[:500]
        return
    keys = row_keys(row.data)
    values = _model_values(row.data)
    try:
        with transaction.atomic():
            if match := first_match(index, keys):
                _merge_row(batch, row, match, values)
            else:
                _create_row(batch, row, values)
    except DatabaseError as exc:
        row.outcome, row.contact = ImportRow.Outcome.SKIP, None
        row.reason = f"Could not be saved: {exc}"[:500]
        return
    index.add(row.contact.id, keys)


def _create_row(batch: ImportBatch, row: ImportRow, values: dict) -> None:
    detail = f"Imported from {batch.filename}"[:200]
    contact = contact_services.save_contact(
        Contact(owner=batch.owner, source=Contact.Source.IMPORT, source_detail=detail, **values)
    )
    if row.data.get("tags"):
        contact_services.set_tags(contact, tags_for_names(batch.owner, row.data["tags"]))
    row.outcome, row.contact, row.reason = ImportRow.Outcome.CREATE, contact, ""


def _merge_row(batch: ImportBatch, row: ImportRow, match: tuple, values: dict) -> None:
    """Fill the existing contact's blank fields only; nothing it already has is overwritten."""
    (kind, _), contact_id = match
    contact = Contact.objects.for_owner(batch.owner).get(pk=contact_id)
    filled = [f for f, v in values.items() if f != "name" and getattr(contact, f) in ("", None)]
    for field in filled:
        setattr(contact, field, values[field])
    if filled:
        contact_services.save_contact(contact, filled)
    labels = ", ".join(parsers.FIELD_LABELS[f].lower() for f in filled)
    row.outcome, row.contact = ImportRow.Outcome.MERGE, contact
    row.reason = f"Same {KEY_LABELS[kind]} as {contact.name}; " + (
        f"filled in {labels}." if filled else "nothing new to add."
    )
    row.reason = row.reason[:500]


def start_undo(batch: ImportBatch) -> bool:
    """RUNNING or DONE -> UNDOING, once; the contacts go in chunks (undo_chunk)."""
    started = (
        ImportBatch.objects.filter(
            pk=batch.pk, status__in=[ImportBatch.Status.RUNNING, ImportBatch.Status.DONE]
        )
        .filter(_unlocked(timezone.now()))
        .update(status=ImportBatch.Status.UNDOING, content="")
    )
    batch.refresh_from_db()
    return bool(started)


@changes_by(IMPORT)
def undo_chunk(batch: ImportBatch, size: int | None = None) -> bool:
    """Delete up to `size` of the contacts this batch created; False if the batch is busy.

    Deleting a contact takes its interactions, reminders and other rows with it, so this is
    chunked like the import itself.
    """
    size = size or UNDO_CHUNK_SIZE
    if not _claim(batch, ImportBatch.Status.UNDOING):
        return False
    try:
        with transaction.atomic():
            created = list(
                batch.rows.filter(outcome=ImportRow.Outcome.CREATE, contact__isnull=False)
                .order_by("number")
                .values_list("contact_id", flat=True)[:size]
            )
            doomed = Contact.objects.for_owner(batch.owner).filter(pk__in=created)
            _, per_model = history_bulk.delete_rows(doomed)  # ImportRow.contact is SET_NULL
            updates = {"undone_count": F("undone_count") + per_model.get(Contact._meta.label, 0)}
            if len(created) < size:
                updates |= {"status": ImportBatch.Status.UNDONE, "undone_at": timezone.now()}
            ImportBatch.objects.filter(pk=batch.pk).update(**updates)
    finally:
        _release(batch)
    batch.refresh_from_db()
    return True


def advance(batch: ImportBatch) -> bool:
    """One chunk of whatever the batch is doing; False if another request holds it."""
    if batch.status == ImportBatch.Status.UNDOING:
        return undo_chunk(batch)
    return process_chunk(batch)
