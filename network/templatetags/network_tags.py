from django import template

from contacts.models import Contact
from network import introductions

register = template.Library()


@register.inclusion_tag("network/introductions.html")
def contact_introductions(contact: Contact) -> dict:
    """The contact page's "People they should meet" card."""
    return introductions.section(contact)
