"""Every page is private unless listed in PUBLIC_PATHS: a new view that forgets login fails here."""

import re
import uuid
from collections.abc import Iterator
from urllib.parse import urlencode

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from django.urls.resolvers import RegexPattern, RoutePattern

pytestmark = pytest.mark.django_db

PUBLIC_PATHS = {
    "/accounts/signup/",
    "/accounts/login/",
    "/healthz",
    "/sw.js",
    # The installable app's manifest and the service worker's offline pages: the same for
    # everyone, no user data (the worker keeps them, and fetches them without cookies).
    "/manifest.webmanifest",
    "/offline/",
    "/capture/",
    "/admin/login/",
    # Password reset by e-mail: for people who cannot log in.
    "/accounts/password/reset/",
    "/accounts/password/reset/sent/",
    "/accounts/password/reset/sample/sample/",
    "/accounts/password/reset/done/",
    # The API's description and its documentation page: no user data.
    "/api/v1/openapi.json",
    "/api/v1/docs",
}
# Public steps of logging in, not pages of their own: the second step (without a password step
# before it, it sends back to the log-in page) and the passkey log-in's JSON (POST only).
PUBLIC_STEPS = {
    "/accounts/2fa/verify/": 302,
    "/accounts/2fa/passkeys/auth/options/": 405,
    "/accounts/2fa/passkeys/auth/": 405,
}
# Public by secret token: answered without a session, 404 for an unknown token.
TOKEN_PATHS = {
    "reminders/calendar/<str:token>.ics",
    "q/<str:token>/",
    "q/<str:token>/thanks/",
    "accounts/signup/<str:token>/",
}

CONVERTER_SAMPLES = {"int": "1", "slug": "sample", "str": "sample", "path": "sample"}
# The API answers anonymous requests with a 401 problem document, not the log-in page (scripts
# cannot log in); its addresses that do not exist are a 404 problem for anyone.
API_PREFIX = "/api/v1/"
API_UNKNOWN = {"api/v1/", "api/v1/<path:rest>"}
ROUTE_PARAM = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")
# Named groups, and unnamed ones (django-simple-history's admin pages use `([^/]+)`).
REGEX_GROUP = re.compile(r"\((?:\?P<(?P<name>\w+)>)?(?P<body>[^()]*)\)")


def sample_route(route: str) -> str:
    def fill(match: re.Match) -> str:
        converter = match["converter"] or "str"
        assert converter in {*CONVERTER_SAMPLES, "uuid", "uuidstr"}, (
            f"add a sample for <{converter}:>"
        )
        if converter in {"uuid", "uuidstr"}:  # uuidstr: django-ninja's
            return str(uuid.uuid4())
        return CONVERTER_SAMPLES[converter]

    return ROUTE_PARAM.sub(fill, route)


def sample_regex(regex: str) -> str:
    def fill(match: re.Match) -> str:
        body = match["body"]
        return body.split("|")[0] if "|" in body else "sample"

    return REGEX_GROUP.sub(fill, regex).lstrip("^").rstrip("$")


def sample_piece(pattern: RoutePattern | RegexPattern) -> str:
    if isinstance(pattern, RoutePattern):
        return sample_route(str(pattern))
    return sample_regex(str(pattern))


def every_url(
    resolver: URLResolver | None = None, prefix: str = "/", label: str = ""
) -> Iterator[tuple[str, str, URLPattern]]:
    """(sample path, readable pattern, endpoint) for every endpoint the project serves."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        path = prefix + sample_piece(entry.pattern)
        readable = label + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from every_url(entry, path, readable)
        else:
            yield path, readable or "<root>", entry


URLS = list(every_url())
PRIVATE = [
    (path, readable, endpoint)
    for path, readable, endpoint in URLS
    if path not in PUBLIC_PATHS
    and path not in PUBLIC_STEPS
    and readable not in TOKEN_PATHS
    and readable not in API_UNKNOWN
]
PRIVATE_URLS = [(path, endpoint) for path, _, endpoint in PRIVATE]
PRIVATE_IDS = [readable for _, readable, _ in PRIVATE]


def login_redirects(path: str) -> set[str]:
    """Where an anonymous visitor to path may be sent: the project's log-in page, and for the
    admin site's own views (index, logout, ...) Django's admin log-in, which Django picks itself."""
    query = urlencode({"next": path}, safe="/")
    allowed = {f"{reverse('accounts:login')}?{query}"}
    if path.startswith(reverse("admin:index")):
        allowed.add(f"{reverse('admin:login')}?{query}")
    return allowed


def test_the_walk_finds_the_apps_and_the_public_pages():
    paths = {path for path, _, _ in URLS}

    assert paths >= PUBLIC_PATHS
    assert reverse("contacts:list") in paths
    assert reverse("accounts:password_change") in paths
    assert reverse("admin:index") in paths
    assert any(p.startswith("/contacts/") and p.endswith("/edit/") for p in paths)


@pytest.mark.parametrize(("path", "endpoint"), PRIVATE_URLS, ids=PRIVATE_IDS)
def test_every_private_url_sends_anonymous_users_to_log_in(client, path, endpoint):
    # The sample path must reach the endpoint it was built from, or this test proves nothing.
    assert resolve(path).func == endpoint.callback

    if path.startswith(API_PREFIX):
        # 401 for the method(s) the address takes; 405 (before any login) for the other.
        answers = [client.get(path), client.post(path)]
        assert {r["Content-Type"] for r in answers} == {"application/problem+json"}, path
        assert sorted(r.status_code for r in answers) in ([401, 401], [401, 405]), path
        return
    for method in (client.get, client.post):
        response = method(path)
        assert response.status_code == 302, f"{method.__name__.upper()} {path}"
        assert response.url in login_redirects(path), f"{method.__name__.upper()} {path}"


@pytest.mark.parametrize("path", sorted(PUBLIC_PATHS))
def test_public_pages_open_without_a_login(client, path):
    assert client.get(path).status_code == 200


@pytest.mark.parametrize("path", sorted(PUBLIC_STEPS))
def test_log_in_steps_answer_without_a_login(client, path):
    response = client.get(path)

    assert response.status_code == PUBLIC_STEPS[path]
    if response.status_code == 302:
        assert response.url == reverse("accounts:login")  # no ?next=: not a private page
    assert client.post(path).status_code < 500


def test_app_pages_use_the_project_log_in_page(client):
    contacts = reverse("contacts:list")

    response = client.get(contacts)

    assert response.url == f"{reverse('accounts:login')}?next={contacts}"


def test_home_is_the_dashboard_for_a_logged_in_user(alice_client):
    response = alice_client.get("/")

    assert response.status_code == 200
    assert "Welcome to DevHub CRM, alice" in response.content.decode()


def test_home_is_get_only(alice_client):
    assert alice_client.post("/").status_code == 405


@pytest.mark.parametrize("readable", sorted(API_UNKNOWN))
def test_unknown_api_addresses_are_a_404_problem_for_anyone(client, readable):
    path = next(path for path, label, _ in URLS if label == readable)

    response = client.get(path)

    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"


def test_token_pages_answer_404_without_a_valid_token(client):
    """The calendar feed needs no session, but an unknown token reveals nothing."""
    for readable in TOKEN_PATHS:
        path = next(path for path, label, _ in URLS if label == readable)
        assert client.get(path).status_code == 404
