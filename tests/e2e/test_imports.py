"""A LinkedIn export imported in a real browser: upload, preview, confirm, progress, summary."""

import re

import pytest
from playwright.sync_api import Page, expect

from contacts.models import Contact
from imports import services
from imports.models import ImportBatch
from tests.conftest import PASSWORD, make_contact, make_user
from tests.imports.samples import linkedin_csv

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_linkedin_import_from_upload_to_summary(page: Page, monkeypatch) -> None:
    monkeypatch.setattr(services, "CHUNK_SIZE", 40)  # several chunks, so the page drives them
    owner = make_user("importer")
    make_contact(owner, name="Person 7", linkedin_url="https://linkedin.com/in/PERSON-7/")

    page.goto("/accounts/login/?next=/contacts/")
    page.get_by_label("Username").fill("importer")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in", exact=True).click()
    page.get_by_role("main").get_by_role("link", name="Import", exact=True).click()

    expect(page.get_by_role("heading", name="Import contacts")).to_be_visible()
    page.get_by_label("Contacts file").set_input_files(
        {"name": "Connections.csv", "mimeType": "text/csv", "buffer": linkedin_csv(150).encode()}
    )
    page.get_by_role("button", name="Upload and preview").click()

    expect(page.get_by_role("heading", name="Preview: Connections.csv")).to_be_visible()
    plan = page.locator("#import-plan")
    expect(plan).to_contain_text("149 new contacts")
    expect(plan).to_contain_text("1 merged into existing contacts")
    expect(page.get_by_text("Same LinkedIn profile as an existing contact.")).to_be_visible()
    assert Contact.objects.filter(owner=owner).count() == 1  # the preview imports nothing

    # The rows filter swaps the table with HTMX.
    page.get_by_role("link", name="Merges").click()
    expect(page.locator("#import-rows tbody tr")).to_have_count(1)
    expect(page).to_have_url(re.compile(r"\?show=merge$"))

    page.get_by_role("button", name="Import 150 rows").click()
    expect(page.get_by_role("heading", name=re.compile("Import finished"))).to_be_visible()
    result = page.locator("#import-result")
    expect(result).to_contain_text("149 created")
    expect(result).to_contain_text("1 merged into existing contacts")
    expect(result).to_contain_text("0 skipped")

    batch = ImportBatch.objects.get(owner=owner)
    assert batch.status == ImportBatch.Status.DONE
    assert batch.processed_rows == 150
    assert Contact.objects.filter(owner=owner).count() == 150

    page.get_by_role("link", name="All imports").click()
    expect(page.get_by_role("link", name="Connections.csv", exact=True)).to_be_visible()
    expect(page.get_by_text("149 created, 1 merged, 0 skipped")).to_be_visible()


def test_progress_page_shows_a_progress_bar_and_resumes(page: Page, monkeypatch) -> None:
    owner = make_user("resumer")
    batch = services.create_batch(owner, "Connections.csv", linkedin_csv(30).encode())
    services.confirm(batch)
    services.process_chunk(batch, size=10)  # as if the tab was closed a third of the way in

    page.goto("/accounts/login/?next=/contacts/import/")
    page.get_by_label("Username").fill("resumer")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in", exact=True).click()
    expect(page.get_by_text("33% done")).to_be_visible()

    # Slow the chunks down so the progress bar can be seen moving.
    monkeypatch.setattr(services, "CHUNK_SIZE", 5)
    page.get_by_role("link", name=re.compile("^Continue")).click()
    expect(page.get_by_role("heading", name="Importing Connections.csv")).to_be_visible()
    expect(page.locator("progress#import-progress-bar")).to_have_attribute("max", "30")
    expect(page.get_by_role("heading", name=re.compile("Import finished"))).to_be_visible()
    assert Contact.objects.filter(owner=owner).count() == 30
