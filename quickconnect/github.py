"""Public GitHub profile look-up for the "Fill from GitHub" button.

GitHub's REST API base URL is the GITHUB_API_URL setting, so tests point it at a local stub
server. Short timeout, results cached; every failure becomes a message for the form, never a 500.
"""

import json
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError

from contacts.validators import normalize_github_username
from devhub.lib.names import normalise_name

TIMEOUT_SECONDS = 3
FOUND_TTL = 60 * 60
MISSING_TTL = 10 * 60


class GitHubError(Exception):
    """A message the public form can show as it is."""


@dataclass
class GitHubProfile:
    login: str
    name: str
    company: str
    blog: str
    location: str
    bio: str
    avatar_url: str


def fetch_profile(username: str) -> GitHubProfile:
    try:  # "@octocat" and profile addresses are accepted, as the form itself accepts them
        username = normalize_github_username(username)
    except ValidationError:
        username = ""
    if not username:
        raise GitHubError("That is not a valid GitHub username.")
    key = f"github-profile:{username.lower()}"
    cached = cache.get(key)
    if cached == "missing":
        raise GitHubError(f"GitHub has no user called {username}.")
    if cached:
        return GitHubProfile(**cached)
    url = f"{settings.GITHUB_API_URL.rstrip('/')}/users/{urllib.parse.quote(username)}"
    request = urllib.request.Request(
        url,
        headers={"Accept": "application/vnd.github+json", "User-Agent": "DevHub-CRM"},
    )
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:
            data = json.loads(response.read(200_000).decode())
    except urllib.error.HTTPError as exc:
        if exc.code == 404:
            cache.set(key, "missing", MISSING_TTL)
            raise GitHubError(f"GitHub has no user called {username}.") from exc
        raise GitHubError("GitHub did not answer properly; please fill in the form.") from exc
    except (OSError, ValueError) as exc:  # timeouts, refused connections, bad JSON
        raise GitHubError("GitHub could not be reached; please fill in the form.") from exc
    profile = GitHubProfile(
        login=str(data.get("login") or username)[:39],
        name=normalise_name(str(data.get("name") or ""))[:200],
        company=str(data.get("company") or "").removeprefix("@")[:200],
        blog=str(data.get("blog") or "")[:300],
        location=str(data.get("location") or "")[:200],
        bio=str(data.get("bio") or "")[:1000],
        avatar_url=str(data.get("avatar_url") or "")[:300],
    )
    cache.set(key, profile.__dict__, FOUND_TTL)
    return profile
