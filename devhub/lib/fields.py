"""Case-folded copies of text columns, for matching that ignores case in every script.

SQLite's LOWER()/UPPER()/LIKE fold ASCII letters only, and PostgreSQL's lower() depends on the
cluster's LC_CTYPE (ASCII only under the C locale), so `name__iexact`, `icontains` and
`Lower("name")` constraints behave differently per engine and miss "Élodie" for "élodie". A
FoldedField stores the folded text, computed in Python with `fold()`; lookups compare it with the
folded user input by plain equality or LIKE, which both engines do byte for byte. One code path,
independent of the database's locale.
"""

import unicodedata
from collections.abc import Iterable, Sequence

from django.core import checks
from django.db import connections, models

# The keys are only ever written by pre_save(), so these are fixed (and left out of
# deconstruct(), which keeps migrations short and stable).
_FIXED = {"editable": False, "blank": True, "default": ""}


def fold(text: str) -> str:
    r"""A caseless key: "Élodie", "ÉLODIE" and "élodie" give the same key, "STRASSE" and "straße"
    too ("strasse").

    NFKC first, so compatibility forms (full-width letters, the "fi" ligature U+FB01, a
    decomposed "é" pasted from macOS) match their plain letters, then Unicode full case folding
    (`str.casefold`), then NFKC again because folding can un-normalise (this is Unicode's
    NFKC_Casefold, less its removal of ignorable characters). Case folding is locale-independent:
    Turkish dotless "\u0131" stays its own letter, and capital dotted "İ" folds to "i" plus a
    combining dot, which is dropped here so that "İstanbul" matches "istanbul" and "ISTANBUL".
    """
    folded = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", text).casefold())
    return folded.replace("i\u0307", "i")


class FoldedField(models.TextField):
    """`fold()` of the `sources` attributes (joined by newlines, empty ones left out), computed by
    pre_save() on every save and bulk_create(); never edited by hand.

    save(update_fields=[...]) naming a source must name this field too: models with folded fields
    inherit FoldedKeysMixin, which does that. QuerySet.update() and bulk_update() of a source bypass
    pre_save(), so they must set the key themselves (`fold()` of the same text)."""

    description = "Case-folded text of other fields"

    def __init__(self, *args, sources: Iterable[str] = (), **kwargs) -> None:
        self.sources = tuple(sources)
        super().__init__(*args, **{**kwargs, **_FIXED})

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        for key in _FIXED:
            kwargs.pop(key, None)
        kwargs["sources"] = self.sources
        return name, path, args, kwargs

    def check(self, **kwargs) -> list[checks.CheckMessage]:
        errors = super().check(**kwargs)
        names = {f.name for f in self.model._meta.concrete_fields}
        if not self.sources:
            errors.append(checks.Error("FoldedField needs sources=(...).", obj=self))
        for source in self.sources:
            if source not in names or source == self.name:
                errors.append(
                    checks.Error(f"FoldedField source {source!r} is not a field.", obj=self)
                )
        return errors

    @staticmethod
    def fold_values(values: Sequence[str | None]) -> str:
        return fold("\n".join(value for value in values if value))

    def compute(self, instance: models.Model) -> str:
        return self.fold_values([getattr(instance, source) for source in self.sources])

    def pre_save(self, model_instance: models.Model, add: bool) -> str:
        value = self.compute(model_instance)
        setattr(model_instance, self.attname, value)
        return value


def folded_fields(model: type[models.Model]) -> list[FoldedField]:
    return [f for f in model._meta.concrete_fields if isinstance(f, FoldedField)]


class FoldedKeysMixin:
    """For models with FoldedFields: a partial save never leaves a stale key.

    save(update_fields=[...]) naming a source field also saves the keys folded from it. An
    instance loaded with only()/defer() is saved by Django for its loaded fields only, so a key
    that was not loaded but whose sources were is computed now, which makes it a loaded field.
    Model validation (the admin's forms) checks constraints on a key when its sources are being
    validated, although the key itself is never a form field."""

    def save(self, *args, **kwargs) -> None:
        fields = folded_fields(type(self))
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            named = set(update_fields)
            kwargs["update_fields"] = [
                *update_fields,
                *(f.name for f in fields if f.name not in named and named.intersection(f.sources)),
            ]
        elif deferred := self.get_deferred_fields():
            for f in fields:
                if f.attname in deferred and not deferred.issuperset(f.sources):
                    setattr(self, f.attname, f.compute(self))
        super().save(*args, **kwargs)

    def validate_constraints(self, exclude=None) -> None:
        exclude = set(exclude or ())
        for f in folded_fields(type(self)):
            if not exclude.issuperset(f.sources):
                setattr(self, f.attname, f.compute(self))  # not saved yet: compute it now
                exclude.discard(f.name)
        super().validate_constraints(exclude=exclude or None)


def stale_keys(model: type[models.Model], queryset=None) -> list[tuple[int, str]]:
    """(pk, field name) of every row whose stored key differs from the one its sources give."""
    fields = folded_fields(model)
    sources = sorted({s for f in fields for s in f.sources})
    queryset = model._base_manager.all() if queryset is None else queryset
    stale = []
    for row in queryset.order_by("pk").values("pk", *sources, *(f.attname for f in fields)):
        for f in fields:
            if row[f.attname] != f.fold_values([row[s] for s in f.sources]):
                stale.append((row["pk"], f.name))
    return stale


def refill_folded(model: type[models.Model], batch_size: int = 2000) -> int:
    """Recompute every FoldedField of `model` for all rows; returns how many rows changed.

    For data migrations (pass the historical model) and repairs: reads the sources in primary-key
    batches and writes only the rows whose key changed, one prepared UPDATE per batch, so that
    memory stays flat for a million rows."""
    fields = folded_fields(model)
    sources = sorted({s for f in fields for s in f.sources})
    manager = model._base_manager
    connection = connections[manager.db]
    quote = connection.ops.quote_name
    sql = (
        f"UPDATE {quote(model._meta.db_table)} SET "
        + ", ".join(f"{quote(f.column)} = %s" for f in fields)
        + f" WHERE {quote(model._meta.pk.column)} = %s"
    )
    changed, last = 0, None
    while True:
        rows = manager.order_by("pk")
        if last is not None:
            rows = rows.filter(pk__gt=last)
        batch = list(rows.values_list("pk", *sources, *(f.attname for f in fields))[:batch_size])
        if not batch:
            return changed
        params = []
        for row in batch:
            values = dict(zip(sources, row[1 : 1 + len(sources)], strict=True))
            keys = [f.fold_values([values[s] for s in f.sources]) for f in fields]
            if keys != list(row[1 + len(sources) :]):
                params.append([*keys, row[0]])
        if params:
            with connection.cursor() as cursor:
                cursor.executemany(sql, params)
        changed += len(params)
        last = batch[-1][0]


def rename_folded_duplicates(
    model: type[models.Model], key: str, scope: str = "owner"
) -> list[tuple[str, str]]:
    """Before a unique (scope, key) constraint: of rows whose key collides within one scope (names
    that differ only by non-ASCII case, which the old LOWER() constraint let through), the oldest
    keeps its name and the others get " (2)", " (3)", ... Nothing is merged or deleted, so no link
    is lost; the owner can merge them afterwards. The keys must be filled. Returns (old, new)."""
    key_field = model._meta.get_field(key)
    (source,) = key_field.sources
    max_length = model._meta.get_field(source).max_length
    scope_attname = model._meta.get_field(scope).attname
    manager = model._base_manager
    clashes = (
        manager.values(scope_attname, key)
        .annotate(rows=models.Count("pk"))
        .filter(rows__gt=1)
        .order_by()
    )
    renamed = []
    for clash in clashes:
        group = manager.filter(**{scope_attname: clash[scope_attname], key: clash[key]})
        taken = set(
            manager.filter(**{scope_attname: clash[scope_attname]}).values_list(key, flat=True)
        )
        number = 1
        for pk, name in group.order_by("pk").values_list("pk", source)[1:]:
            while True:
                number += 1
                suffix = f" ({number})"
                candidate = name[: max_length - len(suffix)] + suffix if max_length else name
                if fold(candidate) not in taken:
                    break
            taken.add(fold(candidate))
            manager.filter(pk=pk).update(**{source: candidate, key: fold(candidate)})
            renamed.append((name, candidate))
    return renamed
