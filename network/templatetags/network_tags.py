from django import template

from contacts.models import Contact
from network import drawing

register = template.Library()


@register.inclusion_tag("network/introductions_placeholder.html")
def contact_introductions(contact: Contact) -> dict:
    """The contact page's "People they should meet" card, loaded when it scrolls into view."""
    return {"contact": contact}


@register.simple_tag
def stack_map_drawing(stack_map):
    """`{% stack_map_drawing map %}`: the stack map's `<svg>` (network.drawing)."""
    return drawing.drawing(stack_map)


@register.simple_tag
def stack_map_rows(stack_map):
    """`{% stack_map_rows map %}`: the rows of the stack map's table (network.drawing)."""
    return drawing.table_rows(stack_map)
