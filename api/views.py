from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_http_methods

from api import services
from api.forms import TokenForm
from api.models import ApiToken, get_token_for_user
from devhub.lib.http import AuthedRequest
from devhub.lib.views import confirm_delete, redirect_after_post, render_page

# A new token's secret waits here for the page after the redirect, which shows it once.
NEW_SECRET = "api_new_token"


@login_required
@require_http_methods(["GET", "POST"])
def tokens(request: AuthedRequest) -> HttpResponse:
    """The account's API tokens and the form for a new one. A new token's secret is kept only
    until the page after the redirect has shown it (only its hash is stored)."""
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        token, secret = services.create_token(
            request.user,
            name=form.cleaned_data["name"],
            scope=form.cleaned_data["scope"],
            expires_at=form.expires_at,
        )
        request.session[NEW_SECRET] = secret
        messages.success(request, f"Created the token “{token.name}”.")
        return redirect_after_post(request, reverse("api:tokens"))
    context = {
        "form": form,
        "secret": request.session.pop(NEW_SECRET, "") if request.method == "GET" else "",
        "tokens": ApiToken.objects.for_owner(request.user),
        "docs_url": reverse("api-1:openapi-view"),
    }
    status = 422 if form.errors else 200
    response = render_page(request, "api/tokens.html", context, "token-form", status=status)
    add_never_cache_headers(response)  # the secret must not stay in a cache
    return response


@login_required
@require_http_methods(["GET", "POST"])
def revoke(request: AuthedRequest, code) -> HttpResponse:
    token = get_token_for_user(request.user, code)
    if request.method == "GET":
        return confirm_delete(
            request,
            title=f"Revoke the token “{token.name}”?",
            consequence="Scripts and tools using it get “401 Unauthorized” from now on. "
            "This cannot be undone; create a new token to give them access again.",
            cancel_url=reverse("api:tokens"),
            action="Revoke",
        )
    if services.revoke(token):
        messages.success(request, f"Revoked the token “{token.name}”.")
    else:
        messages.info(request, f"The token “{token.name}” was already revoked.")
    return redirect("api:tokens")
