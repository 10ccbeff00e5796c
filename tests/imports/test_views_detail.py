from django.urls import reverse

from contacts.models import Contact
from imports import services
from imports.models import ImportBatch
from tests.conftest import make_contact
from tests.imports.samples import linkedin_csv


def url(batch):
    return reverse("imports:detail", args=[batch.code])


def test_preview_shows_rows_problems_and_duplicates(alice_client, alice):
    make_contact(alice, name="Ada", linkedin_url="https://linkedin.com/in/ada-lovelace")
    text = (
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Ada,Lovelace,https://www.linkedin.com/in/ada-lovelace,,Engines,Engineer,27 Sep 2013\n"
        ",,https://www.linkedin.com/in/nameless,,,,1 Jan 2020\n"
        "Grace,Hopper,https://www.linkedin.com/in/grace,,Navy,,1 Jan 2020\n"
        "Grace,H.,https://www.linkedin.com/in/GRACE/,,,,2 Jan 2020\n"
    )
    batch = services.create_batch(alice, "Connections.csv", text.encode())
    response = alice_client.get(url(batch))
    assert response.status_code == 200
    assert response.templates[0].name == "imports/preview.html"
    assert response.context["planned"] == {"create": 1, "merge": 2, "skip": 1, "in_file": 1}
    html = response.content.decode()
    assert "Nothing has been imported yet" in html
    assert "No name: every contact needs one." in html
    assert "Same LinkedIn profile as an existing contact." in html
    assert "Same LinkedIn profile as row 3 of this file." in html
    assert "Import 3 rows" in html
    assert Contact.objects.filter(owner=alice).count() == 1  # nothing imported by the preview


def test_preview_rows_are_paginated_and_filtered(alice_client, alice):
    batch = services.create_batch(alice, "Connections.csv", linkedin_csv(120).encode())
    response = alice_client.get(url(batch))
    assert len(response.context["page"].object_list) == 50
    assert "Page 1 of 3" in response.content.decode()
    assert alice_client.get(url(batch) + "?page=3").context["page"].object_list[0].number == 101
    skipped = alice_client.get(url(batch) + "?show=skip")
    assert skipped.context["page"].paginator.count == 0
    assert "No rows to show here." in skipped.content.decode()


def test_htmx_gets_the_rows_fragment_only(alice_client, linkedin_batch):
    response = alice_client.get(url(linkedin_batch) + "?show=create", HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert 'id="import-rows"' in html
    assert "<html" not in html
    assert "What will happen" not in html


def test_columns_step_redirects_to_the_mapping(alice_client, csv_batch):
    response = alice_client.get(url(csv_batch))
    assert response["Location"] == reverse("imports:mapping", args=[csv_batch.code])


def test_a_running_batch_shows_the_progress_page(alice_client, linkedin_batch):
    services.confirm(linkedin_batch)
    response = alice_client.get(url(linkedin_batch))
    html = response.content.decode()
    assert response.templates[0].name == "imports/progress.html"
    assert '<progress id="import-progress-bar"' in html
    assert 'value="0" max="4">0%</progress>' in html
    assert f'hx-post="{reverse("imports:process", args=[linkedin_batch.code])}"' in html
    assert "you can continue it or undo it" in html


def test_summary_after_the_import(alice_client, done_batch):
    response = alice_client.get(url(done_batch))
    html = response.content.decode()
    assert response.templates[0].name == "imports/summary.html"
    assert "Import finished" in html
    assert response.context["batch"].created_count == 4
    assert "Merges only filled in blank fields, so there is nothing to undo for them." in html
    assert reverse("imports:undo", args=[done_batch.code]) in html
    ada = Contact.objects.get(name="Ada Lovelace")
    assert reverse("contacts:detail", args=[ada.code]) in html


def test_summary_of_an_undone_import(alice_client, done_batch):
    services.start_undo(done_batch)
    services.undo_chunk(done_batch)
    html = alice_client.get(url(done_batch)).content.decode()
    assert "Import undone" in html
    assert "4 created contacts deleted" in html
    assert reverse("imports:undo", args=[done_batch.code]) not in html


def test_anonymous_and_wrong_method(client, alice_client, linkedin_batch):
    assert alice_client.post(url(linkedin_batch)).status_code == 405
    alice_client.logout()
    assert client.get(url(linkedin_batch)).status_code == 302
    assert ImportBatch.objects.count() == 1
