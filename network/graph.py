"""The stack map: which technologies a user's network knows, how warm those relationships are,
and which technologies go together in the same people.

A person "has" a tag when it is one of their tags, or, while they are a VIP, part of their
current tech stack (the VIP sections are hidden, and not counted, once they are no longer one).
Archived contacts are left out. Everything is read in one query and counted here with numpy
(technologies per person; the pairs as the product of a people-by-technology matrix with itself),
so the number of queries does not depend on the size of the network.
"""

import math
from dataclasses import dataclass, field

import numpy as np
from django.db import connection
from django.db.models import BooleanField, ExpressionWrapper, Q, QuerySet
from django.urls import reverse

from contacts.models import Contact, Event, Tag
from devhub.lib.queries import compiled

Status = Contact.Status
# Relationships in good shape; the others need attention (check-in due, reconnect) or are passive.
WARM = (Status.ACTIVE_COLLABORATION, Status.REGULAR_CONTACT)
TOP_TECHNOLOGIES = 30  # the shapes drawn; the table lists the same ones
TOP_LINES = 40
MIN_TOGETHER = 2  # people holding both before two technologies "go together"
OFTEN_WITH = 3  # partners named per technology in the table

# The drawing: technologies on a circle, largest first from the top, clockwise.
SIZE = 860
CENTRE = SIZE / 2
ORBIT = 290
MIN_RADIUS, MAX_RADIUS = 10.0, 26.0
LABEL_GAP = 6
MAX_LINE_WIDTH = 8.0


def holdings(people: QuerySet[Contact], kind: str, tags: QuerySet[Tag] | None = None) -> list:
    """(contact id, tag id, warm: 1 or 0) for each tag of `kind` (among `tags`, if given) that
    each of `people` has; a tag that is both theirs and in their stack comes twice (callers
    collect sets: UNION ALL saves the database a sort). Read from the contacts' side: the owner's
    contacts through their (owner, archived, status) index, then each one's tags. Rows straight
    from the cursor: there are tens of thousands in a large network, and the ORM's per-row work
    would cost more than the database's."""
    people = people.order_by().annotate(
        warm=ExpressionWrapper(Q(status__in=WARM), output_field=BooleanField())
    )
    wanted = {"kind": kind} | ({"in": tags} if tags is not None else {})
    # One filter() call each, so the condition and the values read the same join.
    tagged = people.filter(**{f"tags__{op}": value for op, value in wanted.items()})
    stack = "vip_developer_profile__tech_stack"
    stacked = people.filter(is_vip=True, **{f"{stack}__{op}": v for op, v in wanted.items()})
    query = (
        tagged.values_list("pk", "tags", "warm")
        .union(stacked.values_list("pk", stack, "warm"), all=True)
        .order_by()
    )
    if (sql := compiled(query)) is None:  # nobody to read (`people` filtered by an empty list)
        return []
    with connection.cursor() as cursor:
        cursor.execute(*sql)
        return cursor.fetchall()


def band(warm: int, people: int) -> str:
    """The warmth scale, in words: at least two thirds warm, under one third, or in between."""
    if 3 * warm >= 2 * people:
        return "warm"
    if 3 * warm < people:
        return "cool"
    return "mixed"


@dataclass
class Technology:
    name: str
    people: int
    warm: int
    url: str = ""
    often_with: list[tuple[str, int]] = field(default_factory=list)
    x: float = 0.0
    y: float = 0.0
    radius: float = 0.0
    label_x: float = 0.0
    label_y: float = 0.0
    label_anchor: str = "start"

    @property
    def warm_percent(self) -> int:
        return round(100 * self.warm / self.people)

    @property
    def band(self) -> str:
        return band(self.warm, self.people)

    @property
    def label(self) -> str:
        """The shape's accessible name."""
        people = f"{self.people} {'person' if self.people == 1 else 'people'}"
        return f"{self.name}: {people}, {self.warm} warm"

    @property
    def circumference(self) -> float:
        return round(2 * math.pi * self.radius, 2)

    @property
    def warm_arc(self) -> float:
        """The length of the ring's solid (warm) part."""
        return round(self.circumference * self.warm / self.people, 2)


@dataclass
class Line:
    a: Technology
    b: Technology
    together: int
    width: float = 1.0


@dataclass
class StackMap:
    technologies: list[Technology]
    lines: list[Line]
    people: int  # everyone counted, whatever their technologies
    more: int  # technologies beyond the ones drawn
    size: int = SIZE


def stack_map(
    owner, *, kind: str = Tag.Kind.TECHNOLOGY, status: str = "", event: Event | None = None
) -> StackMap:
    """The user's network by tag `kind`, optionally only people of one status or event."""
    people = Contact.objects.for_owner(owner).active()
    if status:
        people = people.filter(status=status)
    if event is not None:
        people = people.filter(events=event)
    rows = np.array(holdings(people, kind), dtype=np.int64).reshape(-1, 3)
    # Each person's technologies once, whether tagged, in their stack or both.
    held, first = np.unique(rows[:, :2], axis=0, return_index=True)
    tag_ids, tag_of, counts = np.unique(held[:, 1], return_inverse=True, return_counts=True)
    warm = np.bincount(tag_of, weights=rows[first, 2], minlength=len(tag_ids))
    names = dict(Tag.objects.filter(pk__in=tag_ids.tolist()).values_list("pk", "name"))
    ranked = sorted(
        range(len(tag_ids)),
        key=lambda i: (-counts[i], names[tag_ids[i]].casefold(), tag_ids[i]),
    )[:TOP_TECHNOLOGIES]
    top = [
        Technology(
            names[tag_ids[i]], int(counts[i]), int(warm[i]), technology_url(names[tag_ids[i]])
        )
        for i in ranked
    ]
    people_ids, person_of = np.unique(held[:, 0], return_inverse=True)
    # Which of the drawn technologies each person has: a column per technology, largest first.
    column = np.full(len(tag_ids), -1)
    column[ranked] = np.arange(len(ranked))
    drawn = column[tag_of] >= 0
    has = np.zeros((len(people_ids), len(top)), dtype=np.float32)
    has[person_of[drawn], column[tag_of[drawn]]] = 1
    lines = _lines(top, has.T @ has)
    _layout(top, lines)
    return StackMap(top, lines[:TOP_LINES], len(people_ids), len(tag_ids) - len(top))


def technology_url(name: str) -> str:
    """The "who knows" page of a technology."""
    return reverse("network:who_knows", args=[name])


def _lines(top: list[Technology], together: np.ndarray) -> list[Line]:
    """Pairs of drawn technologies that at least MIN_TOGETHER people have both (`together`: how
    many people have each pair, counted exactly in float32), most shared first; each technology
    also learns its most frequent partners."""
    a, b = np.nonzero(np.triu(together >= MIN_TOGETHER, k=1))  # a before b: larger first
    shared = together[a, b].astype(np.int64)
    order = np.lexsort((b, a, -shared))
    lines = [Line(top[a[i]], top[b[i]], int(shared[i])) for i in order]
    for line in lines:
        for tech, partner in ((line.a, line.b), (line.b, line.a)):
            if len(tech.often_with) < OFTEN_WITH:
                tech.often_with.append((partner.name, line.together))
    return lines


def _layout(technologies: list[Technology], lines: list[Line]) -> None:
    """Places each technology on the circle, sized by its people (area), and sizes the lines."""
    if not technologies:
        return
    most = technologies[0].people
    strongest = max((ln.together for ln in lines), default=1)
    for i, tech in enumerate(technologies):
        angle = -math.pi / 2 + 2 * math.pi * i / len(technologies)
        cos, sin = math.cos(angle), math.sin(angle)
        tech.radius = round(
            MIN_RADIUS + (MAX_RADIUS - MIN_RADIUS) * math.sqrt(tech.people / most), 1
        )
        tech.x, tech.y = round(CENTRE + ORBIT * cos, 1), round(CENTRE + ORBIT * sin, 1)
        reach = ORBIT + tech.radius + LABEL_GAP
        tech.label_x = round(CENTRE + reach * cos, 1)
        tech.label_y = round(CENTRE + reach * sin + 4 + 8 * sin, 1)  # below at the bottom
        tech.label_anchor = "middle" if abs(cos) < 0.2 else ("start" if cos > 0 else "end")
    for line in lines:
        line.width = round(1 + (MAX_LINE_WIDTH - 1) * line.together / strongest, 1)
