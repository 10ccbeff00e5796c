"""What happens when someone adds themselves through a Quick Connect code, or is added in
conference mode."""

import datetime as dt
import logging
import uuid
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from contacts import services as contact_services
from contacts.forms import tags_for_names
from contacts.models import Contact, Event, Tag
from contacts.validators import normalize_linkedin_url
from history.sources import QUICK_CONNECT, changes_by
from interactions import services as interaction_services
from interactions.models import InteractionType
from quickconnect.models import Notification, QuickConnectCode, Submission
from webhooks import payloads as webhook_payloads
from webhooks import services as webhooks
from webhooks.models import Event as WebhookEvent

log = logging.getLogger(__name__)
MET_TYPE = "conference_chat"


class CodeUnavailable(Exception):
    """The code stopped accepting people (expired, revoked or used up) before this submit."""


@dataclass
class Outcome:
    contact: Contact
    matched_existing: bool
    duplicate_submit: bool = False


def event_label(quick_code: QuickConnectCode) -> str:
    return quick_code.title


def event_named(owner, name: str, location: str = "") -> Event:
    """The owner's event of that name, whatever its case ("pycon 2026" is "PyCon 2026"), or a
    new one: a code made for a typed event name puts everyone who signs up in a real event."""
    name = " ".join(name.split())
    existing = (
        Event.objects.for_owner(owner).filter(name__iexact=name).order_by("created_at").first()
    )
    return existing or Event.objects.create(owner=owner, name=name, location=location)


def link_typed_event(quick_code: QuickConnectCode) -> None:
    """A code with a typed event name gets that event, and the name gives way to it. Done when
    the code is made, and at a sign-up for a code made elsewhere (the admin)."""
    if quick_code.event_id is not None or not quick_code.event_name:
        return
    quick_code.event = event_named(quick_code.owner, quick_code.event_name, quick_code.location)
    quick_code.event_name = ""
    if quick_code.pk is not None:
        quick_code.save(update_fields=["event", "event_name"])


def find_existing(owner, email: str, github: str, linkedin: str) -> Contact | None:
    """The owner's contact with the same e-mail, GitHub username or LinkedIn profile, if any."""
    match = Q()
    if email:
        match |= Q(email__iexact=email)
    if github:
        match |= Q(github_username__iexact=github)
    if linkedin:
        match |= _same_linkedin(linkedin)
    if not match:
        return None
    return Contact.objects.for_owner(owner).filter(match).order_by("created_at").first()


def _same_linkedin(url: str) -> Q:
    """The same profile whether written with or without www, https or a trailing slash."""
    parts = urlsplit(normalize_linkedin_url(url))
    host = parts.netloc.lower().removeprefix("www.")
    path = parts.path.rstrip("/")
    if not path:
        return Q()
    match = Q()
    for scheme in ("https", "http"):
        for prefix in ("", "www."):
            for end in ("", "/"):
                match |= Q(linkedin_url__iexact=f"{scheme}://{prefix}{host}{path}{end}")
    return match


def _tag_for_event(owner, label: str) -> Tag:
    """The tag named after the event; a new (or still unused) one becomes an event tag.

    Tag names are typed comma-separated, so a comma in the event's name is dropped: kept, it
    would split the tag in two the next time the contact's form is saved.
    """
    name = " ".join(label.replace(",", " ").split())[:50].strip()
    event_tag = tags_for_names(owner, [name])[0]
    if event_tag.kind != Tag.Kind.EVENT and not event_tag.contacts.exists():
        event_tag.kind = Tag.Kind.EVENT
        event_tag.save(update_fields=["kind"])
    return event_tag


def _event_tag(owner, quick_code: QuickConnectCode) -> list[Tag]:
    tags = list(quick_code.tags.all())
    if quick_code.event or quick_code.event_name:
        tags.append(_tag_for_event(owner, event_label(quick_code)))
    return tags


def _log_meeting(contact: Contact, text: str, note: str) -> None:
    met_type = InteractionType.objects.for_owner(contact.owner).get(builtin_key=MET_TYPE)
    interaction = met_type.interactions.model(
        contact=contact, type=met_type, subject=text[:200], notes=note
    )
    interaction_services.save_interaction(interaction)


@changes_by(QUICK_CONNECT)
def submit(quick_code: QuickConnectCode, form_id: uuid.UUID, data: dict) -> Outcome:
    """Create (or update) the contact behind one public submission, exactly once.

    The use is claimed with a conditional UPDATE, so two phones racing for the last use of a
    code cannot both get in, and a code that expired after the form was opened is refused.
    """
    owner = quick_code.owner
    with transaction.atomic():
        previous = Submission.objects.filter(quick_code=quick_code, form_id=form_id).first()
        if previous and previous.contact:
            return Outcome(previous.contact, previous.matched_existing, duplicate_submit=True)
        claimed = (
            QuickConnectCode.objects.usable().filter(pk=quick_code.pk).update(uses=F("uses") + 1)
        )
        if not claimed:
            raise CodeUnavailable
        link_typed_event(quick_code)
        contact = find_existing(owner, data["email"], data["github_username"], data["linkedin_url"])
        label = event_label(quick_code)
        if contact:
            _fill_blanks(contact, data)
            meeting = f"Met again at {label}"
        else:
            contact = contact_services.save_contact(
                Contact(
                    owner=owner,
                    name=data["name"],
                    email=data["email"],
                    phone=data.get("phone", ""),
                    github_username=data["github_username"],
                    linkedin_url=data["linkedin_url"],
                    company=data.get("company", ""),
                    location=data.get("location", ""),
                    website_url=data.get("website_url", ""),
                    notes=data.get("about", ""),
                    source=Contact.Source.QUICK_CONNECT,
                    source_detail=", ".join(p for p in (label, quick_code.session) if p)[:200],
                )
            )
            meeting = f"Met at {label}"
        contact_services.set_tags(contact, _event_tag(owner, quick_code), keep=True)
        if quick_code.event:
            contact.events.add(quick_code.event)
        _log_meeting(contact, meeting, data.get("note", ""))
        try:
            with transaction.atomic():
                Submission.objects.create(
                    quick_code=quick_code,
                    contact=contact,
                    form_id=form_id,
                    matched_existing=meeting.startswith("Met again"),
                )
        except IntegrityError:
            # The same form arrived twice at once: undo this copy, keep the first.
            transaction.set_rollback(True)
            first = Submission.objects.get(quick_code=quick_code, form_id=form_id)
            return Outcome(first.contact, first.matched_existing, duplicate_submit=True)
        notify_owner(quick_code, contact, meeting)
        matched = meeting.startswith("Met again")
        webhooks.emit(
            owner,
            WebhookEvent.QUICKCONNECT_SIGNUP,
            lambda: webhook_payloads.quickconnect_signup(quick_code, contact, matched),
        )
    return Outcome(contact, matched)


def _fill_blanks(contact: Contact, data: dict) -> None:
    """An existing contact gains what it lacked; nothing the owner wrote is overwritten."""
    fields = {
        "email": data["email"],
        "phone": data.get("phone", ""),
        "github_username": data["github_username"],
        "linkedin_url": data["linkedin_url"],
        "company": data.get("company", ""),
        "location": data.get("location", ""),
        "website_url": data.get("website_url", ""),
    }
    changed = [name for name, value in fields.items() if value and not getattr(contact, name)]
    for name in changed:
        setattr(contact, name, fields[name])
    if changed:
        contact_services.save_contact(contact, changed)


def notify_owner(quick_code: QuickConnectCode, contact: Contact, what: str) -> None:
    """An in-app notification, and an e-mail if the owner asked for one (after commit)."""
    owner = quick_code.owner
    title = f"{contact.name} added themselves via Quick Connect"
    Notification.objects.create(owner=owner, title=title, body=what, contact=contact)
    if owner.quick_connect_emails and owner.email:
        body = f"{what}." + (f"\nPhone: {contact.phone}" if contact.phone else "")
        transaction.on_commit(lambda: _email_owner(owner.email, title, body))


def _email_owner(address: str, title: str, body: str) -> None:
    try:
        send_mail(title, f"{body}\n\nOpen DevHub CRM to see them.", None, [address])
    except Exception:  # a mail outage must not undo or fail the submission
        log.exception("Quick Connect notification e-mail failed")


@changes_by(QUICK_CONNECT)
def conference_add(owner, event: Event, name: str, note: str, tag_names: list[str]) -> Contact:
    """Conference mode: you add someone yourself in seconds, with the event filled in."""
    with transaction.atomic():
        contact = contact_services.save_contact(
            Contact(
                owner=owner,
                name=name,
                source=Contact.Source.CONFERENCE,
                source_detail=event.name[:200],
            )
        )
        event_tag = _tag_for_event(owner, event.name)
        contact_services.set_tags(
            contact, [*tags_for_names(owner, tag_names), event_tag], keep=True
        )
        contact.events.add(event)
        _log_meeting(contact, f"Met at {event.name}", note)
    return contact


def extend(quick_code: QuickConnectCode, hours: int = 24) -> None:
    base = max(quick_code.expires_at, timezone.now())
    quick_code.expires_at = base + dt.timedelta(hours=hours)
    quick_code.save(update_fields=["expires_at"])


def revoke(quick_code: QuickConnectCode) -> bool:
    updated = QuickConnectCode.objects.filter(pk=quick_code.pk, revoked_at=None).update(
        revoked_at=timezone.now()
    )
    return bool(updated)
