"""Sections of the contact page that belong to interactions (the contacts app stays unaware)."""

from django import template

from contacts.models import Contact
from interactions import rows, services
from interactions.forms import QuickLogForm

register = template.Library()


@register.inclusion_tag("interactions/quick_log.html#quick-log-card", takes_context=True)
def contact_quick_log(context, contact: Contact) -> dict:
    request = context["request"]
    return {
        "request": request,
        "csrf_token": context.get("csrf_token"),
        "contact": contact,
        "quick_form": QuickLogForm(owner=request.user, prefix="quick"),
        "on_contact_page": True,
    }


@register.inclusion_tag("interactions/timeline.html#section")
def contact_timeline(contact: Contact) -> dict:
    page, entries, last_month = services.timeline_page(contact, 1)
    return {"contact": contact, "page": page, "entries": entries, "last_month": last_month}


@register.inclusion_tag("interactions/mentorship.html")
def contact_mentorship(contact: Contact) -> dict:
    return {"contact": contact, "mentorship": services.mentorship_summary(contact)}


@register.simple_tag
def timeline_entry(interaction, standalone: bool = False):
    """`{% timeline_entry interaction standalone %}`: one entry of the timeline (rows.entry)."""
    return rows.entry(interaction, bool(standalone))
