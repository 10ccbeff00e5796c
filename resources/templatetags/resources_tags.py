from django import template

from contacts.models import Contact

register = template.Library()


@register.inclusion_tag("resources/contact_resources.html")
def contact_resources(contact: Contact) -> dict:
    """The contact page's "shared resources" section, both directions, newest first."""
    return {"contact": contact, "resources": contact.resources.prefetch_related("tags")}
