"""Whatever is stored renders escaped everywhere: every text column of every row alice owns is
set to a script payload (straight in the database, as an import or an old bug could leave it),
then every page of the project (pages, HTMX fragments, the public Quick Connect pages and the
admin) is requested; no response may contain a payload verbatim."""

import uuid

import pytest
from django.apps import apps
from django.db import models

from opportunities.models import Compensation, RecruiterNotes
from quickconnect.models import Submission
from tests.fuzz.strategies import DANGEROUS, XSS_PAYLOADS
from tests.fuzz.support import PROJECT_APPS
from tests.fuzz.targets import OTHER_URLS, TARGETS
from vip.models import Background, ContactInfo, DeveloperProfile

pytestmark = pytest.mark.django_db

# Secrets and identifiers, not text anyone types.
SKIP = {"password", "token", "calendar_token", "builtin_key", "occasion", "time_zone"}


def fill_with_payloads() -> int:
    """Every free-text column (no choices) of every project row gets a payload that fits, with
    the row's id appended so unique names stay unique."""
    columns = 0
    for app in PROJECT_APPS:
        for model in apps.get_app_config(app).get_models():
            for pk in model._default_manager.values_list("pk", flat=True):
                values = {}
                for index, field in enumerate(model._meta.concrete_fields):
                    if not isinstance(field, models.CharField | models.TextField):
                        continue
                    if field.choices or field.name in SKIP or not field.editable:
                        continue
                    payload = f"{XSS_PAYLOADS[index % len(XSS_PAYLOADS)]}{pk}"
                    if isinstance(field, models.URLField):
                        payload = f"https://example.com/?{payload}"
                    if not field.max_length or len(payload) <= field.max_length:
                        values[field.name] = payload
                model._default_manager.filter(pk=pk).update(**values)
                columns += len(values)
    return columns


@pytest.fixture
def stored(world):
    contact = world.contact
    Background.objects.create(contact=contact)
    ContactInfo.objects.create(
        contact=contact,
        social_links=[
            {"label": XSS_PAYLOADS[1], "url": "https://e.com/?<script>alert(1)</script>"}
        ],
    )
    DeveloperProfile.objects.create(contact=contact)
    RecruiterNotes.objects.create(contact=contact)
    Compensation.objects.create(opportunity=world.opportunity)
    Submission.objects.create(
        quick_code=world.quick_code, contact=world.other, form_id=uuid.uuid4()
    )
    assert fill_with_payloads() > 60
    return world


def test_every_page_renders_stored_payloads_escaped(client, stored, admin_user) -> None:
    world = stored
    client.force_login(world.alice)
    pages = sorted(
        {build(world) for build in OTHER_URLS.values()} | {t.url(world) for t in TARGETS}
    )
    pages += [
        "/dashboard/widget/" + name + "/"
        for name in ("stats", "attention", "reminders", "birthdays", "recent", "vips", "health")
    ]
    pages += [f"/vip/contact/{world.contact.code}/{key}/" for key in ("contact-info", "developer")]
    checked = shown = 0
    for page in pages:
        for headers in ({}, {"HTTP_HX_REQUEST": "true"}):
            response = client.get(page, **headers)
            assert response.status_code < 500, (page, response.status_code)
            # The exports stream: read them through, so a crash half-way fails here too.
            raw = b"".join(response.streaming_content) if response.streaming else response.content
            body = raw.decode(errors="replace")
            if "html" in response.get("Content-Type", ""):
                checked += 1
                shown += "&lt;script&gt;alert" in body or "&quot;&gt;&lt;img" in body
                for payload in DANGEROUS:
                    assert payload not in body, f"{page} {headers}: {payload!r} unescaped"
    assert checked > 80
    assert shown > 40, "the payloads must actually reach the pages (escaped)"

    client.logout()
    for page in (f"/q/{world.quick_code.token}/", f"/q/{world.quick_code.token}/thanks/"):
        body = client.get(page).content.decode()
        assert all(payload not in body for payload in DANGEROUS), page


def test_the_admin_renders_stored_payloads_escaped(client, stored, admin_user) -> None:
    client.force_login(admin_user)
    for app in PROJECT_APPS:
        for model in apps.get_app_config(app).get_models():
            opts = model._meta
            listing = client.get(f"/admin/{opts.app_label}/{opts.model_name}/")
            if listing.status_code == 404:
                continue  # not registered in the admin
            pages = [listing]
            if first := model._default_manager.first():
                pages.append(
                    client.get(f"/admin/{opts.app_label}/{opts.model_name}/{first.pk}/change/")
                )
            for response in pages:
                assert response.status_code == 200, (opts.label, response.status_code)
                body = response.content.decode()
                for payload in DANGEROUS:
                    assert payload not in body, f"admin {opts.label}: {payload!r} unescaped"
