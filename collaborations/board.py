"""The collaboration board's cards (drawn by devhub.lib.stages.Cards) and the facts a card and a
list row share: who it is with and its date."""

import datetime as dt
import uuid
from collections import defaultdict
from dataclasses import dataclass
from html import escape

from django.utils.dateformat import format as format_date
from django.utils.safestring import SafeString

from collaborations.models import Kind, Person
from devhub.lib.stages import Cards

KINDS = dict(Kind.choices)


@dataclass(frozen=True)
class Card:
    code: uuid.UUID
    title: str
    kind: str
    stage: str
    target_on: dt.date | None
    published_on: dt.date | None
    people: list[str]

    def __str__(self) -> str:
        return self.title


def cards(collaborations) -> list[Card]:
    """The cards of these collaborations (a queryset, in its order), read as plain rows: a board
    has hundreds, and model instances for them and their people would cost more than the page."""
    rows = list(
        collaborations.values_list(
            "pk", "code", "title", "kind", "stage", "target_on", "published_on"
        )
    )
    people = defaultdict(list)
    names = Person.objects.filter(collaboration__in=collaborations).order_by("contact__name")
    for collaboration, name in names.values_list("collaboration_id", "contact__name"):
        people[collaboration].append(name)
    return [Card(*row[1:], people=people[row[0]]) for row in rows]


def facts(people: list[str], published_on, target_on) -> SafeString:
    """ "With Ada, Grace" and the publish date (or the target date, before it is out)."""
    html = f'<p class="text-xs">With {escape(", ".join(people))}</p>' if people else ""
    if published_on:
        html += f'<p class="text-xs">Published {format_date(published_on, "j M Y")}</p>'
    elif target_on:
        html += f'<p class="text-xs">Target {format_date(target_on, "j M Y")}</p>'
    return SafeString(html)


def body(card: Card, href: str) -> str:
    return (
        f'<a class="link link-hover font-semibold text-sm" href="{href}">{escape(card.title)}</a>'
        f'<p class="text-xs">{KINDS[card.kind]}</p>'
        + facts(card.people, card.published_on, card.target_on)
    )


CARDS = Cards(body, detail="collaborations:detail", move="collaborations:move", field="stage")
