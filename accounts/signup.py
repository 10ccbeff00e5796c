"""Who may create an account (the SIGNUP setting): one rule for the sign-up page, the log-in
page's link and the navigation."""

from django.conf import settings

from accounts.models import User


def is_open() -> bool:
    """Anyone may sign up: SIGNUP is "open", or the install has no account yet (its first
    account is always possible, whatever the setting, or nobody could ever get in)."""
    return settings.SIGNUP == "open" or not User.objects.exists()
