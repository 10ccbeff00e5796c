from django import template

from webhooks.models import Hook

register = template.Library()


@register.inclusion_tag("webhooks/settings_section.html", takes_context=True)
def webhooks_section(context: template.Context) -> dict:
    """The settings page's webhooks: how many, and a notice for each one that was disabled."""
    hooks = list(Hook.objects.for_owner(context["request"].user))
    return {
        "hook_count": len(hooks),
        "disabled_hooks": [hook for hook in hooks if not hook.is_active],
    }
