from django import template
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html

from contacts.models import Contact
from embeddings.encoder import enabled
from suggestions.models import shown_for

register = template.Library()


@register.inclusion_tag("suggestions/contact_section.html", takes_context=True)
def contact_suggestions(context, contact: Contact) -> dict:
    """The contact page's openers, while the contact needs attention (none when suggestions are
    switched off)."""
    today = timezone.localdate()
    shown = []
    # One indexed query whatever the contact's status (it applies the needs-attention rule), so
    # the page costs the same for every contact.
    if enabled():
        owner = context["request"].user
        shown = shown_for(owner, [contact], today, waiting_only=True).get(contact.pk, [])
    back = reverse("contacts:detail", args=[contact.code])
    return {"suggestions": shown, "back": back, "csrf_token": context.get("csrf_token")}


@register.simple_tag
def contact_brief_link(contact: Contact) -> str:
    url = reverse("suggestions:brief", args=[contact.code])
    return format_html('<a href="{}" class="btn btn-sm">Meeting brief</a>', url)
