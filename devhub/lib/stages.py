"""Stage pipelines (job opportunities, freelance projects): the board's columns, a card's
"move to" menu and the stage timeline, drawn the same way for every app that has stages."""

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from django.db import models
from django.utils import timezone
from django.utils.html import format_html_join
from django.utils.safestring import SafeString

Choices = Sequence[tuple[str, str]]
CLOSED_SHOWN = 12  # cards per closed stage on a board; the list view has them all


def move_menu(choices: Choices, current: str) -> SafeString:
    """The options of a card's "move to" menu, its own stage selected: every card in a column
    shares them, drawn once instead of one set of template options per card."""
    return format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        ((value, " selected" if value == current else "", label) for value, label in choices),
    )


@dataclass
class Column:
    stage: str
    label: str
    cards: list  # the first `shown` of the stage's cards
    total: int
    menu: SafeString

    @property
    def more(self) -> int:
        return self.total - len(self.cards)


def board_columns(
    cards: Iterable,
    stage_of: Callable[[object], str],
    stages: Iterable[str],
    choices: Choices,
    shown: int | None = None,
) -> list[Column]:
    """One column per stage, the shape templates/includes/board.html draws. With `shown`, a
    column keeps only its first cards (the closed stages: years of them would fill the page);
    the list view has the rest."""
    labels = dict(choices)
    by_stage: dict[str, list] = {}
    for card in cards:
        by_stage.setdefault(stage_of(card), []).append(card)
    return [
        Column(
            stage,
            labels[stage],
            by_stage.get(stage, [])[:shown],
            len(by_stage.get(stage, [])),
            move_menu(choices, stage),
        )
        for stage in stages
    ]


@dataclass(frozen=True)
class History:
    """Where a pipeline keeps its stage: the row's field (with `<field>_changed_at` beside it) and
    the history model, whose foreign key to the row is `parent` and whose stages are
    `from_<field>` and `to_<field>`."""

    model: type[models.Model]
    parent: str
    field: str = "stage"

    @property
    def changed_at(self) -> str:
        return f"{self.field}_changed_at"

    def start(self, row: models.Model) -> None:
        """Save a new row with its first history entry. Call inside a transaction."""
        now = timezone.now()
        setattr(row, self.changed_at, now)
        row.save()
        self.model.objects.create(
            **{self.parent: row, f"to_{self.field}": getattr(row, self.field), "changed_at": now}
        )

    def move(
        self, row: models.Model, stage: str, also: Callable[[models.Model], list[str]] | None = None
    ) -> str | None:
        """Move the row to `stage` and record the change, under a row lock so two moves never
        record the same "from"; `also` changes more fields of the locked row and names them.
        Returns the stage it left, None when it was already there. Call inside a transaction."""
        locked = type(row)._default_manager.select_for_update().get(pk=row.pk)
        previous = getattr(locked, self.field)
        if previous == stage:
            return None
        now = timezone.now()
        setattr(locked, self.field, stage)
        setattr(locked, self.changed_at, now)
        changed = [self.field, self.changed_at, *(also(locked) if also else [])]
        locked.save(update_fields=[*changed, "updated_at"])
        self.model.objects.create(
            **{
                self.parent: locked,
                f"from_{self.field}": previous,
                f"to_{self.field}": stage,
                "changed_at": now,
            }
        )
        for name in changed:
            setattr(row, name, getattr(locked, name))
        return previous

    def timeline(self, row: models.Model, choices: Choices) -> list["StageSpan"]:
        changes = list(self.model.objects.filter(**{self.parent: row}).order_by("changed_at", "id"))
        return stage_timeline(changes, choices, lambda change: getattr(change, f"to_{self.field}"))


@dataclass
class StageSpan:
    status: str
    label: str
    started: dt.datetime
    ended: dt.datetime | None

    @property
    def days(self) -> int:
        return ((self.ended or timezone.now()) - self.started).days


def stage_timeline(changes: Sequence, labels: Choices, stage_of: Callable) -> list[StageSpan]:
    """Each stage with when it started and how long it lasted (the current one until now)."""
    names = dict(labels)
    spans = []
    for index, change in enumerate(changes):
        ended = changes[index + 1].changed_at if index + 1 < len(changes) else None
        stage = stage_of(change)
        spans.append(StageSpan(stage, names.get(stage, stage), change.changed_at, ended))
    return spans
