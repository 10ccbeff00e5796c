"""The JSON export: complete (every owned model and field), natural keys, streamed, private."""

import json

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import models
from django.urls import reverse

from devhub.lib.fields import FoldedField
from exports import dump
from tests.conftest import make_contact, make_tag

pytestmark = pytest.mark.django_db

URL = reverse("exports:json")


def project_models_owned_by_a_user() -> set[str]:
    """Independently of exports.dump: project models with any chain of foreign keys to User."""
    user_model = get_user_model()
    ours = [
        m
        for m in apps.get_models()
        if m._meta.app_config.path.startswith(str(settings.BASE_DIR))
        and "site-packages" not in m._meta.app_config.path
    ]
    owned = {user_model}
    grew = True
    while grew:
        grew = False
        for model in ours:
            fks = [f for f in model._meta.concrete_fields if f.is_relation]
            if model not in owned and any(f.related_model in owned for f in fks):
                owned.add(model)
                grew = True
    return {m._meta.label for m in owned - {user_model}}


def test_every_model_a_user_owns_is_dumped_or_excluded_with_a_reason():
    dumped = {spec.label for spec in dump.specs()}
    missing = project_models_owned_by_a_user() - dumped - set(dump.EXCLUDED)
    assert not missing, f"owned models missing from the JSON export: {sorted(missing)}"
    assert all(reason.strip() for reason in dump.EXCLUDED.values())
    assert {"contacts.Contact", "interactions.Interaction", "opportunities.StageChange"} <= dumped


def test_every_concrete_field_is_in_the_records(alice, alices_world):
    """A field added to a model later is exported without editing the dump (except derived
    case-folded keys, which restore computes again, and columns the database generates)."""
    data = dump.dump(alice)["data"]
    user_model = get_user_model()
    for spec in dump.specs():
        expected = {
            f.name
            for f in spec.model._meta.concrete_fields
            if not f.primary_key
            and f.related_model is not user_model
            and not isinstance(f, FoldedField | models.GeneratedField)
        } | {f.name for f in spec.model._meta.many_to_many}
        for record in data[spec.label]:
            assert set(record) == expected, spec.label


def test_the_rich_data_set_has_a_record_of_every_dumped_model(alice, alices_world):
    """Keeps the round-trip test honest: a model with no rows there would not be compared."""
    data = dump.dump(alice)["data"]
    empty = [label for label, rows in data.items() if not rows]
    assert not empty, f"add one of each to tests/exports/conftest.py build_world: {empty}"
    assert list(data) == [spec.label for spec in dump.specs()]


def test_references_are_codes_not_database_ids(alice, alices_world):
    ada = alices_world["ada"]
    document = dump.dump(alice)
    data = document["data"]
    (contact,) = [c for c in data["contacts.Contact"] if c["name"] == "Ada Lovelace-Byron"]
    assert contact["code"] == str(ada.code)
    assert "id" not in contact and "owner" not in contact
    assert sorted(contact["tags"]) == sorted(str(t.code) for t in ada.tags.all())
    (interaction,) = data["interactions.Interaction"]
    assert interaction["contact"] == str(ada.code)
    assert interaction["topics"] == [str(alices_world["python"].code)]
    (background,) = data["vip.Background"]
    assert background["contact"] == str(ada.code)
    assert data["vip.ContactInfo"][0]["social_links"][0]["label"] == "Mastodon"
    stages = [(s["from_status"], s["to_status"]) for s in data["opportunities.StageChange"]]
    assert stages == [("", "interested"), ("interested", "applied")]


def test_header_has_format_version_and_preferences_without_secrets(alice, alices_world):
    document = dump.dump(alice)
    assert document["format"] == "devhub-crm"
    assert document["version"] == dump.VERSION
    assert document["owner"] == {"username": "alice"}
    preferences = document["preferences"]
    assert preferences["time_zone"] == "Europe/Berlin"
    assert preferences["vip_follow_up_days"] == 10
    assert preferences["digest_enabled"] is True
    for secret in ("password", "calendar_token", "username", "email", "is_superuser"):
        assert secret not in preferences


def test_download_is_a_streamed_dated_attachment(alice_client, alice, alices_world):
    response = alice_client.get(URL)
    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"].startswith('attachment; filename="devhub-export-20')
    document = json.loads(b"".join(response.streaming_content))
    assert document == {**dump.dump(alice), "exported_at": document["exported_at"]}


def test_another_users_data_is_never_in_the_export(alice_client, alice, charlie):
    make_contact(alice, name="Ada Lovelace", tags=["Python"])
    make_contact(charlie, name="Charlie Secret", notes="charlie-only", tags=["Hidden"])
    make_tag(charlie, "Charlies tag")
    text = b"".join(alice_client.get(URL).streaming_content).decode()
    assert "Ada Lovelace" in text
    for secret in ("Charlie Secret", "charlie-only", "Hidden", "Charlies tag"):
        assert secret not in text


def test_anonymous_is_sent_to_log_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_post_is_not_allowed(alice_client):
    assert alice_client.post(URL).status_code == 405
