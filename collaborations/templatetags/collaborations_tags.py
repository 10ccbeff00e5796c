from django import template

from collaborations import board
from collaborations.models import Collaboration, Person
from contacts.models import Contact

register = template.Library()


@register.inclusion_tag("collaborations/contact_card.html")
def contact_collaborations(contact: Contact) -> dict:
    """The contact page's cards: "Projects you share" (open-source projects, with your role and
    theirs and the repository) and "Collaborations" (their part in everything else of yours)."""
    roles = (
        Person.objects.filter(contact=contact)
        .select_related("collaboration")
        .order_by("collaboration__title", "collaboration_id", "role")
    )
    shared, others = [], []
    for role in roles:
        (shared if role.collaboration.is_open_source else others).append(role)
    return {"shared": shared, "roles": others}


@register.filter
def facts(collaboration: Collaboration):
    """A list row's people and date, as its board card shows them."""
    names = [p.contact.name for p in collaboration.people.all()]
    return board.facts(names, collaboration.published_on, collaboration.target_on)
