from django import template

from contacts.models import Contact
from projects import services
from projects.models import Member

register = template.Library()


@register.inclusion_tag("projects/contact_section.html")
def contact_projects(contact: Contact) -> dict:
    """The contact page's "Freelance projects" card: their part in each project and, for a
    client, what they paid and still owe, per currency."""
    roles = list(
        Member.objects.filter(contact=contact)
        .select_related("project")
        .order_by("project__title", "project_id", "role")
    )
    is_client = any(r.role == Member.Role.CLIENT for r in roles)
    return {"roles": roles, "money": services.client_totals(contact) if is_client else None}
