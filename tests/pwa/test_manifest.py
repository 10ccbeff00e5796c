import json
from pathlib import Path

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db


def manifest(client) -> dict:
    response = client.get("/manifest.webmanifest")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    return json.loads(response.content)


def test_the_manifest_is_public_and_describes_an_installable_app(client):
    data = manifest(client)
    assert data["name"] == "DevHub CRM" and data["short_name"] == "DevHub"
    assert data["start_url"] == "/" and data["scope"] == "/" and data["display"] == "standalone"
    icons = {(i["sizes"], i["purpose"]): i["src"] for i in data["icons"]}
    assert {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")} <= set(icons)
    for src in icons.values():
        file = Path(settings.BASE_DIR, "static", src.removeprefix(settings.STATIC_URL))
        assert file.read_bytes().startswith(b"\x89PNG"), src


def test_the_shortcuts_open_real_pages(client, alice):
    shortcuts = {s["name"]: s["url"] for s in manifest(client)["shortcuts"]}
    assert set(shortcuts) == {"Log an interaction", "New contact", "Quick Connect"}
    client.force_login(alice)
    for name, url in shortcuts.items():
        assert client.get(url.split("#")[0]).status_code == 200, name


def test_every_page_links_the_manifest_with_colours_for_both_themes(client, alice):
    for page in ("/accounts/login/", "/offline/"):
        body = client.get(page).content.decode()
        assert '<link rel="manifest" href="/manifest.webmanifest">' in body
        assert 'name="theme-color" media="(prefers-color-scheme: light)"' in body
        assert 'name="theme-color" media="(prefers-color-scheme: dark)"' in body
        assert 'src="/static/js/pwa.js"' in body and "<script>" not in body
