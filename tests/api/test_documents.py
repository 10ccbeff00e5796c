"""The OpenAPI document, the documentation page, and the problem documents for addresses and
methods the API does not have."""

import re

import pytest
from django.contrib.staticfiles import finders
from django.test import Client
from openapi_spec_validator import validate

from tests.api.conftest import assert_problem

pytestmark = pytest.mark.django_db


def test_the_openapi_document_is_valid_and_describes_the_api(client):
    response = client.get("/api/v1/openapi.json")

    assert response.status_code == 200
    document = response.json()
    validate(document)
    paths = document["paths"]
    assert {
        "/api/v1/me",
        "/api/v1/contacts",
        "/api/v1/contacts/{code}",
        "/api/v1/contacts/{code}/interactions",
        "/api/v1/reminders/{code}/snooze",
        "/api/v1/projects/{code}/stage",
    } <= set(paths)
    assert set(document["components"]["securitySchemes"]) == {"TokenAuth", "SessionAuth"}
    read = paths["/api/v1/contacts/{code}"]["get"]
    assert read["parameters"][0]["schema"]["format"] == "uuid"
    assert "application/problem+json" in read["responses"]["404"]["content"]


def test_the_docs_page_uses_only_vendored_files_within_the_csp(client):
    response = client.get("/api/v1/docs")

    assert response.status_code == 200
    page = response.content.decode()
    assert "script-src 'self'" in response["Content-Security-Policy"]
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", page, re.S)
    assert scripts and all('src="/static/' in attrs and not body for attrs, body in scripts)
    assert " style=" not in page and "<style" not in page
    assert "cdn" not in page.lower() and "https://" not in page
    assert 'data-openapi-url="/api/v1/openapi.json"' in page
    for path in ("ninja/swagger-ui-bundle.js", "ninja/swagger-ui.css", "js/api-docs.js"):
        assert finders.find(path), path


def test_an_unknown_address_is_a_404_problem(alice_api):
    assert_problem(alice_api.get("/api/v1/contactz"), 404)
    assert_problem(alice_api.get("/api/v1/"), 404)
    assert_problem(Client().get("/api/v1/contacts/1/2/3"), 404)


def test_a_method_the_address_does_not_take_is_a_405_problem(alice_api):
    response = alice_api.put("/api/v1/contacts")

    assert_problem(response, 405)
    assert response["Allow"] == "GET, POST"
    assert_problem(alice_api.delete("/api/v1/me"), 405)
