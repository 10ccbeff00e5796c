"""Keeping the search entries equal to what they describe: the write paths call these.

Every entry is built by one of the `_*_entries` functions below, whether one row changed
(`put_interaction`, `put_resource`, `put_project`, `put_collaboration`, `put_contacts`) or whole
contacts are indexed
again (`reindex_contacts`: merges, imports, restores, renamed tags, `rebuild_search_index`).
A put replaces the entries of what it is about: they are deleted and written again, and the
full-text index follows the rows (search.engines); so do the vectors of the contacts whose
embedded entries changed (search.meaning.refresh), in the same transaction."""

from collections.abc import Collection, Iterable

from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone

from collaborations.models import Collaboration, Kind, Person
from contacts import services as contact_services
from contacts.models import Contact, Tag
from interactions.models import Interaction
from projects.models import Member, Project
from resources.models import SharedResource
from search import meaning
from search.models import Entry, VectorBlock
from search.text import normalise

Source = Entry.Source
# A contact's own facts, by the `ref` of their entry: (label, fields).
PROFILE = {
    1: ("name", ("name",)),
    2: ("works as", ("job_title", "company", "industry", "location")),
    3: ("e-mail", ("email",)),
    4: ("usernames", ("github_username", "gitlab_username")),
    5: ("notes", ("notes",)),
}
VIP_SKILLS = 0  # the VIP technical-skills entry; stack entries use the tag's id
# Writes to these contact fields (or its tags) change its own entries.
INDEXED_FIELDS = frozenset(
    {f for _, fields in PROFILE.values() for f in fields} | {"is_vip", "tags"}
)
CONTACT_SOURCES = (Source.PROFILE, Source.TAGS, Source.VIP)
# How a collaboration reads as the reason someone matched, by its kind.
COLLABORATION_LABELS = {
    Kind.ARTICLE: "writing “{}” together",
    Kind.TALK: "talk “{}” together",
    Kind.VIDEO: "video “{}” together",
    Kind.PODCAST: "podcast “{}” together",
    Kind.NEWSLETTER: "newsletter “{}” together",
    Kind.BOOK: "book “{}” together",
    Kind.OPEN_SOURCE: "open source “{}”",
    Kind.STUDY_GROUP: "study group “{}”",
}


def _short(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _entry(contact: Contact, source: str, ref: int, label: str, texts: Iterable[str], day=None):
    text = normalise("\n".join(t for t in texts if t))
    if not text:
        return None
    return Entry(
        owner_id=contact.owner_id,
        contact_id=contact.pk,
        source=source,
        ref=ref,
        label=_short(label, 200),
        occurred_on=day,
        text=text,
    )


def _contact_entries(contact: Contact) -> list[Entry | None]:
    """Profile, tags and (for a VIP) skills and stack; needs tags and the developer profile
    with its stack loaded (see `_contacts`)."""
    entries = []
    for ref, (label, fields) in PROFILE.items():
        values = [getattr(contact, f) for f in fields]
        shown = ", ".join(v for v in values if v)
        entries.append(_entry(contact, Source.PROFILE, ref, f"{label}: {shown}", values))
    for tag in contact.tags.all():
        entries.append(_entry(contact, Source.TAGS, tag.pk, f"tagged {tag.name}", [tag.name]))
    profile = getattr(contact, "vip_developer_profile", None)
    if contact.is_vip and profile is not None:
        skills = profile.technical_skills
        entries.append(_entry(contact, Source.VIP, VIP_SKILLS, f"VIP skills: {skills}", [skills]))
        for tag in profile.tech_stack.all():
            entries.append(
                _entry(contact, Source.VIP, tag.pk, f"VIP stack: {tag.name}", [tag.name])
            )
    return entries


def _interaction_entries(
    interaction: Interaction, contact: Contact, topics: Iterable[Tag] | None = None
) -> list[Entry | None]:
    """Needs the type and the contact's owner loaded; the topics are read unless given."""
    day = timezone.localtime(interaction.occurred_at, contact.owner.zone).date()
    kind = interaction.type.name
    about = f"{kind} about {interaction.subject}" if interaction.subject else kind
    topics = [t.name for t in (interaction.topics.all() if topics is None else topics)]
    texts = [kind, interaction.subject, interaction.notes, interaction.progress_notes, *topics]
    label = f"{about}, {day:%-d %b %Y}"
    return [_entry(contact, Source.INTERACTION, interaction.pk, label, texts, day)]


def _resource_entries(resource: SharedResource, contact: Contact) -> list[Entry | None]:
    verb = "shared" if resource.direction == SharedResource.Direction.I_SHARED else "they shared"
    texts = [resource.title, resource.url, resource.notes, *(t.name for t in resource.tags.all())]
    label = f"{verb}: {resource.title}"
    return [_entry(contact, Source.RESOURCE, resource.pk, label, texts, resource.shared_on)]


def _project_entries(project: Project, contacts: Iterable[Contact]) -> list[Entry | None]:
    technologies = [t.name for t in project.technologies.all()]
    texts = [project.title, project.client, project.requirements, *technologies]
    label = f"project: {project.title}"
    return [_entry(contact, Source.PROJECT, project.pk, label, texts) for contact in contacts]


def _collaboration_entries(
    collaboration: Collaboration, people: Iterable[Person]
) -> list[Entry | None]:
    """One entry per contact among `people` (a contact with two roles has both in one entry);
    needs the tags loaded. Archived collaborations stay searchable, as closed projects do."""
    roles: dict[Contact, list[str]] = {}
    for person in people:
        roles.setdefault(person.contact, []).append(person.get_role_display())
    kind = collaboration.get_kind_display()
    tags = [t.name for t in collaboration.tags.all()]
    texts = [collaboration.title, kind, collaboration.notes, collaboration.url, *tags]
    about = COLLABORATION_LABELS.get(collaboration.kind, "collaboration “{}”")
    label = about.format(collaboration.title)
    return [
        _entry(
            contact,
            Source.COLLABORATION,
            collaboration.pk,
            f"{label} ({', '.join(r.lower() for r in shown)})",
            [*texts, *shown],
        )
        for contact, shown in roles.items()
    ]


def _write(entries: Iterable[Entry | None]) -> None:
    Entry.objects.bulk_create([e for e in entries if e is not None], batch_size=2000)


# --- One changed row ---------------------------------------------------------------------------


@transaction.atomic
def put_interaction(
    interaction: Interaction,
    contact: Contact,
    topics: Iterable[Tag] | None = None,
    created: bool = False,
) -> None:
    """After an interaction was logged or edited (also when it moved to another contact), from
    the instance just saved: `contact` is its contact (owner loaded) and `topics` its topics if
    they were just set. A new one has no entry to replace."""
    touched = {contact.pk}
    if not created:
        old = Entry.objects.filter(
            owner_id=contact.owner_id, source=Source.INTERACTION, ref=interaction.pk
        )
        touched.update(old.values_list("contact_id", flat=True))
        old.delete()
    if topics is None and created:
        topics = ()  # a new row has none yet
    _write(_interaction_entries(interaction, contact, topics))
    meaning.refresh(contact.owner_id, touched)


CHUNK = 2000


def put_interactions(owner_id: int, interaction_ids: Collection[int]) -> None:
    """Several of the owner's interactions (a renamed interaction type's), CHUNK a transaction."""
    ids = sorted(interaction_ids)
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        with transaction.atomic():
            old = Entry.objects.filter(owner_id=owner_id, source=Source.INTERACTION, ref__in=chunk)
            touched = set(old.values_list("contact_id", flat=True))
            old.delete()
            interactions = (
                Interaction.objects.filter(owner_id=owner_id, pk__in=chunk)
                .select_related("type", "contact__owner")
                .prefetch_related("topics")
            )
            touched.update(i.contact_id for i in interactions)
            _write(e for i in interactions for e in _interaction_entries(i, i.contact))
            meaning.refresh(owner_id, touched)


def remove_interaction(owner_id: int, interaction_id: int) -> None:
    _remove(owner_id, Source.INTERACTION, interaction_id)


@transaction.atomic
def put_resource(resource: SharedResource) -> None:
    resource = (
        SharedResource.objects.select_related("contact")
        .prefetch_related("tags")
        .get(pk=resource.pk)
    )
    owner_id = resource.contact.owner_id
    old = Entry.objects.filter(owner_id=owner_id, source=Source.RESOURCE, ref=resource.pk)
    touched = {*old.values_list("contact_id", flat=True), resource.contact_id}
    old.delete()
    _write(_resource_entries(resource, resource.contact))
    meaning.refresh(owner_id, touched)


def remove_resource(owner_id: int, resource_id: int) -> None:
    _remove(owner_id, Source.RESOURCE, resource_id)


@transaction.atomic
def put_project(project: Project) -> None:
    """After a project's text, technologies or people changed."""
    remove_project(project.owner_id, project.pk)
    project = Project.objects.prefetch_related("technologies").get(pk=project.pk)
    people = Contact.objects.filter(project_roles__project=project).distinct()
    _write(_project_entries(project, people))


def remove_project(owner_id: int, project_id: int) -> None:
    _remove(owner_id, Source.PROJECT, project_id)


@transaction.atomic
def put_collaboration(collaboration: Collaboration) -> None:
    """After a collaboration's text, kind, tags or people changed."""
    remove_collaboration(collaboration.owner_id, collaboration.pk)
    collaboration = Collaboration.objects.prefetch_related("tags").get(pk=collaboration.pk)
    people = collaboration.people.select_related("contact").order_by("contact_id", "id")
    _write(_collaboration_entries(collaboration, people))


def remove_collaboration(owner_id: int, collaboration_id: int) -> None:
    _remove(owner_id, Source.COLLABORATION, collaboration_id)


@transaction.atomic
def _remove(owner_id: int, source: str, ref: int) -> None:
    entries = Entry.objects.filter(owner_id=owner_id, source=source, ref=ref)
    touched = set(entries.values_list("contact_id", flat=True)) if source in meaning.KINDS else ()
    entries.delete()
    meaning.refresh(owner_id, touched)


@transaction.atomic
def put_contacts(owner, contact_ids: Collection[int], fields: Collection[str] | None = None):
    """After contacts' own fields, tags, VIP flag or VIP developer profile changed (`fields`:
    the ones written, None for any): their profile, tag and VIP entries again."""
    if fields is not None and not INDEXED_FIELDS.intersection(fields):
        return
    Entry.objects.filter(
        owner=owner, contact_id__in=contact_ids, source__in=CONTACT_SOURCES
    ).delete()
    _write(e for contact in _contacts(owner, contact_ids) for e in _contact_entries(contact))
    meaning.refresh(owner.pk, contact_ids)


def _contacts(owner, contact_ids: Collection[int]):
    return (
        Contact.objects.filter(owner=owner, pk__in=contact_ids)
        .select_related("owner", "vip_developer_profile")
        .prefetch_related("tags", "vip_developer_profile__tech_stack")
    )


# --- Whole contacts ----------------------------------------------------------------------------


@transaction.atomic
def reindex_contacts(owner, contact_ids: Collection[int]) -> int:
    """Every entry of these contacts of `owner`, from scratch; how many entries there are now."""
    ids = list(contact_ids)
    Entry.objects.filter(owner=owner, contact_id__in=ids).delete()
    contacts = {c.pk: c for c in _contacts(owner, ids)}
    entries: list[Entry | None] = []
    for contact in contacts.values():
        entries.extend(_contact_entries(contact))
    interactions = (
        Interaction.objects.filter(contact_id__in=contacts)
        .select_related("type")
        .prefetch_related("topics")
    )
    for interaction in interactions:
        entries.extend(_interaction_entries(interaction, contacts[interaction.contact_id]))
    for resource in SharedResource.objects.filter(contact_id__in=contacts).prefetch_related("tags"):
        entries.extend(_resource_entries(resource, contacts[resource.contact_id]))
    members = Member.objects.filter(contact_id__in=contacts).order_by("project_id", "contact_id")
    projects = Project.objects.filter(pk__in=members.values("project_id")).prefetch_related(
        Prefetch("technologies", queryset=Tag.objects.only("name")),
        Prefetch("members", queryset=members, to_attr="searched_members"),
    )
    for project in projects:
        people = dict.fromkeys(contacts[m.contact_id] for m in project.searched_members)
        entries.extend(_project_entries(project, people))
    roles = Person.objects.filter(contact_id__in=contacts).order_by("contact_id", "id")
    collaborations = Collaboration.objects.filter(
        pk__in=roles.values("collaboration_id")
    ).prefetch_related(
        Prefetch("tags", queryset=Tag.objects.only("name")),
        Prefetch("people", queryset=roles, to_attr="searched_people"),
    )
    for collaboration in collaborations:
        for person in collaboration.searched_people:
            person.contact = contacts[person.contact_id]
        entries.extend(_collaboration_entries(collaboration, collaboration.searched_people))
    kept = [e for e in entries if e is not None]
    _write(kept)
    meaning.refresh(owner.pk, ids)
    return len(kept)


def contacts_with_tags(owner, tag_ids: Collection[int]) -> set[int]:
    """Contacts whose entries name one of these tags, through any app's use of tags."""
    paths = (
        "tags",
        "vip_developer_profile__tech_stack",
        "interactions__topics",
        "resources__tags",
        "project_roles__project__technologies",
        "collaboration_roles__collaboration__tags",
    )
    mine = Contact.objects.filter(owner=owner)
    return {
        pk
        for path in paths
        for pk in mine.filter(**{f"{path}__in": tag_ids}).values_list("pk", flat=True)
    }


def rebuild(owner) -> tuple[int, int]:
    """Index all `owner`'s contacts again, a range of contacts per transaction (idempotent, and
    safe beside other writers: each range is replaced whole). (contacts, entries)."""
    contacts = entries = 0
    for lo, hi, _ in contact_services.contact_ranges(owner):
        ids = list(contact_services.contacts_in_range(owner, lo, hi).values_list("pk", flat=True))
        contacts += len(ids)
        entries += reindex_contacts(owner, ids)
    return contacts, entries


def tags_changing(owner, tag_ids: Collection[int]):
    """Before tags are renamed, merged or deleted: who has them now is indexed again after."""
    affected = contacts_with_tags(owner, tag_ids)
    return lambda: reindex_contacts(owner, affected) if affected else None


def drop_merged(owner, primary: Contact, others) -> None:
    """A merge's handler: the merged-away contacts' entries go (the primary is indexed again
    once the merge has moved everything onto it)."""
    Entry.objects.filter(owner=owner, contact__in=others).delete()
    VectorBlock.objects.filter(owner=owner, contact__in=others).delete()
