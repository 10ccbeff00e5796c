from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from twofactor import services

# Pages a user without a second factor can still reach when one is required.
EXEMPT_PREFIXES = ("/accounts/2fa/", "/accounts/logout/", "/static/", "/sw.js", "/healthz")


class RequireTwoFactorMiddleware:
    """With REQUIRE_TWO_FACTOR on, a logged-in user without a second factor is sent to set one
    up, whatever page they ask for (except that page, logging out and the site's plumbing)."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        if (
            settings.REQUIRE_TWO_FACTOR
            and request.user.is_authenticated
            and not request.path.startswith(EXEMPT_PREFIXES)
            and not request.path.startswith("/" + settings.STATIC_URL.lstrip("/"))
            and not services.has_second_factor(request.user)
        ):
            url = reverse("twofactor:index")
            if request.headers.get("HX-Request"):
                return HttpResponse(status=204, headers={"HX-Redirect": url})
            return redirect(url)
        return self.get_response(request)
