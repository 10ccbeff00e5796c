from django import template

from contacts.models import Contact
from embeddings import encoder
from interactions.models import Interaction

register = template.Library()


@register.inclusion_tag("search/similar_placeholder.html")
def contact_similar_people(contact: Contact) -> dict:
    """The contact page's "Similar people" card, loaded when it scrolls into view; nothing when
    embeddings are switched off."""
    return {"contact": contact, "shown": encoder.enabled()}


@register.inclusion_tag("search/talked_placeholder.html")
def interaction_talked_about(interaction: Interaction) -> dict:
    """ "Who have I talked to about this?" under an interaction, loaded when scrolled to."""
    return {"interaction": interaction, "shown": encoder.enabled()}
