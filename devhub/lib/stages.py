"""Stage pipelines (job opportunities, freelance projects, collaborations): the board's columns
and cards, a card's "move to" menu and the stage timeline, drawn the same way for every app that
has stages.

A board's cards are drawn here in Python, each app giving only a card's content (`Cards.body`):
a board shows every open card, hundreds for a busy user, and a template include per card costs
about half a millisecond where this costs a few microseconds."""

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from html import escape

from django.db import models
from django.middleware.csrf import get_token
from django.utils import timezone
from django.utils.html import format_html_join
from django.utils.safestring import SafeString

from devhub.templatetags.row_urls import PLACEHOLDER, url_to

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


# One card: its content, then a "move to" form that works without JavaScript (static/js/board.js
# adds drag and drop to `data-card`/`data-move`).
CARD = (
    '<li id="card-{code}" class="card bg-base-100 shadow-sm" draggable="true" data-card>'
    '<div class="card-body p-2 gap-1">{body}'
    '<form method="post" action="{move}" hx-post="{move}" hx-target="#board" '
    'hx-swap="outerHTML" class="flex gap-1 items-center" data-move>'
    '<input type="hidden" name="csrfmiddlewaretoken" value="{csrf}">'
    '<label class="sr-only" for="move-{code}">Move {name} to</label>'
    '<select id="move-{code}" name="{field}" class="select select-xs w-auto" data-stage>{menu}'
    '</select><button type="submit" class="btn btn-xs">Move<span class="sr-only"> {name}</span>'
    "</button></form></div></li>"
)


@dataclass(frozen=True)
class Cards:
    """How one pipeline's cards are drawn: `body(card, href)` is a card's content (safe HTML)
    given the address of its page, `detail` and `move` are the names of the page's and the move
    URL (one code argument each) and `field` is the stage field's name. A card has a `code`, and
    its str() names it."""

    body: Callable[[object, str], str]
    detail: str
    move: str
    field: str

    def draw(self, cards: Iterable, menu: SafeString, csrf: str) -> SafeString:
        # Plain str.format over escaped values: format_html's lazy-aware escaping costs more
        # than the rest of a card.
        placeholder = str(PLACEHOLDER)
        detail, move = url_to(PLACEHOLDER, self.detail), url_to(PLACEHOLDER, self.move)
        drawn = []
        for card in cards:
            code = str(card.code)
            drawn.append(
                CARD.format(
                    code=code,
                    body=self.body(card, detail.replace(placeholder, code)),
                    move=move.replace(placeholder, code),
                    csrf=escape(csrf),
                    name=escape(str(card)),
                    field=self.field,
                    menu=menu,
                )
            )
        return SafeString("".join(drawn))


@dataclass
class Column:
    stage: str
    label: str
    cards: list  # the first `shown` of the stage's cards
    total: int
    menu: SafeString
    html: SafeString  # those cards drawn

    @property
    def more(self) -> int:
        return self.total - len(self.cards)


def board_columns(
    request,
    drawn: Cards,
    cards: Iterable,
    stage_of: Callable[[object], str],
    stages: Iterable[str],
    choices: Choices,
    shown: int | None = None,
) -> list[Column]:
    """One column per stage with its cards drawn, the shape templates/includes/board.html
    shows. With `shown`, a column keeps only its first cards (the closed stages: years of them
    would fill the page); the list view has the rest."""
    labels = dict(choices)
    csrf = get_token(request)
    by_stage: dict[str, list] = {}
    for card in cards:
        by_stage.setdefault(stage_of(card), []).append(card)
    columns = []
    for stage in stages:
        rows = by_stage.get(stage, [])
        menu = move_menu(choices, stage)
        kept = rows[:shown]
        columns.append(
            Column(stage, labels[stage], kept, len(rows), menu, drawn.draw(kept, menu, csrf))
        )
    return columns


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
