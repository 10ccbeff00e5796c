"""The JSON export of everything a user owns, found by walking the models rather than listed.

A model is *owned* when a chain of foreign keys leads from it to the user (Contact -> owner,
Interaction -> contact -> owner, StageChange -> opportunity -> owner, ...). Every owned model of the
project's own apps is dumped with every concrete field, so a new model or a new field is exported
(and restored) without touching this module; `tests/exports/test_json_dump.py` fails when an owned
model is neither dumped nor listed in EXCLUDED with a reason.

References between records use natural keys, never database ids: the target's `code` UUID, or for
a one-to-one extension of another record (a VIP's Background) that record's key. The user's own
preferences (time zone, follow-up defaults, digest opt-ins) travel in "preferences".
"""

import datetime as dt
import decimal
import json
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from itertools import batched

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.utils import timezone

from devhub.lib.fields import FoldedField

FORMAT = "devhub-crm"
VERSION = 1
CHUNK = 2000

# Owned models deliberately left out, with the reason (label -> reason).
EXCLUDED: dict[str, str] = {
    "imports.ImportBatch": "an import's working state (the uploaded file, progress, undo), "
    "useful only for finishing or undoing that import on this installation",
    "imports.ImportRow": "part of an import's working state, as ImportBatch",
    "jobs.Job": "a long change's working state (what is left to do), useful only while it runs "
    "on this installation",
    "jobs.JobItem": "part of a long change's working state, as Job",
    "exports.RestoreKey": "a running restore's working state (which row a file's key became)",
    "search.Entry": "derived from the other records; a restore indexes them again",
    "search.VectorBlock": "derived from the search entries; a restore embeds them again",
    "search.ContactSketch": "derived from the search entries; a restore embeds them again",
    "suggestions.Suggestion": "derived from the other records by the nightly suggest_follow_ups, "
    "which works them out again after a restore (dismissed ones may be offered once more)",
    "duplicates.DismissedPair": "stored by database ids (smaller id first), which a restore "
    "cannot keep; dismissed pairs are simply offered again",
    "push.PushSubscription": "device data: a browser's push address and keys, which work only "
    "with this installation's VAPID keys; each device turns push reminders on again",
    "push.ReminderPush": "which reminders were pushed to which device, as PushSubscription",
    "security.Event": "the installation's security log of the account, kept by it for "
    "SECURITY_LOG_DAYS and shown on the Security page; a restore does not rewrite history",
    "security.LoginSession": "device data: this installation's logged-in sessions, whose keys "
    "log a browser in",
    "security.KnownDevice": "device data: the browsers this installation has seen the account "
    "use; another installation learns them at the next log-ins",
    "twofactor.Passkey": "a log-in secret bound to one device and this site's address; "
    "passkeys are added again on the restored account",
    "twofactor.RecoveryCode": "log-in secrets (hashed); new recovery codes are made on the "
    "restored account",
    "api.ApiToken": "access secrets (hashed) of this installation's API; new tokens are made "
    "on the restored account",
    "webhooks.Hook": "a signing secret and an address that other systems trust; a restore must "
    "not start sending to them, so webhooks are added again on the restored account",
    "webhooks.Delivery": "the outbox of messages sent or waiting to be sent from this install",
    "webhooks.ReminderAnnouncement": "which due reminders were already announced by webhook",
    **dict.fromkeys(
        (
            "contacts.HistoricalContact",
            "interactions.HistoricalInteraction",
            "reminders.HistoricalReminder",
            "projects.HistoricalProject",
            "opportunities.HistoricalOpportunity",
            "vip.HistoricalBackground",
            "vip.HistoricalContactInfo",
            "vip.HistoricalDeveloperProfile",
            "vip.HistoricalProjectCollaboration",
        ),
        "the history of changes: the contacts' history is in the export's own "
        '"history" section, which a restore leaves out (restored records start a new history)',
    ),
}
# User fields that are the account itself or its secrets, not preferences to carry over.
USER_FIELDS_NOT_EXPORTED = frozenset(
    {
        "id",
        "password",
        "last_login",
        "is_superuser",
        "is_staff",
        "is_active",
        "date_joined",
        "username",
        "first_name",
        "last_name",
        "email",
        "calendar_token",  # a secret address; the restored account keeps its own
    }
)


@dataclass
class ModelSpec:
    """How one owned model is dumped and restored."""

    model: type[models.Model]
    owner_path: str  # lookup from this model to the user, e.g. "contact__owner"
    key_lookup: str | None  # lookup giving this model's natural key, e.g. "code"
    fields: list[models.Field] = field(default_factory=list)  # plain values
    refs: list[models.ForeignKey] = field(default_factory=list)  # to other owned records
    user_refs: list[models.ForeignKey] = field(default_factory=list)  # to the user
    m2ms: list[models.ManyToManyField] = field(default_factory=list)

    @property
    def label(self) -> str:
        return self.model._meta.label

    def ref_lookup(self, fk: models.ForeignKey) -> str:
        return f"{fk.name}__{spec_for(fk.related_model).key_lookup}"

    @property
    def order(self) -> list[str]:
        """Stable across databases: by natural key, else by references; ties by insertion."""
        keys = [self.key_lookup] if self.key_lookup else [self.ref_lookup(f) for f in self.refs]
        return [*keys, "pk"]

    def owned_by(self, user) -> models.QuerySet:
        return self.model._base_manager.filter(**{self.owner_path: user})


def _project_models() -> list[type[models.Model]]:
    """Models of this project's apps (not Django's admin log, sessions or third parties)."""
    base = str(settings.BASE_DIR)
    return [
        model
        for model in apps.get_models()
        if model._meta.app_config.path.startswith(base)
        and "site-packages" not in model._meta.app_config.path
        and not model._meta.proxy
    ]


def owner_paths() -> dict[type[models.Model], str]:
    """Every project model with a foreign-key path to the user, and its shortest such path."""
    user_model = get_user_model()
    paths: dict[type[models.Model], str] = {user_model: ""}
    candidates = [m for m in _project_models() if m is not user_model]
    while True:
        found = {}
        for model in sorted(candidates, key=lambda m: m._meta.label):
            if model in paths:
                continue
            for fk in _foreign_keys(model):
                target = fk.related_model
                if target in paths:
                    found[model] = fk.name + (f"__{paths[target]}" if paths[target] else "")
                    break
        if not found:
            break
        paths.update(found)
    del paths[user_model]
    return paths


def _foreign_keys(model) -> list[models.ForeignKey]:
    """Direct foreign keys first, so the owner path prefers `owner` over `contact__owner`."""
    fks = [
        f for f in model._meta.concrete_fields if f.is_relation and (f.many_to_one or f.one_to_one)
    ]
    return sorted(fks, key=lambda f: f.related_model is not get_user_model())


def _key_lookup(model, owned: dict) -> str | None:
    code = next((f for f in model._meta.concrete_fields if f.name == "code"), None)
    if isinstance(code, models.UUIDField) and code.unique:
        return "code"
    for fk in model._meta.concrete_fields:
        if fk.one_to_one and fk.related_model in owned:
            parent = _key_lookup(fk.related_model, owned)
            if parent:
                return f"{fk.name}__{parent}"
    return None


@cache
def specs() -> list[ModelSpec]:
    """Every dumped model, parents before children (the order restore inserts them in)."""
    user_model = get_user_model()
    owned = {m: p for m, p in owner_paths().items() if m._meta.label not in EXCLUDED}
    result = {}
    for model, path in owned.items():
        spec = ModelSpec(model, path, _key_lookup(model, owned))
        for f in model._meta.concrete_fields:
            # Derived columns (generated, or case-folded keys) are computed again on restore.
            if f.primary_key or getattr(f, "generated", False) or isinstance(f, FoldedField):
                continue
            if not f.is_relation:
                spec.fields.append(f)
            elif f.related_model is user_model:
                spec.user_refs.append(f)
            elif f.related_model in owned:
                spec.refs.append(f)
            else:
                raise ImproperlyConfigured(
                    f"{spec.label}.{f.name} points at {f.related_model._meta.label}, which the "
                    "user does not own; add it to exports.dump.EXCLUDED or teach the dump."
                )
        for m2m in model._meta.many_to_many:
            if not m2m.remote_field.through._meta.auto_created:
                continue  # an explicit through model is an owned model of its own
            if m2m.related_model not in owned:
                raise ImproperlyConfigured(f"{spec.label}.{m2m.name} points outside the user.")
            spec.m2ms.append(m2m)
        result[model] = spec
    for spec in result.values():
        for ref in [*spec.refs, *spec.m2ms]:
            if result[ref.related_model].key_lookup is None:
                raise ImproperlyConfigured(
                    f"{spec.label}.{ref.name} points at {ref.related_model._meta.label}, "
                    "which has no natural key (a unique UUID `code`)."
                )
    return _parents_first(result)


def _parents_first(result: dict) -> list[ModelSpec]:
    pending = dict(sorted(result.items(), key=lambda item: item[0]._meta.label))
    ordered: list[ModelSpec] = []
    while pending:
        ready = [
            model
            for model, spec in pending.items()
            if all(f.related_model not in pending or f.related_model is model for f in spec.refs)
        ]
        if not ready:
            raise ImproperlyConfigured(f"Foreign-key cycle among {sorted(map(str, pending))}.")
        for model in ready:
            ordered.append(pending.pop(model))
    return ordered


def spec_for(model) -> ModelSpec:
    return next(spec for spec in specs() if spec.model is model)


def preference_fields() -> list[models.Field]:
    return [
        f
        for f in get_user_model()._meta.concrete_fields
        if not f.is_relation and f.name not in USER_FIELDS_NOT_EXPORTED
    ]


# --- writing --------------------------------------------------------------------------------


def to_json(value):
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, uuid.UUID | decimal.Decimal):
        return str(value)
    if isinstance(value, dt.timedelta):
        return value.total_seconds()
    return value


def records(spec: ModelSpec, user) -> Iterator[dict]:
    """The user's rows of one model as JSON-ready dicts, read in chunks."""
    columns = {f.name: f.attname for f in spec.fields}
    columns |= {f.name: spec.ref_lookup(f) for f in spec.refs}
    rows = spec.owned_by(user).order_by(*spec.order).values("pk", *columns.values())
    for batch in batched(rows.iterator(chunk_size=CHUNK), CHUNK):
        linked = {m2m.name: _m2m_keys(m2m, [row["pk"] for row in batch]) for m2m in spec.m2ms}
        for row in batch:
            record = {name: to_json(row[column]) for name, column in columns.items()}
            for name, keys in linked.items():
                record[name] = sorted(keys.get(row["pk"], []))
            yield record


def _m2m_keys(m2m: models.ManyToManyField, pks: list[int]) -> dict[int, list[str]]:
    through = m2m.remote_field.through
    source, target = m2m.m2m_field_name(), m2m.m2m_reverse_field_name()
    lookup = f"{target}__{spec_for(m2m.related_model).key_lookup}"
    keys: dict[int, list[str]] = {}
    pairs = through.objects.filter(**{f"{source}__in": pks}).values_list(f"{source}_id", lookup)
    for pk, key in pairs:
        keys.setdefault(pk, []).append(str(key))
    return keys


def json_chunks(user) -> Iterator[str]:
    """The whole export as JSON text, yielded piece by piece for a streamed response."""
    head = {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": timezone.now().isoformat(),
        "owner": {"username": user.get_username()},
        "preferences": {f.name: to_json(getattr(user, f.attname)) for f in preference_fields()},
    }
    yield json.dumps(head, indent=1)[:-2] + ',\n "data": {'
    for index, spec in enumerate(specs()):
        yield ("," if index else "") + f"\n  {json.dumps(spec.label)}: ["
        for position, record in enumerate(records(spec, user)):
            yield ("," if position else "") + "\n   " + json.dumps(record, ensure_ascii=False)
        yield "\n  ]"
    yield '\n },\n "history": {\n  "contacts.Contact": ['
    for position, record in enumerate(history_records(user)):
        yield ("," if position else "") + "\n   " + json.dumps(record, ensure_ascii=False)
    yield "\n  ]\n }\n}\n"


def history_records(user) -> Iterator[dict]:
    """The history of the user's contacts, oldest first: each change's contact (its `code`),
    when, the kind ("+" added, "~" changed, "-" deleted), its source and user, and the
    contact's tracked fields as they were after it."""
    history = apps.get_model("contacts", "HistoricalContact")
    fields = [f.attname for f in history.tracked_fields if f.name not in ("id", "owner")]
    rows = (
        history.objects.filter(owner_id=user.pk)
        .order_by("history_date", "history_id")
        .values("history_date", "history_type", "history_source", "history_user__username", *fields)
    )
    for row in rows.iterator(chunk_size=CHUNK):
        row["history_user"] = row.pop("history_user__username")
        yield {name: to_json(value) for name, value in row.items()}


def dump(user) -> dict:
    """The export as a Python object (tests, and small accounts)."""
    return json.loads("".join(json_chunks(user)))
