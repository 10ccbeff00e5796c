from django import template

from contacts.models import Contact
from vip import sections

register = template.Library()


@register.inclusion_tag("vip/sections.html#all", takes_context=True)
def contact_vip_sections(context, contact: Contact) -> dict:
    """The VIP sections of the contact page; nothing at all for contacts that are not VIPs."""
    if not contact.is_vip:
        return {"show": False}
    return {
        "show": True,
        "request": context["request"],
        "csrf_token": context.get("csrf_token"),
        "contact": contact,
        "sections": sections.all_sections(contact),
        "projects": contact.vip_projects.all(),
    }
