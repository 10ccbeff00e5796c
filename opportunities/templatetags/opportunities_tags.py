from django import template

from contacts.models import Contact
from opportunities.models import Participant, RecruiterNotes

register = template.Library()


@register.inclusion_tag("opportunities/contact_section.html")
def contact_opportunities(contact: Contact) -> dict:
    """The contact page's "Job opportunities" card, and recruiter notes for recruiters."""
    roles = Participant.objects.filter(contact=contact).select_related("opportunity")
    is_recruiter = contact.relationship == Contact.Relationship.RECRUITER or any(
        r.role == Participant.Role.RECRUITER for r in roles
    )
    return {
        "contact": contact,
        "roles": roles,
        "is_recruiter": is_recruiter,
        "recruiter": RecruiterNotes.objects.filter(contact=contact).first(),
    }
