"""API test helpers: tokens for alice and charlie, and a client that sends one."""

import json

import pytest
from django.test import Client

from api import services
from api.models import ApiToken


def api_client(secret: str) -> Client:
    """A client that authenticates with a token only (no session, no CSRF token)."""
    return Client(enforce_csrf_checks=True, HTTP_AUTHORIZATION=f"Bearer {secret}")


def make_token(owner, scope: str = ApiToken.Scope.WRITE, **fields) -> tuple[ApiToken, str]:
    return services.create_token(owner, name=fields.pop("name", "script"), scope=scope, **fields)


@pytest.fixture
def alice_api(alice) -> Client:
    return api_client(make_token(alice)[1])


@pytest.fixture
def alice_read_api(alice) -> Client:
    return api_client(make_token(alice, ApiToken.Scope.READ)[1])


@pytest.fixture
def charlie_api(charlie) -> Client:
    return api_client(make_token(charlie)[1])


def send(client: Client, method: str, path: str, body=None, **extra):
    """A JSON request; `body` a dict (encoded) or bytes/str (sent as they are)."""
    if body is not None and not isinstance(body, bytes | str):
        body = json.dumps(body)
    call = getattr(client, method.lower())
    if body is None:
        return call(path, **extra)
    return call(path, body, content_type="application/json", **extra)


def assert_problem(response, status: int) -> dict:
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/problem+json"
    problem = response.json()
    assert problem["status"] == status
    assert problem["title"] and problem["detail"] and problem["type"]
    return problem
