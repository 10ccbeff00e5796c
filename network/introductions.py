"""People they should meet: other contacts who share a contact's technologies but have never
been brought together by anything the user recorded.

- Technologies: tags of kind technology, theirs or (for a VIP) in their current tech stack, as on
  the stack map (`graph.holdings`).
- Never together: not members of the same project, not people of the same job opportunity, not
  at the same event (an event they were both met at, or the same event tag).
- Ranked by the number of technologies shared, then by how warm the relationship with the other
  person is (active collaboration, regular contact, check-in due, reconnect, passive), then by
  name. Archived contacts are never suggested.
"""

from dataclasses import dataclass

from django.db.models import Case, Exists, Func, IntegerField, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce, Lower

from contacts.models import Contact, Tag
from network import services
from network.graph import holdings
from opportunities.models import Participant
from projects.models import Member
from vip.models import DeveloperProfile

LIMIT = 5
Status = Contact.Status
WARMTH = [
    Status.ACTIVE_COLLABORATION,
    Status.REGULAR_CONTACT,
    Status.CHECK_IN_DUE,
    Status.RECONNECT,
    Status.PASSIVE,
]
TAGGED = Contact.tags.through
STACKED = DeveloperProfile.tech_stack.through


@dataclass
class Suggestion:
    contact: Contact
    shared: list[str]  # the technologies both have, by name
    title: str = ""  # of the reminder to introduce them
    reminded: bool = False  # that reminder is open


def technologies_of(contact: Contact) -> list[int]:
    """The ids of the contact's technologies."""
    people = Contact.objects.filter(pk=contact.pk)
    return sorted({tag_id for _, tag_id, _ in holdings(people, Tag.Kind.TECHNOLOGY)})


def never_together(contact: Contact) -> Q:
    """Contacts who were never in a project, an opportunity or at an event with `contact`."""
    projects = Member.objects.filter(contact=contact).values("project")
    opportunities = Participant.objects.filter(contact=contact).values("opportunity")
    events = Contact.events.through.objects.filter(contact=contact).values("event")
    event_tags = TAGGED.objects.filter(contact=contact, tag__kind=Tag.Kind.EVENT).values("tag")
    return ~(
        Q(pk__in=Member.objects.filter(project__in=projects).values("contact"))
        | Q(pk__in=Participant.objects.filter(opportunity__in=opportunities).values("contact"))
        | Q(pk__in=Contact.events.through.objects.filter(event__in=events).values("contact"))
        | Q(pk__in=TAGGED.objects.filter(tag__in=event_tags).values("contact"))
    )


def ranked(contact: Contact, mine: list[int], limit: int) -> list[int]:
    """The ids of the best `limit` others to introduce `contact` to, best first.

    Two disjoint parts, each counted by the database: people with at least one of `mine` among
    their tags (plus, for a VIP, the ones only in their stack), and VIPs who have some of `mine`
    only in their stack."""
    others = (
        Contact.objects.for_owner(contact.owner)
        .active()
        .exclude(pk=contact.pk)
        .filter(never_together(contact))
        .order_by()
    )
    stack = STACKED.objects.filter(developerprofile__contact=OuterRef("pk"), tag__in=mine)
    stack_only = stack.exclude(
        tag__in=TAGGED.objects.filter(contact=OuterRef(OuterRef("pk"))).values("tag")
    )
    warmth = Case(
        *(When(status=status, then=Value(rank)) for rank, status in enumerate(WARMTH)),
        output_field=IntegerField(),
    )
    tags = TAGGED.objects.filter(contact=OuterRef("pk"), tag__in=mine)
    tagged = others.filter(pk__in=TAGGED.objects.filter(tag__in=mine).values("contact")).annotate(
        shared=_count(tags)
        + Case(When(is_vip=True, then=Coalesce(_count(stack_only), 0)), default=0),
    )
    stacked_only = (
        others.filter(Exists(stack), is_vip=True)
        .exclude(Exists(tags))
        .annotate(shared=_count(stack))
    )
    columns = ("pk", "shared", "warmth", "sort_name")
    parts = [
        part.annotate(warmth=warmth, sort_name=Lower("name")).values_list(*columns)
        for part in (tagged, stacked_only)
    ]
    best = parts[0].union(parts[1], all=True).order_by("-shared", "warmth", "sort_name", "pk")
    return [row[0] for row in best[:limit]]


def _count(rows) -> Subquery:
    """COUNT(*) of correlated rows as a scalar subquery (a plain function: no GROUP BY)."""
    return Subquery(rows.order_by().annotate(n=Func("pk", function="COUNT")).values("n"))


def suggestions(contact: Contact, limit: int = LIMIT) -> list[Suggestion]:
    mine = technologies_of(contact)
    if not mine:
        return []
    ids = ranked(contact, mine, limit)
    found = Contact.objects.filter(pk__in=ids).only("code", "name", "company", "status")
    candidates = sorted(found, key=lambda c: ids.index(c.pk))
    shared = {c.pk: set() for c in candidates}
    for contact_id, tag_id, _ in holdings(
        Contact.objects.filter(pk__in=shared), Tag.Kind.TECHNOLOGY, Tag.objects.filter(pk__in=mine)
    ):
        shared[contact_id].add(tag_id)
    names = dict(Tag.objects.filter(pk__in=mine).values_list("pk", "name"))
    return [
        Suggestion(c, sorted((names[t] for t in shared[c.pk]), key=str.casefold))
        for c in candidates
    ]


def section(contact: Contact) -> dict:
    """What the contact page's "People they should meet" card shows."""
    found = suggestions(contact)
    for suggestion in found:
        suggestion.title = services.introduction_title(contact, suggestion.contact)
    if found:
        others = [s.contact for s in found]
        back = [services.introduction_title(o, contact) for o in others]
        open_titles = set(
            services.open_introductions()
            .filter(contact__in=[contact, *others], title__in=[s.title for s in found] + back)
            .values_list("title", flat=True)
        )
        for suggestion, title_back in zip(found, back, strict=True):
            suggestion.reminded = bool({suggestion.title, title_back} & open_titles)
    return {"contact": contact, "suggestions": found}
