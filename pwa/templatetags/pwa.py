from django import template

from pwa.account import account_marker
from pwa.views import THEME_COLOURS

register = template.Library()


@register.inclusion_tag("pwa/head.html", takes_context=True)
def pwa_head(context, shell: bool = False) -> dict:
    """The installable app's part of every page's <head>. A shell page (kept by the service
    worker, the same for everyone) does not say who is signed in."""
    user = context.get("user")
    signed_in = not shell and user is not None and user.is_authenticated
    return {
        "shell": shell,
        "account": account_marker(user) if signed_in else "",
        "theme_colours": THEME_COLOURS,
    }
