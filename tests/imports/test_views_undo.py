from django.urls import reverse

from contacts.models import Contact
from imports import services
from imports.models import ImportBatch


def test_undo_asks_first(alice_client, done_batch):
    response = alice_client.get(reverse("imports:undo", args=[done_batch.code]))
    html = response.content.decode()
    assert "Undo the import of Connections.csv?" in html
    assert "deletes the 4 contacts this import created" in html
    assert "those changes are kept" in html
    assert Contact.objects.count() == 4


def test_undo_deletes_the_created_contacts_in_chunks_the_page_drives(alice_client, done_batch):
    response = alice_client.post(reverse("imports:undo", args=[done_batch.code]), follow=True)
    html = response.content.decode()
    assert response.templates[0].name == "imports/progress.html"
    assert "Undoing the import of Connections.csv" in html
    assert "0 of 4 created contacts deleted" in html
    assert Contact.objects.count() == 4

    process_url = reverse("imports:process", args=[done_batch.code])
    response = alice_client.post(process_url, HTTP_HX_REQUEST="true")
    assert response["HX-Redirect"] == reverse("imports:detail", args=[done_batch.code])
    assert Contact.objects.count() == 0
    done_batch.refresh_from_db()
    assert done_batch.status == ImportBatch.Status.UNDONE


def test_undo_progress_fragment(alice_client, done_batch, monkeypatch):
    monkeypatch.setattr(services, "UNDO_CHUNK_SIZE", 3)
    alice_client.post(reverse("imports:undo", args=[done_batch.code]))
    response = alice_client.post(
        reverse("imports:process", args=[done_batch.code]), HTTP_HX_REQUEST="true"
    )
    assert "3 of 4 created contacts deleted · 75%" in response.content.decode()


def test_nothing_to_undo(alice_client, linkedin_batch):
    response = alice_client.post(reverse("imports:undo", args=[linkedin_batch.code]), follow=True)
    assert "no contacts left to undo" in response.content.decode()


def test_undo_htmx_redirects_on_the_client(alice_client, done_batch):
    response = alice_client.post(
        reverse("imports:undo", args=[done_batch.code]), HTTP_HX_REQUEST="true"
    )
    assert response["HX-Redirect"] == reverse("imports:detail", args=[done_batch.code])


def test_discard_a_preview(alice_client, linkedin_batch):
    url = reverse("imports:discard", args=[linkedin_batch.code])
    assert "no contacts are changed" in alice_client.get(url).content.decode()
    response = alice_client.post(url)
    assert response["Location"] == reverse("imports:list")
    assert not ImportBatch.objects.exists()


def test_removing_a_finished_import_keeps_its_contacts(alice_client, done_batch):
    url = reverse("imports:discard", args=[done_batch.code])
    assert "you can no longer undo the import" in alice_client.get(url).content.decode()
    alice_client.post(url)
    assert Contact.objects.count() == 4


def test_a_running_import_cannot_be_removed(alice_client, linkedin_batch):
    services.confirm(linkedin_batch)
    response = alice_client.post(
        reverse("imports:discard", args=[linkedin_batch.code]), follow=True
    )
    assert "Finish or undo this import" in response.content.decode()
    assert ImportBatch.objects.exists()


def test_wrong_methods(alice_client, done_batch):
    assert alice_client.put(reverse("imports:undo", args=[done_batch.code])).status_code == 405
    assert alice_client.put(reverse("imports:discard", args=[done_batch.code])).status_code == 405
