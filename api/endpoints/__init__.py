"""The API's endpoints, one module per part of the app. Each fetches through the same
owner-scoped helpers as the pages (another user's code is a 404), checks input with the same
forms and writes through the same services."""

from django.http import HttpRequest, QueryDict

from accounts.models import User


def owner(request: HttpRequest) -> User:
    """The user the request acts for (the token's owner, or the logged-in user)."""
    return request.auth


def next_link(request: HttpRequest, cursor: str | None) -> str | None:
    if cursor is None:
        return None
    query: QueryDict = request.GET.copy()
    query["cursor"] = cursor
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


def filter_data(request: HttpRequest, *also: str) -> QueryDict:
    """The query string for a list page's filter form: the API's own parameters (and `also`)
    taken out."""
    data = request.GET.copy()
    for name in ("limit", "cursor", *also):
        data.pop(name, None)
    return data
