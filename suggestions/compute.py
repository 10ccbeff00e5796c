"""What could open a conversation with each contact, read from the owner's own rows.

`candidates` reads a batch of contacts' recent interactions, open reminders, shared resources,
projects, collaborations, stack and birthdays in a fixed number of queries, and returns unsaved
`Suggestion` rows, best first per contact. Every one quotes its source as stored; the model only
chooses which sentence to quote.
"""

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Sequence

from django.db.models import F, Window
from django.db.models.functions import RowNumber

from collaborations.models import Person
from contacts.models import Contact, Tag
from interactions.models import Interaction
from projects.models import OPEN_STAGES, Member
from reminders.models import CONTACT_OCCASIONS, Reminder
from reminders.services import next_birthday
from resources.models import SharedResource
from suggestions import extract
from suggestions.models import COLLABORATION_STAGES, Suggestion
from vip.models import DeveloperProfile

# The conversations a topic or a promise is taken from: the last few with the person.
RECENT_INTERACTIONS = 3
# A shared resource older than this is no longer news.
RESOURCE_DAYS = 365
BIRTHDAY_DAYS = 14
STACK_TAGS = 3
# Kept per contact, so a dismissed suggestion is replaced at once by the next.
KEPT = 4
# Sentences where the owner undertook to do something ("I'll send the recording").
PROMISE = re.compile(
    r"\b(I['\u2019]ll|I will|I['\u2019]d|I promised|promised to|I owe|I need to|I should|"
    r"will send|to send|get back to|follow up)\b",
    re.IGNORECASE,
)

Kind = Suggestion.Kind
# How much each kind of fact is worth before its age counts.
WEIGHT = {
    Kind.PROMISE: 1.0,
    Kind.FOLLOW_UP: 0.95,
    Kind.BIRTHDAY: 0.9,
    Kind.TOPIC: 0.8,
    Kind.RESOURCE: 0.7,
    Kind.PROJECT: 0.65,
    Kind.COLLABORATION: 0.6,
    Kind.STACK: 0.3,
}


def freshness(day: dt.date | None, today: dt.date) -> float:
    """1 for today, halving over three months: recent facts rank first."""
    if day is None:
        return 0.5
    return 1 / (1 + max((today - day).days, 0) / 90)


def _rank(queryset, order: Sequence[str], limit: int):
    """The first `limit` rows per contact in `order`, in one query (a window function)."""
    numbered = queryset.annotate(
        place=Window(RowNumber(), partition_by=[F("contact_id")], order_by=list(order))
    )
    return numbered.filter(place__lte=limit)


def _interaction_facts(ids: list[int], today: dt.date, local_day) -> dict[int, list[Suggestion]]:
    recent = _rank(
        Interaction.objects.filter(contact_id__in=ids).only(
            "id", "contact_id", "occurred_at", "subject", "notes"
        ),
        [F("occurred_at").desc(), F("id").desc()],
        RECENT_INTERACTIONS,
    )
    by_contact: dict[int, list[Interaction]] = defaultdict(list)
    for interaction in recent:
        by_contact[interaction.contact_id].append(interaction)
    contacts = list(by_contact)
    # Each contact's sentences, remembering which interaction each came from.
    groups, origins = [], []
    for contact_id in contacts:
        group, origin = [], []
        for interaction in by_contact[contact_id]:
            for sentence in extract.sentences(f"{interaction.subject}\n{interaction.notes}"):
                group.append(sentence)
                origin.append(interaction)
        groups.append(group)
        origins.append(origin)
    topics = extract.representative(groups, 1)
    out: dict[int, list[Suggestion]] = defaultdict(list)
    for contact_id, group, origin, topic in zip(contacts, groups, origins, topics, strict=True):
        promise = next(
            ((s, o) for s, o in zip(group, origin, strict=True) if PROMISE.search(s)), None
        )
        if promise is not None:
            sentence, interaction = promise
            out[contact_id].append(
                _fact(
                    Kind.PROMISE,
                    contact_id,
                    sentence,
                    local_day(interaction),
                    today,
                    interaction=interaction,
                )
            )
        if topic and (promise is None or topic[0] != promise[0]):
            interaction = origin[group.index(topic[0])]
            out[contact_id].append(
                _fact(
                    Kind.TOPIC,
                    contact_id,
                    topic[0],
                    local_day(interaction),
                    today,
                    interaction=interaction,
                )
            )
    return out


def _fact(kind: str, contact_id: int, quote: str, day, today: dt.date, **source) -> Suggestion:
    score = WEIGHT[kind] * (freshness(day, today) if kind in FADING else 1)
    return Suggestion(kind=kind, contact_id=contact_id, quote=quote, on=day, score=score, **source)


# Kinds whose facts lose weight with age (a project or a stack does not).
FADING = {Kind.PROMISE, Kind.TOPIC, Kind.RESOURCE}


def _reminder_facts(owner, ids: list[int], today: dt.date, out) -> None:
    reminders = (
        Reminder.objects.for_owner(owner)
        .open()
        .filter(contact_id__in=ids)
        .exclude(kind__in=CONTACT_OCCASIONS)
        .order_by("effective_due", "id")
        .only("id", "contact_id", "title", "due_on", "effective_due")
    )
    seen: set[int] = set()
    for reminder in reminders:
        if reminder.contact_id in seen:
            continue
        seen.add(reminder.contact_id)
        fact = _fact(
            Kind.FOLLOW_UP,
            reminder.contact_id,
            reminder.title,
            reminder.due_on,
            today,
            reminder=reminder,
        )
        # Due within a week (or overdue) comes first; one due in months is less pressing.
        if reminder.effective_due > today + dt.timedelta(days=7):
            fact.score *= 0.8
        out[reminder.contact_id].append(fact)


def _resource_facts(ids: list[int], today: dt.date, out) -> None:
    since = today - dt.timedelta(days=RESOURCE_DAYS)
    resources = _rank(
        SharedResource.objects.filter(contact_id__in=ids, shared_on__gte=since).only(
            "id", "contact_id", "title", "shared_on", "direction"
        ),
        [F("shared_on").desc(), F("id").desc()],
        1,
    )
    for resource in resources:
        fact = _fact(
            Kind.RESOURCE,
            resource.contact_id,
            resource.title,
            resource.shared_on,
            today,
            resource=resource,
        )
        if resource.direction == SharedResource.Direction.I_SHARED:
            fact.score *= 0.9
        out[resource.contact_id].append(fact)


def _together_facts(ids: list[int], today: dt.date, out) -> None:
    members = (
        Member.objects.filter(contact_id__in=ids, project__stage__in=OPEN_STAGES)
        .select_related("project")
        .order_by("contact_id", "-project__updated_at")
    )
    seen: set[int] = set()
    for member in members:
        if member.contact_id not in seen:
            seen.add(member.contact_id)
            project = member.project
            out[member.contact_id].append(
                _fact(Kind.PROJECT, member.contact_id, project.title, None, today, project=project)
            )
    people = (
        Person.objects.filter(contact_id__in=ids, collaboration__stage__in=COLLABORATION_STAGES)
        .select_related("collaboration")
        .order_by("contact_id", "-collaboration__updated_at")
    )
    seen = set()
    for person in people:
        if person.contact_id not in seen:
            seen.add(person.contact_id)
            work = person.collaboration
            out[person.contact_id].append(
                _fact(
                    Kind.COLLABORATION,
                    person.contact_id,
                    work.title,
                    None,
                    today,
                    collaboration=work,
                )
            )


def _stack_facts(ids: list[int], today: dt.date, out) -> None:
    """Their VIP tech stack first, then their technology tags; the first tag is the source."""
    stacks: dict[int, list[Tag]] = defaultdict(list)
    vip = DeveloperProfile.tech_stack.through.objects.filter(
        developerprofile__contact_id__in=ids
    ).select_related("tag", "developerprofile")
    for link in vip.order_by("developerprofile__contact_id", "tag__name"):
        stacks[link.developerprofile.contact_id].append(link.tag)
    tagged = Contact.tags.through.objects.filter(
        contact_id__in=ids, tag__kind=Tag.Kind.TECHNOLOGY
    ).select_related("tag")
    for link in tagged.order_by("contact_id", "tag__name"):
        if link.tag not in stacks[link.contact_id]:
            stacks[link.contact_id].append(link.tag)
    for contact_id, tags in stacks.items():
        shown = tags[:STACK_TAGS]
        quote = ", ".join(tag.name for tag in shown)
        out[contact_id].append(_fact(Kind.STACK, contact_id, quote, None, today, tag=shown[0]))


def _birthday_facts(contacts: Sequence[Contact], today: dt.date, out) -> None:
    for contact in contacts:
        if contact.birthday is None:
            continue
        day = next_birthday(contact.birthday, today)
        if (day - today).days <= BIRTHDAY_DAYS:
            fact = _fact(Kind.BIRTHDAY, contact.pk, contact.birthday.strftime("%-d %B"), day, today)
            fact.score *= 1 - (day - today).days / (2 * BIRTHDAY_DAYS)
            out[contact.pk].append(fact)


def candidates(
    owner, contacts: Sequence[Contact], today: dt.date, local_day
) -> dict[int, list[Suggestion]]:
    """Every fact that could open a conversation with each of `contacts`, best first.
    `local_day(interaction)` is the owner's local day of an interaction."""
    ids = [c.pk for c in contacts]
    out = _interaction_facts(ids, today, local_day)
    _reminder_facts(owner, ids, today, out)
    _resource_facts(ids, today, out)
    _together_facts(ids, today, out)
    _stack_facts(ids, today, out)
    _birthday_facts(contacts, today, out)
    for facts in out.values():
        for fact in facts:
            fact.owner = owner
        facts.sort(key=lambda f: -f.score)
    return out
