"""Restore a JSON export (exports/dump.py) into an empty account, all or nothing, as a long
change (jobs/) of short transactions, so a restore of a hundred thousand records never holds
the database for long.

`start` checks what can be checked on the whole file before anything is written (format,
version, shape, unknown sections or fields, duplicate keys, every reference resolvable) and
stores the work as items: the preferences, then each model's records a chunk at a time (parents
first), then the many-to-many links, then the status rules, then clean-up. Each chunk's values go
through the model fields' own validation when it is written; a problem there (or a clash) stops
the restore with a message naming the record, and the records written so far are deleted again
(the account was empty), so the account ends as it was.

Codes (and other unique values with a generated default, such as Quick Connect tokens) are kept,
so a file restored on a new installation is identical to the original. Where one is already taken
in this database (restoring a copy of an account that still exists) a fresh one is generated; the
file's references still resolve, because records that others refer to are remembered by the
file's key while the restore runs (RestoreKey).
"""

import datetime as dt
import json
import re
import uuid

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connections, models, transaction
from django.utils import timezone
from simple_history.models import registered_models

from contacts import services as contact_services
from contacts.models import Contact
from contacts.validators import validate_date_range
from exports.dump import FORMAT, VERSION, ModelSpec, preference_fields, specs, to_json
from exports.models import RestoreKey
from history.bulk import record_rows
from history.sources import RESTORE, changes_by
from jobs import services as jobs
from jobs.models import Job
from jobs.services import JobFailed
from reminders.services import legacy_occasion
from search import index as search_index

DEFAULT_MAX_BYTES = 50 * 1024 * 1024
# Created automatically for every account (the built-in interaction types), so an otherwise
# empty account may hold them; they are replaced by the file's own.
REPLACEABLE = frozenset({"interactions.InteractionType"})
BATCH = 2000
# Required fields computed from others when a file lacks them: (model, field name).
DERIVED = frozenset({(Contact, "added_on")})  # from created_at, in _build


class RestoreError(JobFailed):
    """A file that cannot be restored; the message is shown to the user as is."""


def max_bytes() -> int:
    return getattr(settings, "EXPORTS_RESTORE_MAX_BYTES", DEFAULT_MAX_BYTES)


def read_upload(upload) -> dict:
    """The uploaded file as a JSON document, or a RestoreError saying what is wrong with it."""
    limit = max_bytes()
    if upload.size > limit:
        raise RestoreError(
            f"The file is {upload.size / 1_048_576:.1f} MB; files of at most "
            f"{limit / 1_048_576:.0f} MB can be restored here; an administrator can restore "
            "larger ones with “manage.py restore_export”."
        )
    try:
        document = json.loads(upload.read().decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise RestoreError("The file is not text (UTF-8); choose the .json export.") from exc
    except (json.JSONDecodeError, RecursionError) as exc:
        raise RestoreError(f"The file is not valid JSON ({exc}).") from exc
    return document


def existing_data(user) -> dict[str, int]:
    """What the account already holds (besides replaceable rows): verbose name -> count."""
    found = {}
    for spec in specs():
        if spec.label not in REPLACEABLE and (count := spec.owned_by(user).count()):
            name = spec.model._meta.verbose_name if count == 1 else None
            found[name or spec.model._meta.verbose_name_plural] = count
    return found


def refuse_unless_empty(user) -> None:
    if found := existing_data(user):
        listed = ", ".join(f"{count} {name}" for name, count in found.items())
        raise RestoreError(
            f"Your account already has data ({listed}). A backup is restored only into "
            "an empty account: sign up for a new account to restore it there."
        )


def validate(document) -> None:
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise RestoreError(f'This is not a DevHub CRM export (it lacks "format": "{FORMAT}").')
    version = document.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise RestoreError("The file has no format version number.")
    if version > VERSION:
        raise RestoreError(
            f"The file is format version {version}, made by a newer DevHub CRM; this one reads "
            f"version {VERSION}. Update DevHub CRM, then restore it."
        )
    if version != VERSION:
        raise RestoreError(f"Format version {version} is not supported (expected {VERSION}).")
    if not isinstance(document.get("preferences", {}), dict):
        raise RestoreError("“preferences” must be an object.")
    data = document.get("data")
    if not isinstance(data, dict):
        raise RestoreError("The file has no “data” section.")
    known = {spec.label: spec for spec in specs()}
    for label, rows in data.items():
        if label not in known:
            raise RestoreError(f"The file has a section “{label}” this version does not know.")
        if not isinstance(rows, list) or not all(isinstance(row, dict) for row in rows):
            raise RestoreError(f"“{label}” must be a list of records.")
        _upgrade(label, rows, data)
        allowed = {f.name for f in [*known[label].fields, *known[label].refs, *known[label].m2ms]}
        for position, row in enumerate(rows, 1):
            if unknown := set(row) - allowed:
                raise RestoreError(f"{label} record {position}: unknown field “{min(unknown)}”.")


CONTACT_URL = re.compile(r"/contacts/([0-9a-fA-F-]{36})/")


def _upgrade(label: str, rows: list[dict], data: dict) -> None:
    """Records written by earlier versions, in today's terms: a notification's contact address
    becomes its contact; a reminder's occasion key with database ids becomes its interaction,
    occasion and day (an opportunity's id cannot be mapped: that link is dropped)."""
    if label == "quickconnect.Notification":
        for row in rows:
            if "url" in row:
                match = CONTACT_URL.search(str(row.pop("url") or ""))
                row.setdefault("contact", match[1] if match else None)
    if label != "reminders.Reminder":
        return
    contacts = data.get("contacts.Contact")
    birthdays = {
        str(c.get("code")): c.get("birthday")
        for c in (contacts if isinstance(contacts, list) else [])
        if isinstance(c, dict)
    }
    for row in rows:
        if ":" not in str(row.get("occasion", "")):
            continue
        try:
            due_on = dt.date.fromisoformat(str(row.get("due_on")))
            birthday = birthdays.get(str(row.get("contact")))
            birthday = dt.date.fromisoformat(birthday) if birthday else None
            legacy = legacy_occasion(row["occasion"], due_on, birthday)
        except (TypeError, ValueError):
            continue  # the record's own validation explains what is wrong with it
        row["occasion"], row["occasion_on"] = legacy.occasion, to_json(legacy.occasion_on)
        if legacy.interaction_code:
            row["interaction"] = legacy.interaction_code


KIND = "exports.restore"
LINKS_PER_ITEM = BATCH * 2
FORGET_PER_ITEM = 10000


def start(user, document, next_url: str = "", back_url: str = "") -> Job:
    """Check `document` for restoring into `user`'s account and start the restore; a
    RestoreError says what is wrong, before anything is written."""
    validate(document)
    refuse_unless_empty(user)
    data = document["data"]
    _check_required(data)
    referenced = _check_references(data)
    total = sum(len(rows) for rows in data.values())
    preferences = document.get("preferences", {})
    previous = {f.name: to_json(getattr(user, f.attname)) for f in preference_fields()}
    return jobs.start(
        user,
        KIND,
        f"Restoring {total:,} records",
        _items(data, referenced, preferences),
        params={"total": total, "previous": previous, "back_url": back_url},
        next_url=next_url,
    )


def restore(user, document) -> int:
    """Restore `document` into `user`'s empty account at once (commands and tests); returns the
    number of records created, or raises RestoreError."""
    job = jobs.run_to_end(start(user, document))
    if job.status != Job.Status.DONE:
        raise RestoreError(job.message)
    return job.params["total"]


def _check_required(data: dict) -> None:
    """Every record has the fields that have no default (the rest may be missing)."""
    for spec in specs():
        required = [f.name for f in spec.fields if _needs_value(spec, f)]
        for position, row in enumerate(data.get(spec.label, []), 1):
            if missing := [name for name in required if name not in row]:
                raise RestoreError(_missing(f"{spec.label} record {position}", missing[0]))


def _check_references(data: dict) -> dict[str, set[str]]:
    """Every key in the file unique per model, every reference to a record in the file; returns
    the keys of the records others refer to (or that have links), per model."""
    keys: dict[str, set[str]] = {}
    for spec in specs():
        rows = data.get(spec.label, [])
        if not spec.key_lookup:
            continue
        key_name = _key_name(spec)
        for position, row in enumerate(rows, 1):
            if row.get(key_name) is None:
                raise RestoreError(f"{spec.label} record {position}: “{key_name}” is missing.")
        found = {_key(row[key_name]) for row in rows}
        if len(found) != len(rows):
            raise RestoreError(f"{spec.label}: two records have the same {key_name}.")
        keys[spec.label] = found
    for spec in specs():
        for f in _unique_generated(spec):
            values = [row[f.name] for row in data.get(spec.label, []) if f.name in row]
            if len(set(map(str, values))) != len(values):
                raise RestoreError(f"{spec.label}: two records have the same {f.name}.")
    referenced: dict[str, set[str]] = {}
    for spec in specs():
        for position, row in enumerate(data.get(spec.label, []), 1):
            where = f"{spec.label} record {position}"
            for f in spec.refs:
                if (raw := row.get(f.name)) is None:
                    continue
                target = f.related_model._meta.label
                if _key(raw) not in keys.get(target, set()):
                    raise RestoreError(
                        f"{where}: “{f.name}” refers to {raw}, which is not in the file."
                    )
                referenced.setdefault(target, set()).add(_key(raw))
            for m2m in spec.m2ms:
                linked = row.get(m2m.name, [])
                if not isinstance(linked, list):
                    raise RestoreError(f"{spec.label}.{m2m.name} must be a list.")
                target = m2m.related_model._meta.label
                for raw in linked:
                    if _key(raw) not in keys.get(target, set()):
                        raise RestoreError(
                            f"{spec.label}.{m2m.name} refers to {raw}, which is not in the file."
                        )
                    referenced.setdefault(target, set()).add(_key(raw))
                if linked and spec.key_lookup:
                    referenced.setdefault(spec.label, set()).add(_key(row.get(_key_name(spec))))
    return referenced


def _items(data: dict, referenced: dict[str, set[str]], preferences: dict):
    """(size, payload) for each piece of the restore, in the order they must run."""
    yield 0, {"step": "preferences", "preferences": preferences}
    links = []
    for spec in specs():
        rows = data.get(spec.label, [])
        key_name = _key_name(spec)
        wanted = referenced.get(spec.label, set())
        for start in range(0, len(rows), BATCH):
            chunk = rows[start : start + BATCH]
            keep = [
                n for n, row in enumerate(chunk) if key_name and _key(row.get(key_name)) in wanted
            ]
            payload = {"step": "records", "label": spec.label, "start": start, "rows": chunk}
            yield len(chunk), {**payload, "keep": keep}
        for m2m in spec.m2ms:
            links += [
                (spec.label, m2m.name, _key(row.get(key_name)), row[m2m.name])
                for row in rows
                if row.get(m2m.name)
            ]
    for start in range(0, len(links), LINKS_PER_ITEM):
        yield 0, {"step": "links", "links": links[start : start + LINKS_PER_ITEM]}
    yield 0, {"step": "rules"}
    yield 0, {"step": "forget"}


def run(job: Job, payload: dict, prepared: list | None) -> list[dict] | None:
    with changes_by(RESTORE, job.owner):
        return _run(job, payload, prepared)


def _run(job: Job, payload: dict, prepared: list | None) -> list[dict] | None:
    user = job.owner
    step = payload["step"]
    if step == "preferences":
        get_user_model().objects.select_for_update().filter(pk=user.pk).first()
        refuse_unless_empty(user)  # something may have been added since the upload's check
        for label in REPLACEABLE:
            next(s for s in specs() if s.label == label).owned_by(user).delete()
        _restore_preferences(user, payload["preferences"])
    elif step == "records":
        _restore_records(job, payload, prepared)
    elif step == "links":
        _link(job, payload["links"])
    elif step == "rules" and "range" not in payload:
        # Every contact is in now: the rules a range of contacts per item, as on the settings page.
        return [{"step": "rules", "range": [lo, hi]} for lo, hi, _ in prepared]
    elif step == "rules":
        # Statuses and due dates follow the rules for today, not the day of the backup.
        contacts = contact_services.contacts_in_range(user, *payload["range"])
        contact_services.apply_rules(user, contacts, record=False)
        record_rows(contacts, "+")
        # Everything of these contacts is in: their search entries, in the same transaction.
        search_index.reindex_contacts(user, list(contacts.values_list("pk", flat=True)))
    elif step == "forget":
        return _forget(job, payload)
    elif step == "undo":
        spec = next(s for s in specs() if s.label == payload["label"])
        pks = list(spec.owned_by(user).values_list("pk", flat=True)[:BATCH])
        if pks:
            spec.model._base_manager.filter(pk__in=pks).delete()
            return [payload]
    elif step == "previous preferences":
        _restore_preferences(user, payload["preferences"])
    return None


def _forget(job: Job, payload: dict) -> list[dict] | None:
    pks = list(job.restore_keys.values_list("pk", flat=True)[:FORGET_PER_ITEM])
    RestoreKey.objects.filter(pk__in=pks).delete()
    return [payload] if len(pks) == FORGET_PER_ITEM else None


def finish(job: Job) -> str:
    return f"Restored {job.params['total']:,} records from the export."


def undo(job: Job) -> list[dict]:
    """Delete what was restored (the account was empty), children first, and put the
    preferences back."""
    return [
        *({"step": "undo", "label": spec.label} for spec in reversed(specs())),
        {"step": "previous preferences", "preferences": job.params["previous"]},
        {"step": "forget"},
    ]


def register() -> None:
    jobs.register(KIND, jobs.Kind(run=run, finish=finish, undo=undo, prepare=prepare))


def _restore_preferences(user, preferences: dict) -> None:
    fields = {f.name: f for f in preference_fields()}
    if unknown := set(preferences) - set(fields):
        raise RestoreError(f"Unknown preference “{min(unknown)}”.")
    for name, raw in preferences.items():
        setattr(user, fields[name].attname, _python(fields[name], raw, "preferences"))
    try:
        user.clean_fields(exclude=[f.name for f in user._meta.fields if f.name not in preferences])
    except ValidationError as exc:
        raise RestoreError(f"preferences: {_messages(exc)}") from exc
    if preferences:
        user.save(update_fields=[fields[name].attname for name in preferences])


def prepare(job: Job, payload: dict) -> list | None:
    """A chunk of records built and checked before its transaction (reads and CPU only); for
    the rules, the ranges of contacts to apply them to."""
    if payload["step"] == "rules" and "range" not in payload:
        return contact_services.contact_ranges(job.owner)
    if payload["step"] != "records":
        return None
    spec = next(s for s in specs() if s.label == payload["label"])
    chunk, start = payload["rows"], payload["start"]
    keys = _keys_for(job, spec, chunk)
    objects = [
        _build(spec, job.owner, row, f"{spec.label} record {start + n}", keys)
        for n, row in enumerate(chunk, 1)
    ]
    _free_unique_values(spec, objects)
    return objects


def _restore_records(job: Job, payload: dict, objects: list[models.Model]) -> None:
    """Write one chunk of one model's records; remember the new rows others refer to."""
    spec = next(s for s in specs() if s.label == payload["label"])
    chunk = payload["rows"]
    try:
        with transaction.atomic():
            _insert(spec, objects)
    except IntegrityError as exc:
        raise RestoreError(
            f"Records in the file clash with each other ({exc}); nothing was restored."
        ) from exc
    if payload["keep"]:
        key_name = _key_name(spec)
        RestoreKey.objects.bulk_create(
            RestoreKey(
                job=job, label=spec.label, key=_key(chunk[n][key_name]), pk_value=objects[n].pk
            )
            for n in payload["keep"]
        )


def _keys_for(job: Job, spec: ModelSpec, chunk: list[dict]) -> dict:
    """{model: {file key: pk}} for the records this chunk refers to."""
    wanted: dict[str, set[str]] = {}
    for f in spec.refs:
        label = f.related_model._meta.label
        wanted.setdefault(label, set()).update(
            _key(row[f.name]) for row in chunk if row.get(f.name) is not None
        )
    return {
        apps.get_model(label): _resolve(job, label, keys) for label, keys in wanted.items() if keys
    }


def _resolve(job: Job, label: str, keys) -> dict[str, int]:
    found = {}
    keys = list(keys)
    for start in range(0, len(keys), 500):
        found.update(
            job.restore_keys.filter(label=label, key__in=keys[start : start + 500]).values_list(
                "key", "pk_value"
            )
        )
    return found


def _build(spec: ModelSpec, user, row: dict, where: str, keys: dict) -> models.Model:
    if spec.key_lookup and row.get(key_name := _key_name(spec)) is None:
        raise RestoreError(f"{where}: “{key_name}” is missing.")
    values = {}
    stamped = []
    for f in spec.fields:
        if f.name not in row:  # a file older than the field: its default, or refused
            if _stamped(f):
                stamped.append(f)
            elif _needs_value(spec, f):
                raise RestoreError(_missing(where, f.name))
        elif row[f.name] is None and not (f.null or (spec.model, f.name) in DERIVED):
            raise RestoreError(f"{where}: “{f.name}” cannot be null.")
        else:
            values[f.attname] = _python(f, row[f.name], where)
    for f in spec.user_refs:
        values[f.attname] = user.pk
    for f in spec.refs:
        raw = row.get(f.name)
        if raw is None:
            if not f.null:
                raise RestoreError(f"{where}: “{f.name}” is missing.")
            values[f.attname] = None
            continue
        target = keys.get(f.related_model, {}).get(_key(raw))
        if target is None:
            raise RestoreError(f"{where}: “{f.name}” refers to {raw}, which is not in the file.")
        values[f.attname] = target
    obj = spec.model(**values)
    for f in stamped:  # now, as for a record created today
        f.pre_save(obj, add=True)
    if isinstance(obj, Contact) and obj.added_on is None:  # a file from before `added_on`
        obj.added_on = timezone.localtime(obj.created_at or timezone.now(), user.zone).date()
    try:
        obj.clean_fields(exclude=[f.name for f in [*spec.refs, *spec.user_refs]])
    except ValidationError as exc:
        raise RestoreError(f"{where}: {_messages(exc)}") from exc
    return obj


def _stamped(field: models.Field) -> bool:
    """auto_now / auto_now_add: set by Django on save, so they never have a default."""
    return getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)


def _needs_value(spec: ModelSpec, field: models.Field) -> bool:
    """True when a record must carry the field: Django has nothing to store without it (no
    default, not NULL, not text that may be blank), e.g. a contact's name or a reminder's due
    date. Creation and change times are "now", and a DERIVED field is computed."""
    has_default = field.has_default() or field.null or (field.blank and field.empty_strings_allowed)
    return not (has_default or _stamped(field) or (spec.model, field.name) in DERIVED)


def _missing(where: str, name: str) -> str:
    return f"{where}: “{name}” is missing, and it has no default."


def _python(field: models.Field, raw, where: str):
    try:
        value = field.to_python(raw)
    except ValidationError as exc:
        raise RestoreError(f"{where}: {field.name}: {' '.join(exc.messages)}") from exc
    except (TypeError, ValueError) as exc:
        raise RestoreError(f"{where}: {field.name}: {raw!r} is not a valid value.") from exc
    if isinstance(value, dt.datetime) and timezone.is_naive(value):
        value = timezone.make_aware(value, dt.UTC)
    if isinstance(value, dt.date):  # a datetime too: the years every form accepts, no others
        try:
            validate_date_range(value)
        except ValidationError as exc:
            raise RestoreError(f"{where}: {field.name}: {' '.join(exc.messages)}") from exc
    return value


def _messages(exc: ValidationError) -> str:
    if hasattr(exc, "error_dict"):
        return "; ".join(f"{name}: {' '.join(errors)}" for name, errors in exc.message_dict.items())
    return " ".join(exc.messages)


def _key_name(spec: ModelSpec) -> str | None:
    """The record field holding the model's natural key ("code", or "contact" for an extension)."""
    return spec.key_lookup.split("__")[0] if spec.key_lookup else None


def _key(raw) -> str:
    try:
        return str(uuid.UUID(str(raw)))
    except ValueError:
        return str(raw)


def _unique_generated(spec: ModelSpec) -> list[models.Field]:
    """Unique fields with a generated default (codes, tokens)."""
    return [f for f in spec.fields if f.unique and f.has_default() and callable(f.default)]


def _free_unique_values(spec: ModelSpec, objects: list[models.Model]) -> None:
    """A unique generated value (code, token) already used in this database gets a new one."""
    for f in _unique_generated(spec):
        values = [getattr(obj, f.attname) for obj in objects]
        taken = set(
            spec.model._base_manager.filter(**{f"{f.attname}__in": values}).values_list(
                f.attname, flat=True
            )
        )
        for obj in objects:
            if getattr(obj, f.attname) in taken:
                setattr(obj, f.attname, f.get_default())


def _insert(spec: ModelSpec, objects: list[models.Model]) -> None:
    """bulk_create, then put back the file's auto_now/auto_now_add times that it overwrote
    (one prepared UPDATE run for every row: bulk_update's CASE per row is far slower)."""
    stamped = [f for f in spec.fields if _stamped(f)]
    kept = [[getattr(obj, f.attname) for f in stamped] for obj in objects]
    spec.model._base_manager.bulk_create(objects)
    if stamped and objects:
        _put_back_times(spec, objects, stamped, kept)
    # Contacts get their version once the rules have set their statuses (the "rules" step).
    if objects and spec.model is not Contact and spec.model in registered_models.values():
        record_rows(spec.model._base_manager.filter(pk__in=[obj.pk for obj in objects]), "+")


def _put_back_times(spec: ModelSpec, objects: list[models.Model], stamped, kept) -> None:
    connection = connections[spec.model._base_manager.db]
    quote = connection.ops.quote_name
    assignments = ", ".join(f"{quote(f.column)} = %s" for f in stamped)
    sql = (
        f"UPDATE {quote(spec.model._meta.db_table)} SET {assignments} "
        f"WHERE {quote(spec.model._meta.pk.column)} = %s"
    )
    params = [
        [f.get_db_prep_value(v, connection) for f, v in zip(stamped, values, strict=True)]
        + [obj.pk]
        for obj, values in zip(objects, kept, strict=True)
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)


def _link(job: Job, links: list) -> None:
    """Many-to-many links (label, field, source key, target keys), both ends found by the keys
    the records were restored under: one look-up per model for the whole item."""
    wanted: dict[str, set[str]] = {}
    fields = {}
    for label, name, source_key, linked in links:
        m2m = fields.setdefault((label, name), apps.get_model(label)._meta.get_field(name))
        wanted.setdefault(label, set()).add(source_key)
        wanted.setdefault(m2m.related_model._meta.label, set()).update(map(_key, linked))
    found = {label: _resolve(job, label, keys) for label, keys in wanted.items()}
    rows: dict[type[models.Model], list[models.Model]] = {}
    for label, name, source_key, linked in links:
        m2m = fields[(label, name)]
        through = m2m.remote_field.through
        source = through._meta.get_field(m2m.m2m_field_name()).attname
        target = through._meta.get_field(m2m.m2m_reverse_field_name()).attname
        targets = found[m2m.related_model._meta.label]
        source_pk = found[label][source_key]
        rows.setdefault(through, []).extend(
            through(**{source: source_pk, target: targets[key]})
            for key in dict.fromkeys(map(_key, linked))
        )
    for through, objects in rows.items():
        through.objects.bulk_create(objects, batch_size=BATCH * 4)
