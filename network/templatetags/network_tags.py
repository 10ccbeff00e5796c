from django import template

from contacts.models import Contact

register = template.Library()


@register.inclusion_tag("network/introductions_placeholder.html")
def contact_introductions(contact: Contact) -> dict:
    """The contact page's "People they should meet" card, loaded when it scrolls into view."""
    return {"contact": contact}
