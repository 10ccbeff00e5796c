"""What a webhook says about each kind of object: the REST API's answer for it (api/schemas.py,
so an object has one shape whether a script reads it or a hook hears of it), plus `url`, its
page in the app.

The emitting services pass objects, never dicts."""

from typing import Any

from django.conf import settings
from django.urls import reverse

from api.schemas import ContactOut, InteractionOut, ReminderOut


def _url(name: str, *args) -> str:
    return settings.SITE_URL + reverse(name, args=args)


def contact(contact) -> dict[str, Any]:
    data = ContactOut.of(contact).model_dump(mode="json")
    return data | {"url": _url("contacts:detail", contact.code)}


def interaction(interaction) -> dict[str, Any]:
    data = InteractionOut.model_validate(interaction).model_dump(mode="json")
    return data | {"url": _url("interactions:detail", interaction.code)}


def reminder(reminder) -> dict[str, Any]:
    return ReminderOut.model_validate(reminder).model_dump(mode="json") | {
        "url": _url("reminders:list")
    }


def quickconnect_signup(quick_code, contact_, matched_existing: bool) -> dict[str, Any]:
    return {
        "contact": contact(contact_),
        "matched_existing": matched_existing,
        "quick_connect": {
            "code": str(quick_code.code),
            "title": quick_code.title,
            "event": quick_code.event.name if quick_code.event else quick_code.event_name,
            "session": quick_code.session,
        },
    }


def ping(hook) -> dict[str, Any]:
    return {
        "message": "A test event from DevHub CRM.",
        "hook": {"code": str(hook.code), "events": list(hook.events)},
    }
