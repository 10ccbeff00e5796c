"""Stage pipelines (job opportunities, freelance projects): the board's columns, a card's
"move to" menu and the stage timeline, drawn the same way for every app that has stages."""

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

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
