from django import template

from collaborations.models import Person
from contacts.models import Contact

register = template.Library()


@register.inclusion_tag("collaborations/contact_card.html")
def contact_collaborations(contact: Contact) -> dict:
    """The contact page's "Collaborations" card: their part in each of yours."""
    roles = (
        Person.objects.filter(contact=contact)
        .select_related("collaboration")
        .order_by("collaboration__title", "collaboration_id", "role")
    )
    return {"roles": list(roles)}
