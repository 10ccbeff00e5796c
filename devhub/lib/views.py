"""Small view helpers every app uses, so the HTMX conventions live in one place."""

from urllib.parse import urlsplit

from django.http import HttpResponse
from django.shortcuts import redirect, render
from django_htmx.http import HttpResponseClientRedirect, HttpResponseClientRefresh

from devhub.lib.http import AuthedRequest, is_htmx_fragment


def render_page(
    request: AuthedRequest, template: str, context: dict, partial: str, status: int = 200
) -> HttpResponse:
    """The whole page, or only `template#partial` when HTMX asks for a fragment."""
    name = f"{template}#{partial}" if is_htmx_fragment(request) else template
    return render(request, name, context, status=status)


def redirect_after_post(request: AuthedRequest, url: str) -> HttpResponse:
    """After a successful POST: a normal redirect, or HTMX's client-side one. A form drawn
    inside the page it returns to (only the #fragment differs) reloads that page instead: the
    browser would only scroll to the fragment."""
    if not request.htmx:
        return redirect(url)
    if urlsplit(request.htmx.current_url or "").path == urlsplit(url).path:
        return HttpResponseClientRefresh()
    return HttpResponseClientRedirect(url)


def confirm_delete(
    request: AuthedRequest,
    *,
    title: str,
    consequence: str,
    cancel_url: str,
    action: str = "Delete",
    danger: bool = True,
) -> HttpResponse:
    """The confirmation step before anything is deleted, or before another step that asks first
    (logging a browser out, restoring an old version): `action` names the button, `danger` makes
    it red. Its form posts back to the same URL."""
    context = {
        "title": title,
        "consequence": consequence,
        "cancel_url": cancel_url,
        "action": action,
        "danger": danger,
    }
    return render_page(request, "confirm_delete.html", context, "confirm")
