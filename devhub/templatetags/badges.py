"""A contact's relationship-status badge, drawn in Python: every list shows one per row, and an
included template per row cost more than the rest of the row."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag
def status_badge(contact, size: str = "", badge_id: str = "", oob: bool = False) -> str:
    """Colour plus text, never colour alone; `badge_id` and `oob` for HTMX out-of-band updates."""
    return format_html(
        '<span{}{} class="badge {} whitespace-nowrap {}">{}</span>',
        format_html(' id="{}"', badge_id) if badge_id else "",
        mark_safe(' hx-swap-oob="true"') if oob else "",
        size,
        contact.status_badge_class,
        contact.get_status_display(),
    )
