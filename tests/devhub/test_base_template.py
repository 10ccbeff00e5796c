"""The page frame every screen shares (templates/base.html), plus the admin that ships with it."""

import json

import pytest
from django.contrib.staticfiles import finders
from django.test import Client
from django.urls import reverse

from accounts.models import User
from tests.conftest import PASSWORD
from tests.devhub.conftest import Element, find_all, find_one, parse

pytestmark = pytest.mark.django_db


@pytest.fixture
def page(alice_client) -> list[Element]:
    response = alice_client.get(reverse("contacts:list"))
    assert response.status_code == 200
    return parse(response.content)


def static_file(url: str) -> str:
    """The file behind a /static/ URL, which must exist in the project's static sources."""
    assert url.startswith("/static/"), url
    path = finders.find(url.removeprefix("/static/"))
    assert path, f"{url} is not a static file"
    return path


def assets(page: list[Element]) -> list[str]:
    return [e.get("src") for e in find_all(page, "script") if e.has("src")] + [
        e.get("href") for e in find_all(page, "link")
    ]


@pytest.mark.parametrize("url_name", ["contacts:list", "accounts:login", "accounts:signup"])
def test_no_asset_comes_from_another_site(client, alice, url_name):
    if url_name == "contacts:list":
        client.force_login(alice)
    page = parse(client.get(reverse(url_name)).content)

    urls = assets(page)

    assert urls
    # The web app manifest is a page of this site (it names the hashed icons and the pages).
    assert reverse("pwa:manifest") in urls
    for url in urls:
        if url == reverse("pwa:manifest"):
            continue
        assert url.startswith("/static/"), f"{url} is not served by this app"
        static_file(url)


def test_htmx_is_vendored(page):
    scripts = [e.get("src") for e in find_all(page, "script") if "htmx" in e.get("src")]

    assert len(scripts) == 1
    assert static_file(scripts[0]).endswith(".js")


def test_the_compiled_stylesheet_is_linked(page):
    stylesheet = find_one(page, "link", rel="stylesheet")

    assert stylesheet.get("href") == "/static/css/app.css"
    with open(static_file(stylesheet.get("href"))) as css:
        assert len(css.read()) > 1000  # the Tailwind build, not an empty placeholder


def test_the_theme_script_loads_before_the_first_paint(page):
    theme = find_one(page, "script", src="/static/js/theme.js")

    assert not theme.has("defer") and not theme.has("async")
    static_file(theme.get("src"))


def test_no_inline_scripts_or_styles(page):
    assert all(script.has("src") for script in find_all(page, "script"))
    assert not find_all(page, "style")
    assert not [e for e in page if e.has("style")]


def test_body_sends_the_csrf_token_with_every_htmx_request(page):
    body = find_one(page, "body")

    headers = json.loads(body.get("hx-headers"))

    assert headers["x-csrftoken"]


def test_the_hx_headers_token_passes_the_csrf_check(alice):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    body = find_one(client.get(reverse("contacts:list")).content, "body")
    token = json.loads(body.get("hx-headers"))["x-csrftoken"]

    refused = client.post(reverse("accounts:logout"), HTTP_HX_REQUEST="true")
    assert refused.status_code == 403

    accepted = client.post(
        reverse("accounts:logout"), HTTP_HX_REQUEST="true", HTTP_X_CSRFTOKEN=token
    )
    assert accepted.status_code == 302


def test_a_skip_link_leads_to_the_main_content(page):
    body = find_one(page, "body")
    first_link = next(e for e in body.descendants() if e.tag in ("a", "button"))

    assert first_link.get("href") == "#main"
    assert "Skip to content" in first_link.clean_text
    assert find_one(page, id="main").tag == "main"


def test_the_theme_toggle_is_a_button(page):
    toggles = [e for e in page if e.has("data-theme-toggle")]

    assert len(toggles) == 1
    assert toggles[0].tag == "button"
    assert toggles[0].get("type") == "button"
    assert "theme" in toggles[0].clean_text.lower()


def test_log_out_is_a_post_form_with_a_csrf_token(page):
    form = find_one(page, "form", action=reverse("accounts:logout"))

    assert form.get("method") == "post"
    fields = form.descendants()
    assert any(e.get("name") == "csrfmiddlewaretoken" and e.get("value") for e in fields)
    assert any(e.tag == "button" and "Log out" in e.clean_text for e in fields)
    assert not find_all(page, "a", href=reverse("accounts:logout"))


def test_anonymous_visitors_see_log_in_and_sign_up_instead(client):
    page = parse(client.get(reverse("accounts:login")).content)

    assert find_all(page, "a", href=reverse("accounts:signup"))
    assert not find_all(page, "form", action=reverse("accounts:logout"))


def test_admin_user_list_opens_and_searches_for_a_superuser(client, alice, charlie):
    User.objects.create_superuser("root", "root@example.com", PASSWORD)
    client.post(reverse("admin:login"), {"username": "root", "password": PASSWORD})

    response = client.get(reverse("admin:accounts_user_changelist"), {"q": "ali"})

    assert response.status_code == 200
    page = parse(response.content)
    rows = find_one(page, "table", id="result_list").descendants()
    linked = {e.clean_text for e in rows if e.tag == "a"}
    assert "alice" in linked
    assert "charlie" not in linked
    assert "root" not in linked


def test_admin_is_closed_to_ordinary_users(alice_client):
    response = alice_client.get(reverse("admin:accounts_user_changelist"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


def test_pages_carry_a_strict_content_security_policy(alice_client):
    policy = alice_client.get("/contacts/")["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))

    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["base-uri"] == "'self'"
    assert directives["form-action"] == "'self'"
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy


def test_htmx_is_told_not_to_inject_its_indicator_styles(alice_client):
    page = alice_client.get("/contacts/").content.decode()

    assert '<meta name="htmx-config" content=\'{"includeIndicatorStyles": false}\'>' in page
