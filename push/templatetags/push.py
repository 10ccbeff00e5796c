from django import template

from push import vapid
from push.models import PushSubscription

register = template.Library()


@register.simple_tag(takes_context=True)
def push_devices(context) -> list[PushSubscription]:
    """The signed-in user's devices with push reminders, for the settings section."""
    return list(PushSubscription.objects.for_owner(context["request"].user))


@register.simple_tag
def push_public_key() -> str:
    """The key browsers bind their subscriptions to (made on first use if none is configured)."""
    return vapid.key_pair()[1]
