"""What happens to the rows other apps keep about a contact when contacts are merged.

Every app with a model pointing at Contact registers one handler from its AppConfig.ready():
`handler(owner, primary, others)` moves, folds or drops that app's rows of the `others` onto the
`primary`. duplicates.merge.merge_contacts calls every handler inside its transaction, after
locking the contacts and before it sets the primary's own fields and deletes the others, so a
handler that fails undoes the whole merge. The contacts app imports none of those apps.

A registration also names the relations to Contact the handler takes care of (a test compares
them with every relation Django knows of, so a new model pointing at Contact cannot be silently
cascade-deleted by a merge) and, for the confirmation page, what to count under which label.

The helpers below fold one-per-contact records (VIP sections, recruiter notes) and combine texts
the same way for every app and for the merge form.
"""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.db import models

from contacts.models import Contact

MergeHandler = Callable[[models.Model, Contact, Sequence[Contact]], None]


@dataclass(frozen=True)
class Registration:
    handler: MergeHandler
    # "app_label.Model.field" of each relation to Contact the handler takes care of.
    relations: frozenset[str]
    # Confirmation-page label -> the relations whose rows of the others are counted under it.
    counts: dict[str, tuple[str, ...]] = field(default_factory=dict)


# In registration order (INSTALLED_APPS order): the order the handlers run in.
HANDLERS: list[Registration] = []


def register(
    handler: MergeHandler,
    *,
    relations: Iterable[str],
    counts: dict[str, Iterable[str]] | None = None,
) -> None:
    """Run `handler(owner, primary, others)` in every merge; registering it again is a no-op."""
    if any(r.handler is handler for r in HANDLERS):
        return
    registration = Registration(
        handler,
        frozenset(relations),
        {label: tuple(labels) for label, labels in (counts or {}).items()},
    )
    if taken := registration.relations & handled_relations():
        raise ImproperlyConfigured(f"Another merge handler already takes care of {sorted(taken)}.")
    if uncounted := {r for rs in registration.counts.values() for r in rs} - registration.relations:
        raise ImproperlyConfigured(f"Counted but not handled: {sorted(uncounted)}.")
    HANDLERS.append(registration)


def handled_relations() -> set[str]:
    return {relation for r in HANDLERS for relation in r.relations}


def merge_related(owner, primary: Contact, others: Sequence[Contact]) -> None:
    """Every app's rows of `others` onto `primary`; call inside the merge's transaction."""
    for registration in HANDLERS:
        registration.handler(owner, primary, others)


def count_related(others: Sequence[Contact]) -> list[tuple[str, int]]:
    """(label, rows of the others) for every count the apps registered, in their order."""
    ids = [c.pk for c in others]
    return [
        (label, sum(_related_rows(relation, ids).count() for relation in relations))
        for r in HANDLERS
        for label, relations in r.counts.items()
    ]


def _related_rows(relation: str, contact_ids: list[int]) -> models.QuerySet:
    app_label, model_name, field_name = relation.split(".")
    model = apps.get_model(app_label, model_name)
    return model._base_manager.filter(**{f"{field_name}__in": contact_ids})


# --- Folding and combining ---------------------------------------------------------------------


def is_blank(value) -> bool:
    return value is None or value == "" or value == [] or value == {}


def combine_paragraphs(texts: Iterable[str]) -> str:
    """Distinct non-empty texts, in order, separated by a blank line."""
    kept: list[str] = []
    for text in texts:
        text = (text or "").strip()
        if text and text not in kept:
            kept.append(text)
    return "\n\n".join(kept)


def combine_lines(texts: Iterable[str]) -> str:
    """Every distinct non-empty line of the texts, in order (link lists, one address a line)."""
    kept: list[str] = []
    for text in texts:
        for line in (text or "").splitlines():
            line = line.strip()
            if line and line not in kept:
                kept.append(line)
    return "\n".join(kept)


def fold_sections(model: type[models.Model], primary: Contact, others: Sequence[Contact]) -> None:
    """One-per-contact records: the primary keeps its own, filled in and extended from the
    others' (texts combined, blanks filled, lists and tags joined); without one, it takes the
    first of theirs."""
    target = model.objects.filter(contact=primary).first()
    for section in model.objects.filter(contact__in=others).order_by("contact_id"):
        if target is None:
            section.contact = primary
            section.save(update_fields=["contact"])
            target = section
            continue
        _fold_fields(target, section)
        section.delete()


def _fold_fields(target: models.Model, source: models.Model) -> None:
    changed = []
    for f in target._meta.concrete_fields:
        if f.primary_key or not f.editable or f.is_relation:
            continue
        mine, theirs = getattr(target, f.attname), getattr(source, f.attname)
        if is_blank(theirs) or theirs == mine:
            continue
        if is_blank(mine):
            value = theirs
        elif isinstance(mine, list) and isinstance(theirs, list):
            value = mine + [item for item in theirs if item not in mine]
        elif isinstance(f, models.TextField):
            value = combine_paragraphs([mine, theirs])
        elif (
            isinstance(f, models.CharField)
            and not f.choices
            and not isinstance(f, models.EmailField)
            and len(f"{mine}; {theirs}") <= f.max_length
        ):
            value = f"{mine}; {theirs}"
        else:
            continue  # a single value (channel, e-mail, phone): the primary's stands
        setattr(target, f.attname, value)
        changed.append(f.name)
    if changed:
        target.save(update_fields=changed)
    for f in target._meta.many_to_many:
        getattr(target, f.name).add(*getattr(source, f.name).all())


def move_roles(model: type[models.Model], group: str, primary: Contact, others: Sequence[Contact]):
    """Rows giving a contact a role in a group (`group` is the foreign key, e.g. a project) move
    to the primary; a role in a group it already has is kept once."""
    roles = set(model.objects.filter(contact=primary).values_list(f"{group}_id", "role"))
    for row in model.objects.filter(contact__in=others).order_by("id"):
        key = (getattr(row, f"{group}_id"), row.role)
        if key in roles:
            row.delete()
            continue
        roles.add(key)
        row.contact = primary
        row.save(update_fields=["contact"])
