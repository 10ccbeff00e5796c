import pytest
from django.urls import reverse

from imports import forms
from imports.models import ImportBatch
from tests.imports.conftest import upload_file
from tests.imports.samples import LINKEDIN_CSV, VCARD_4

URL = reverse("imports:upload")


def test_upload_page_has_a_labelled_file_input(alice_client):
    response = alice_client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<label class="text-sm font-semibold pb-1" for="id_file">Contacts file</label>' in html
    assert 'enctype="multipart/form-data"' in html


def test_linkedin_upload_goes_straight_to_the_preview(alice_client, alice):
    response = alice_client.post(URL, {"file": upload_file(LINKEDIN_CSV)})
    batch = ImportBatch.objects.get(owner=alice)
    assert response.status_code == 302
    assert response["Location"] == reverse("imports:detail", args=[batch.code])
    assert (batch.format, batch.status, batch.total_rows) == ("linkedin", "ready", 4)
    assert batch.filename == "Connections.csv"


def test_csv_upload_goes_to_the_column_step(alice_client, alice):
    response = alice_client.post(
        URL, {"file": upload_file("name,email\nAda,a@example.com\n", "x.csv")}, follow=True
    )
    batch = ImportBatch.objects.get(owner=alice)
    assert response.redirect_chain[-1][0] == reverse("imports:mapping", args=[batch.code])
    assert batch.status == ImportBatch.Status.MAPPING


def test_vcard_upload(alice_client, alice):
    alice_client.post(URL, {"file": upload_file(VCARD_4, "phone.vcf")})
    batch = ImportBatch.objects.get(owner=alice)
    assert (batch.format, batch.total_rows) == ("vcard", 2)


def test_utf8_bom_and_cp1252_files(alice_client, alice):
    alice_client.post(URL, {"file": upload_file("\ufeff" + LINKEDIN_CSV)})
    cp1252 = LINKEDIN_CSV.replace("李,小龙", "Chloé,O\u2019Brien").replace("Šťastný", "Strauß")
    alice_client.post(URL, {"file": upload_file(cp1252.encode("cp1252"))})
    first, second = ImportBatch.objects.filter(owner=alice).order_by("created_at")
    assert first.format == second.format == "linkedin"
    assert "Chloé O\u2019Brien" in second.rows.values_list("data__name", flat=True)


@pytest.mark.parametrize(
    "upload, message",
    [
        (upload_file(b"", "empty.csv"), "The file is empty."),
        (upload_file(b"\n \n", "blank.csv"), "The file is empty."),
        (upload_file(b"\x89PNG\r\n\x1a\n", "photo.png"), "is not a CSV or vCard file"),
        (upload_file(b"MZ\x90\x00\x03\x00", "virus.csv"), "does not look like a text file"),
        (upload_file('name,email\n"Ada,ada@example.com\n', "bad.csv"), "malformed near line"),
        (upload_file("name,email\n", "headers.csv"), "header row but no contacts"),
    ],
)
def test_bad_files_are_refused_with_a_message(alice_client, alice, upload, message):
    response = alice_client.post(URL, {"file": upload})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ImportBatch.objects.exists()


def test_missing_file(alice_client):
    response = alice_client.post(URL, {})
    assert "Choose a file to upload." in response.content.decode()


def test_too_large_file(alice_client, monkeypatch):
    monkeypatch.setattr(forms, "MAX_UPLOAD_BYTES", 1024 * 1024)
    big = "name\n" + "Ada Lovelace\n" * 90_000
    response = alice_client.post(URL, {"file": upload_file(big, "big.csv")})
    assert "The file is 1.1 MB; the limit is 1 MB." in response.content.decode()
    assert not ImportBatch.objects.exists()


def test_anonymous_is_sent_to_log_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_wrong_method(alice_client):
    assert alice_client.put(URL).status_code == 405


def test_htmx_upload_redirects_on_the_client(alice_client, alice):
    response = alice_client.post(URL, {"file": upload_file(LINKEDIN_CSV)}, HTTP_HX_REQUEST="true")
    batch = ImportBatch.objects.get(owner=alice)
    assert response["HX-Redirect"] == reverse("imports:detail", args=[batch.code])


def test_contacts_list_links_to_import(alice_client):
    html = alice_client.get(reverse("contacts:list")).content.decode()
    assert f'href="{URL}"' in html
