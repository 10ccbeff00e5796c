from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from contacts.models import Contact
from imports import services
from imports.models import ImportBatch
from tests.imports.samples import linkedin_csv


def test_confirm_starts_the_import(alice_client, linkedin_batch):
    response = alice_client.post(reverse("imports:confirm", args=[linkedin_batch.code]))
    assert response["Location"] == reverse("imports:detail", args=[linkedin_batch.code])
    linkedin_batch.refresh_from_db()
    assert linkedin_batch.status == ImportBatch.Status.RUNNING
    assert Contact.objects.count() == 0  # the work happens in the chunks


def test_confirm_twice_is_harmless(alice_client, linkedin_batch):
    alice_client.post(reverse("imports:confirm", args=[linkedin_batch.code]))
    response = alice_client.post(reverse("imports:confirm", args=[linkedin_batch.code]))
    assert response.status_code == 302
    linkedin_batch.refresh_from_db()
    assert linkedin_batch.status == ImportBatch.Status.RUNNING


def test_confirm_needs_post(alice_client, linkedin_batch):
    assert (
        alice_client.get(reverse("imports:confirm", args=[linkedin_batch.code])).status_code == 405
    )


def test_htmx_drives_the_chunks_until_the_summary(alice_client, alice, monkeypatch):
    monkeypatch.setattr(services, "CHUNK_SIZE", 10)
    batch = services.create_batch(alice, "Connections.csv", linkedin_csv(25).encode())
    services.confirm(batch)
    process_url = reverse("imports:process", args=[batch.code])

    first = alice_client.post(process_url, HTTP_HX_REQUEST="true")
    html = first.content.decode()
    assert "<html" not in html
    assert 'value="10" max="25">40%</progress>' in html
    assert "10 of 25 rows done · 40%" in html
    assert 'hx-trigger="load delay:10ms"' in html  # asks for the next chunk at once

    alice_client.post(process_url, HTTP_HX_REQUEST="true")
    last = alice_client.post(process_url, HTTP_HX_REQUEST="true")
    assert last["HX-Redirect"] == reverse("imports:detail", args=[batch.code])
    assert Contact.objects.filter(owner=alice).count() == 25


def test_without_javascript_each_post_does_a_chunk_and_returns_to_the_page(
    alice_client, alice, monkeypatch
):
    monkeypatch.setattr(services, "CHUNK_SIZE", 10)
    batch = services.create_batch(alice, "Connections.csv", linkedin_csv(15).encode())
    services.confirm(batch)
    response = alice_client.post(reverse("imports:process", args=[batch.code]))
    assert response["Location"] == reverse("imports:detail", args=[batch.code])
    batch.refresh_from_db()
    assert batch.processed_rows == 10


def test_a_busy_batch_asks_again_later(alice_client, linkedin_batch):
    services.confirm(linkedin_batch)
    ImportBatch.objects.filter(pk=linkedin_batch.pk).update(
        locked_until=timezone.now() + timedelta(seconds=30)
    )
    response = alice_client.post(
        reverse("imports:process", args=[linkedin_batch.code]), HTTP_HX_REQUEST="true"
    )
    assert 'hx-trigger="load delay:1s"' in response.content.decode()
    assert Contact.objects.count() == 0


def test_processing_a_batch_that_is_not_running_goes_to_its_page(alice_client, linkedin_batch):
    response = alice_client.post(
        reverse("imports:process", args=[linkedin_batch.code]), HTTP_HX_REQUEST="true"
    )
    assert response["HX-Redirect"] == reverse("imports:detail", args=[linkedin_batch.code])
    assert Contact.objects.count() == 0


def test_process_needs_post(alice_client, linkedin_batch):
    assert (
        alice_client.get(reverse("imports:process", args=[linkedin_batch.code])).status_code == 405
    )
