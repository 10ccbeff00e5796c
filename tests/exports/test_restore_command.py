import json

import pytest
from django.core.management import CommandError, call_command

from contacts.models import Contact
from exports import dump
from tests.conftest import make_contact, make_user

pytestmark = pytest.mark.django_db


def test_restores_a_file_into_an_empty_account(alice, alices_world, charlie, tmp_path, capsys):
    path = tmp_path / "export.json"
    path.write_text(json.dumps(dump.dump(alice)))
    call_command("restore_export", str(path), user="charlie")
    assert Contact.objects.filter(owner=charlie).count() == 2
    assert "Restored" in capsys.readouterr().out


def test_refuses_a_non_empty_account_and_bad_files(alice, alices_world, tmp_path):
    path = tmp_path / "export.json"
    path.write_text(json.dumps(dump.dump(alice)))
    make_contact(alice)
    with pytest.raises(CommandError, match="already has data"):
        call_command("restore_export", str(path), user="alice")
    path.write_text("{nope")
    with pytest.raises(CommandError, match="not a JSON export"):
        call_command("restore_export", str(path), user="alice")
    with pytest.raises(CommandError, match="No user"):
        call_command("restore_export", str(path), user="nobody")
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("restore_export", str(tmp_path / "missing.json"), user="alice")


def test_a_file_without_creation_times_restores_and_a_nameless_contact_is_named(
    alice, alices_world, charlie, tmp_path, capsys
):
    """An export edited by hand or made by another tool: what has a default may be left out."""
    document = dump.dump(alice)
    for record in document["data"]["contacts.Contact"]:
        del record["created_at"]
    path = tmp_path / "export.json"
    path.write_text(json.dumps(document))

    call_command("restore_export", str(path), user="charlie")

    assert Contact.objects.filter(owner=charlie).count() == 2
    assert "Restored" in capsys.readouterr().out

    del document["data"]["contacts.Contact"][1]["name"]
    path.write_text(json.dumps(document))
    make_user("dora")
    with pytest.raises(CommandError, match=r"contacts\.Contact record 2: “name” is missing"):
        call_command("restore_export", str(path), user="dora")
    assert not Contact.objects.filter(owner__username="dora").exists()
