"""Restore a JSON export (exports/dump.py) into an empty account, all or nothing.

The file is checked before anything is written (format, version, shape, every value through the
model field's own validation, every reference resolvable); any problem is a RestoreError with a
message for the user, and the transaction leaves the account as it was.

Codes (and other unique values with a generated default, such as Quick Connect tokens) are kept,
so a file restored on a new installation is identical to the original. Where one is already taken
in this database (restoring a copy of an account that still exists) a fresh one is generated and
the file's references still resolve, because they are looked up in the file's own keys.
"""

import datetime as dt
import json
import re
import uuid

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connections, models, transaction
from django.utils import timezone

from contacts import services as contact_services
from contacts.models import Contact
from contacts.validators import validate_date_range
from exports.dump import FORMAT, VERSION, ModelSpec, preference_fields, specs
from reminders.services import legacy_occasion

DEFAULT_MAX_BYTES = 50 * 1024 * 1024
# Created automatically for every account (the built-in interaction types), so an otherwise
# empty account may hold them; they are replaced by the file's own.
REPLACEABLE = frozenset({"interactions.InteractionType"})
BATCH = 2000


class RestoreError(Exception):
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
        row["occasion"], row["occasion_on"] = legacy.occasion, legacy.occasion_on
        if legacy.interaction_code:
            row["interaction"] = legacy.interaction_code


def restore(user, document) -> int:
    """Restore `document` into `user`'s empty account; returns the number of records created."""
    validate(document)
    try:
        with transaction.atomic():
            get_user_model().objects.select_for_update().filter(pk=user.pk).first()
            if found := existing_data(user):
                listed = ", ".join(f"{count} {name}" for name, count in found.items())
                raise RestoreError(
                    f"Your account already has data ({listed}). A backup is restored only into "
                    "an empty account: sign up for a new account to restore it there."
                )
            for label in REPLACEABLE:
                next(s for s in specs() if s.label == label).owned_by(user).delete()
            _restore_preferences(user, document.get("preferences", {}))
            count = _restore_data(user, document["data"])
            # Statuses and due dates follow the rules for today, not the day of the backup.
            contact_services.apply_rules_to_all(user)
            return count
    except IntegrityError as exc:
        raise RestoreError(
            f"Records in the file clash with each other ({exc}); nothing was restored."
        ) from exc


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


def _restore_data(user, data: dict) -> int:
    """Insert model by model, parents first, a chunk at a time; many-to-many links last (their
    targets may come later in the file). Only natural key -> new pk maps are kept in memory."""
    keys: dict[type[models.Model], dict[str, int]] = {}
    links: list[tuple[models.ManyToManyField, int, object]] = []
    total = 0
    for spec in specs():
        rows = data.get(spec.label, [])
        key_name = spec.key_lookup.split("__")[0] if spec.key_lookup else None
        keys[spec.model] = {}
        seen: dict[str, set] = {}
        for start in range(0, len(rows), BATCH):
            chunk = rows[start : start + BATCH]
            objects = [
                _build(spec, user, row, f"{spec.label} record {start + n}", keys)
                for n, row in enumerate(chunk, 1)
            ]
            _free_unique_values(spec, objects, seen)
            _insert(spec, objects)
            for obj, row in zip(objects, chunk, strict=True):
                if key_name:
                    keys[spec.model][_key(row[key_name])] = obj.pk
                links += [(m2m, obj.pk, row.get(m2m.name, [])) for m2m in spec.m2ms]
            total += len(objects)
        if key_name and len(keys[spec.model]) != len(rows):
            raise RestoreError(f"{spec.label}: two records have the same {key_name}.")
    _link(links, keys)
    return total


def _build(spec: ModelSpec, user, row: dict, where: str, keys: dict) -> models.Model:
    if spec.key_lookup and row.get(key_name := spec.key_lookup.split("__")[0]) is None:
        raise RestoreError(f"{where}: “{key_name}” is missing.")
    values = {}
    for f in spec.fields:
        if f.name in row:  # missing: the field's default (a file older than a new field)
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
    if isinstance(obj, Contact) and obj.added_on is None:  # a file from before `added_on`
        obj.added_on = timezone.localtime(obj.created_at or timezone.now(), user.zone).date()
    try:
        obj.clean_fields(exclude=[f.name for f in [*spec.refs, *spec.user_refs]])
    except ValidationError as exc:
        raise RestoreError(f"{where}: {_messages(exc)}") from exc
    return obj


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


def _key(raw) -> str:
    try:
        return str(uuid.UUID(str(raw)))
    except ValueError:
        return str(raw)


def _free_unique_values(spec: ModelSpec, objects: list[models.Model], seen: dict) -> None:
    """A unique generated value (code, token) already used in this database gets a new one."""
    for f in spec.fields:
        if not (f.unique and f.has_default() and callable(f.default)):
            continue
        values = [getattr(obj, f.attname) for obj in objects]
        earlier = seen.setdefault(f.name, set())
        if len(set(values)) != len(values) or earlier.intersection(values):
            raise RestoreError(f"{spec.label}: two records have the same {f.name}.")
        earlier.update(values)
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
    stamped = [
        f for f in spec.fields if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
    ]
    kept = [[getattr(obj, f.attname) for f in stamped] for obj in objects]
    spec.model._base_manager.bulk_create(objects)
    if not (stamped and objects):
        return
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


def _link(links: list, keys: dict) -> None:
    rows: dict[type[models.Model], list[models.Model]] = {}
    for m2m, pk, linked in links:
        through = m2m.remote_field.through
        source = through._meta.get_field(m2m.m2m_field_name()).attname
        target = through._meta.get_field(m2m.m2m_reverse_field_name()).attname
        targets = keys[m2m.related_model]
        if not isinstance(linked, list):
            raise RestoreError(f"{m2m.model._meta.label}.{m2m.name} must be a list.")
        for raw in dict.fromkeys(_key(value) for value in linked):
            if raw not in targets:
                raise RestoreError(
                    f"{m2m.model._meta.label}.{m2m.name} refers to {raw}, which is not in the file."
                )
            rows.setdefault(through, []).append(through(**{source: pk, target: targets[raw]}))
    for through, objects in rows.items():
        through.objects.bulk_create(objects, batch_size=BATCH * 4)
