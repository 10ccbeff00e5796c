from django import template

from accounts import views

register = template.Library()


@register.inclusion_tag("accounts/_invites.html", takes_context=True)
def invites_section(context: template.Context) -> dict:
    """The settings page's invitations: listed with their status, made and revoked in place."""
    request = context["request"]
    return {
        **views.invites_section(request),
        "request": request,
        "csrf_token": context.get("csrf_token"),
    }
