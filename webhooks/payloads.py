"""What a webhook says about each kind of object: plain JSON, shaped like the REST API's answers
(`id` is the object's public UUID, dates and times in ISO 8601) plus `url`, its page in the app.

The one place these shapes are written; the emitting services pass objects, never dicts."""

import datetime as dt
from typing import Any

from django.conf import settings
from django.urls import reverse


def _iso(value: dt.date | dt.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _url(name: str, code) -> str:
    return settings.SITE_URL + reverse(name, args=[code])


def contact(contact) -> dict[str, Any]:
    return {
        "id": str(contact.code),
        "name": contact.name,
        "email": contact.email,
        "phone": contact.phone,
        "company": contact.company,
        "job_title": contact.job_title,
        "relationship": contact.relationship,
        "location": contact.location,
        "github_username": contact.github_username,
        "linkedin_url": contact.linkedin_url,
        "website_url": contact.website_url,
        "source": contact.source,
        "status": contact.status,
        "importance": contact.importance,
        "is_vip": contact.is_vip,
        "is_archived": contact.is_archived,
        "tags": sorted(tag.name for tag in contact.tags.all()),
        "last_contacted": _iso(contact.last_contacted),
        "check_in_on": _iso(contact.check_in_on),
        "created_at": _iso(contact.created_at),
        "updated_at": _iso(contact.updated_at),
        "url": _url("contacts:detail", contact.code),
    }


def contact_summary(contact) -> dict[str, Any]:
    """A contact as part of another object (an interaction, a reminder)."""
    return {
        "id": str(contact.code),
        "name": contact.name,
        "url": _url("contacts:detail", contact.code),
    }


def interaction(interaction) -> dict[str, Any]:
    return {
        "id": str(interaction.code),
        "contact": contact_summary(interaction.contact),
        "type": interaction.type.name,
        "occurred_at": _iso(interaction.occurred_at),
        "subject": interaction.subject,
        "notes": interaction.notes,
        "outcome": interaction.outcome,
        "follow_up_on": _iso(interaction.follow_up_on),
        "created_at": _iso(interaction.created_at),
        "url": _url("interactions:detail", interaction.code),
    }


def reminder(reminder) -> dict[str, Any]:
    return {
        "id": str(reminder.code),
        "title": reminder.title,
        "kind": reminder.kind,
        "due_on": _iso(reminder.due_on),
        "snoozed_until": _iso(reminder.snoozed_until),
        "effective_due": _iso(reminder.effective_due),
        "notes": reminder.notes,
        "contact": contact_summary(reminder.contact) if reminder.contact else None,
        "url": settings.SITE_URL + reverse("reminders:list"),
    }


def quickconnect_signup(quick_code, contact_, matched_existing: bool) -> dict[str, Any]:
    return {
        "contact": contact(contact_),
        "matched_existing": matched_existing,
        "code": {
            "id": str(quick_code.code),
            "title": quick_code.title,
            "event": quick_code.event.name if quick_code.event else quick_code.event_name,
            "session": quick_code.session,
        },
    }


def ping(hook) -> dict[str, Any]:
    return {
        "message": "A test event from DevHub CRM.",
        "hook": {"id": str(hook.code), "events": list(hook.events)},
    }
