from django import template

from contacts import rows

register = template.Library()


@register.simple_tag
def contact_row(contact, list_url: str):
    """`{% contact_row contact list_url %}`: a row of the contacts list (contacts.rows)."""
    return rows.row(contact, list_url)
