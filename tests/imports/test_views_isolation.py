"""Another user's import is a 404 on every batch URL, whatever the method, and stays unchanged."""

import pytest
from django.urls import reverse

from contacts.models import Contact
from imports import services
from imports.models import ImportBatch

BATCH_URLS = ["detail", "mapping", "confirm", "process", "undo", "discard"]


@pytest.mark.parametrize("name", BATCH_URLS)
@pytest.mark.parametrize("method", ["get", "post"])
def test_outsider_gets_404(charlie_client, done_batch, name, method):
    url = reverse(f"imports:{name}", args=[done_batch.code])
    response = getattr(charlie_client, method)(url)
    assert response.status_code in (404, 405)
    if response.status_code == 405:
        other = "post" if method == "get" else "get"
        assert getattr(charlie_client, other)(url).status_code == 404
    assert ImportBatch.objects.get(pk=done_batch.pk).status == ImportBatch.Status.DONE
    assert Contact.objects.count() == 4


def test_outsider_cannot_continue_a_running_import(charlie_client, linkedin_batch):
    services.confirm(linkedin_batch)
    url = reverse("imports:process", args=[linkedin_batch.code])
    assert charlie_client.post(url, HTTP_HX_REQUEST="true").status_code == 404
    assert Contact.objects.count() == 0
