from django.urls import reverse

from imports import services
from tests.imports.samples import linkedin_csv

URL = reverse("imports:list")


def test_empty_list(alice_client):
    assert "No imports yet" in alice_client.get(URL).content.decode()


def test_a_paused_import_can_be_continued(alice_client, alice, charlie):
    batch = services.create_batch(alice, "Connections.csv", linkedin_csv(30).encode())
    services.confirm(batch)
    services.process_chunk(batch, size=10)
    services.create_batch(charlie, "charlies.csv", linkedin_csv(3).encode())
    html = alice_client.get(URL).content.decode()
    assert "Connections.csv" in html
    assert "charlies.csv" not in html
    assert "33% done" in html
    assert f'href="{reverse("imports:detail", args=[batch.code])}">Continue' in html
    assert reverse("imports:undo", args=[batch.code]) in html
    assert reverse("imports:discard", args=[batch.code]) not in html  # running: finish or undo


def test_finished_imports_show_their_result(alice_client, done_batch):
    html = alice_client.get(URL).content.decode()
    assert "4 created, 0 merged, 0 skipped" in html
    assert "Summary" in html


def test_htmx_fragment(alice_client, done_batch):
    html = alice_client.get(URL, HTTP_HX_REQUEST="true").content.decode()
    assert 'id="import-batches"' in html
    assert "<html" not in html


def test_anonymous_and_wrong_method(client, alice_client):
    assert alice_client.post(URL).status_code == 405
    alice_client.logout()
    assert client.get(URL).status_code == 302
