from django.urls import reverse


def test_import_batches_are_listed_and_searchable(admin_client, done_batch):
    url = reverse("admin:imports_importbatch_changelist")
    response = admin_client.get(url, {"q": "alice"})
    assert response.status_code == 200
    assert "Connections.csv" in response.content.decode()
    assert "Connections.csv" not in admin_client.get(url, {"q": "nobody"}).content.decode()


def test_import_batch_change_page_hides_the_file_content(admin_client, linkedin_batch):
    response = admin_client.get(
        reverse("admin:imports_importbatch_change", args=[linkedin_batch.pk])
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Connections.csv" in html
    assert "When exporting your connection data" not in html
