from django.conf import settings
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from accounts import signup as signup_rules


def signup(request: HttpRequest) -> dict:
    """`signup_is_open` for the links to the sign-up page (asked only by pages that show one),
    and `signup_mode` (the SIGNUP setting)."""
    return {
        "signup_is_open": SimpleLazyObject(signup_rules.is_open),
        "signup_mode": settings.SIGNUP,
    }
