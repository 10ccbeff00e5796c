from django import template
from django.utils.html import format_html_join

from contacts.models import Contact
from projects import services
from projects.forms import MemberForm
from projects.models import Member, Project, project_label

register = template.Library()


@register.inclusion_tag("projects/contact_section.html", takes_context=True)
def contact_projects(context, contact: Contact) -> dict:
    """The contact page's "Freelance projects" card: their part in each project and, for a
    client, what they paid and still owe, per currency."""
    roles = list(
        Member.objects.filter(contact=contact)
        .select_related("project")
        .order_by("project__title", "project_id", "role")
    )
    is_client = any(r.role == Member.Role.CLIENT for r in roles)
    owner = context["request"].user
    open_projects = Project.objects.for_owner(owner).still_open().order_by("title", "id")
    # The "add to project" menu, drawn here from plain rows: a busy freelancer has hundreds.
    rows = open_projects.values_list("code", "title", "client")
    options = format_html_join(
        "",
        '<option value="{}">{}</option>',
        ((code, project_label(title, client)) for code, title, client in rows),
    )
    return {
        "contact": contact,
        "roles": roles,
        "money": services.client_totals(contact) if is_client else None,
        # The template draws the project menu from this list and the role menu from the form.
        "form": MemberForm(owner=owner, contact=contact),
        "project_options": options,
    }
