import re

import pytest
from django.conf import settings as django_settings
from django.contrib.staticfiles import finders

from pwa import views

pytestmark = pytest.mark.django_db


def precached(body: str) -> list[str]:
    return re.findall(r'"([^"]+)"', re.search(r"const PRECACHE = \[(.*?)\];", body).group(1))


def test_service_worker_is_served_from_the_root_without_logging_in(client):
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    assert b"importScripts(" in response.content and b"sw-push" in response.content


def test_it_keeps_the_offline_pages_and_their_static_files(client):
    body = client.get("/sw.js").content.decode()
    kept = precached(body)
    assert {"/offline/", "/capture/", "/static/css/app.css", "/static/js/pwa-queue.js"} <= set(kept)
    # The pages it sends its entries to come from the URL configuration.
    assert '"/capture/send/contact/"' in body and '"/capture/session/"' in body
    pages, files = kept[:2], kept[2:]
    for url in pages:
        assert client.get(url).status_code == 200, url
    for url in files:
        assert finders.find(url.removeprefix(django_settings.STATIC_URL)), url


def test_static_names_come_from_the_storage_so_hashed_names_are_kept(client, settings):
    settings.STATIC_URL = "/assets/"
    assert all(
        url.startswith("/assets/") for url in precached(client.get("/sw.js").content.decode())[2:]
    )


def test_a_new_version_gets_new_cache_names(client, monkeypatch):
    first = client.get("/sw.js").content.decode()
    monkeypatch.setattr(views, "PRECACHED_STATIC", [*views.PRECACHED_STATIC, "icons/icon-512.png"])
    second = client.get("/sw.js").content.decode()
    version = re.compile(r'const CACHE = CACHE_PREFIX \+ "([0-9a-f]{12})";')
    assert version.search(first)[1] != version.search(second)[1]
    assert "__VERSION__" not in second


def test_the_same_for_everyone(client, alice):
    anonymous = client.get("/sw.js").content
    client.force_login(alice)
    assert client.get("/sw.js").content == anonymous
