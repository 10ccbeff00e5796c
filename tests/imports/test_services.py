from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from contacts.forms import ContactForm
from contacts.models import Contact
from imports import parsers, services
from imports.models import ImportBatch, ImportRow
from tests.conftest import make_contact
from tests.imports.conftest import import_text, run_to_end
from tests.imports.samples import LINKEDIN_CSV, VCARD_3, csv_text, linkedin_csv

pytestmark = pytest.mark.django_db


# Row validation: the contact form's rules --------------------------------------------------


def test_valid_record_is_cleaned_like_the_contact_form():
    data, problems = services.validate_record(
        {
            "name": "  Ada   Lovelace ",
            "email": "ada@example.com",
            "github_username": "https://github.com/ada/",
            "linkedin_url": "www.linkedin.com/in/ada",
            "connected_on": "27 Sep 2013",
            "birthday": "1815-12-10",
            "tags": "Python, math, python",
        }
    )
    assert problems == []
    assert data == {
        "name": "Ada Lovelace",
        "email": "ada@example.com",
        "github_username": "ada",
        "linkedin_url": "https://www.linkedin.com/in/ada",
        "connected_on": "2013-09-27",
        "birthday": "1815-12-10",
        "tags": ["Python", "math"],
    }


@pytest.mark.parametrize(
    "record, problem",
    [
        ({"name": ""}, "No name"),
        ({"name": "   "}, "No name"),
        ({"name": "\u202e\u2066 \u200f"}, "No name"),
        ({"name": "Ada", "email": "not-an-email"}, "E-mail: Enter a valid email address."),
        ({"name": "A" * 201}, "Full name: Ensure this value has at most 200 characters"),
        ({"name": "Ada", "company": "C" * 201}, "Company: Ensure this value has at most 200"),
        ({"name": "Ada", "phone": "call me maybe"}, "Phone: Enter a phone number"),
        ({"name": "Ada", "github_username": "-ada-"}, "GitHub username: GitHub usernames"),
        (
            {"name": "Ada", "linkedin_url": "https://example.com/ada"},
            "LinkedIn URL: Enter a LinkedIn",
        ),
        ({"name": "Ada", "website_url": "ftp://example.com"}, "Website: Enter a web address"),
        ({"name": "Ada", "birthday": "someday"}, "Birthday: “someday” is not a date."),
        (
            {"name": "Ada", "birthday": "2999-01-01"},
            "Birthday: A birthday cannot be in the future.",
        ),
        ({"name": "Ada", "connected_on": "yesterday"}, "Connected on: “yesterday” is not a date."),
        ({"name": "Ada", "tags": "x" * 51}, "Tags: Tag names have at most 50 characters"),
        ({"name": "", "_problem": "This card could not be read"}, "This card could not be read"),
    ],
)
def test_invalid_records_get_a_problem(record, problem):
    _, problems = services.validate_record(record)
    assert any(p.startswith(problem) for p in problems), problems


@pytest.mark.parametrize(
    "field, value",
    [
        ("email", "not-an-email"),
        ("email", "ada@example.com"),
        ("phone", "+49 (30) 123-456"),
        ("phone", "ring ring"),
        ("company", "x" * 200),
        ("company", "x" * 201),
        ("github_username", "@octocat"),
        ("github_username", "a" * 40),
        ("linkedin_url", "linkedin.com/in/ada"),
        ("linkedin_url", "https://evil.example.com/in/ada"),
        ("website_url", "example.com"),
        ("website_url", "javascript:alert(1)"),
        ("location", "y" * 201),
        ("notes", "z" * 20001),
    ],
)
def test_import_accepts_exactly_what_the_contact_form_accepts(alice, field, value):
    """The same rules in both places: a value the form rejects is a problem on import."""
    form_data = {
        "name": "Ada",
        "relationship": "peer",
        "status": "regular_contact",
        "importance": "medium",
        field: value,
    }
    form_ok = ContactForm(form_data, owner=alice).is_valid()
    data, problems = services.validate_record({"name": "Ada", field: value})
    assert (not problems) == form_ok
    if form_ok:
        form = ContactForm(form_data, owner=alice)
        form.is_valid()
        assert data[field] == form.cleaned_data[field]


# Creating contacts --------------------------------------------------------------------------


def test_linkedin_import_creates_contacts_with_profile_and_connected_on(alice):
    batch = import_text(alice, LINKEDIN_CSV)
    assert batch.status == ImportBatch.Status.DONE
    assert (batch.created_count, batch.merged_count, batch.skipped_count) == (4, 0, 0)
    ada = Contact.objects.get(owner=alice, name="Ada Lovelace")
    assert ada.linkedin_url == "https://www.linkedin.com/in/ada-lovelace"
    assert ada.company == "Analytical Engines"
    assert ada.job_title == "Engineer"
    assert ada.email == ""
    assert ada.connected_on == date(2013, 9, 27)
    assert ada.source == Contact.Source.IMPORT
    assert ada.source_detail == "Imported from Connections.csv"
    assert Contact.objects.get(owner=alice, name="Jürgen Müller-Šťastný").company == "Acme, Inc."
    assert batch.content == ""  # the file is not kept once imported


def test_vcard_import(alice):
    batch = import_text(alice, VCARD_3, "contacts.vcf")
    assert batch.format == ImportBatch.Format.VCARD
    ada = Contact.objects.get(owner=alice, name="Ada Lovelace")
    assert ada.github_username == "ada"
    assert ada.birthday == date(1815, 12, 10)
    assert ada.location == "London, UK"
    assert Contact.objects.filter(owner=alice).count() == 2


SPOOFED = "\u202eAda\u202c \u2066Lovelace\u2069\u200e"


def test_a_name_of_only_bidirectional_controls_is_one_problem():
    assert services.validate_record({"name": "\u202e\u2066\u200f"})[1] == [
        "No name: every contact needs one."
    ]


@pytest.mark.parametrize(
    ("filename", "text"),
    [
        (
            "Connections.csv",
            LINKEDIN_CSV.split("First Name")[0]
            + "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
            + "\u202eAda\u202c,\u2066Lovelace\u2069\u200e,,,,,27 Sep 2013\r\n",
        ),
        ("people.csv", csv_text(["Name", "Email"], {"Name": SPOOFED, "Email": "a@example.com"})),
        ("ada.vcf", f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:{SPOOFED}\r\nEND:VCARD\r\n"),
        (
            "ada.vcf",
            "BEGIN:VCARD\r\nVERSION:4.0\r\nN:\u2066Lovelace\u2069;\u202eAda\u202c;;;\r\n"
            "END:VCARD\r\n",
        ),
    ],
    ids=["linkedin", "csv", "vcard-fn", "vcard-n"],
)
def test_imported_names_lose_bidirectional_controls(alice, filename, text):
    import_text(alice, text, filename)

    assert list(Contact.objects.filter(owner=alice).values_list("name", flat=True)) == [
        "Ada Lovelace"
    ]


def test_csv_import_with_tags(alice):
    text = csv_text(
        ["Name", "Email", "Tags"], {"Name": "Ada", "Email": "a@example.com", "Tags": "Python, Math"}
    )
    batch = services.create_batch(alice, "people.csv", text.encode())
    assert batch.status == ImportBatch.Status.MAPPING
    assert batch.mapping == {"name": 0, "email": 1, "tags": 2}
    services.analyse(batch)
    run_to_end(batch)
    ada = Contact.objects.get(owner=alice, name="Ada")
    assert sorted(ada.tags.values_list("name", flat=True)) == ["Math", "Python"]


def test_invalid_rows_are_skipped_with_their_reason(alice):
    text = csv_text(
        ["name", "email"],
        {"name": "Ada", "email": "ada@example.com"},
        {"name": "", "email": "nobody@example.com"},
        {"name": "Bob", "email": "bob at example"},
    )
    batch = import_text(alice, text, "people.csv")
    assert (batch.created_count, batch.skipped_count) == (1, 2)
    skipped = batch.rows.filter(outcome=ImportRow.Outcome.SKIP).order_by("number")
    assert [row.number for row in skipped] == [2, 3]
    assert skipped[0].reason.startswith("No name")
    assert "E-mail: Enter a valid email address." in skipped[1].reason
    assert not Contact.objects.filter(owner=alice, email="nobody@example.com").exists()


# Duplicates ----------------------------------------------------------------------------------


def test_preview_finds_duplicates_of_existing_contacts_and_within_the_file(alice, charlie):
    existing = make_contact(
        alice, name="Ada L.", linkedin_url="http://linkedin.com/in/Ada-Lovelace/"
    )
    make_contact(charlie, name="Not alice's", linkedin_url="https://www.linkedin.com/in/zoe")
    text = LINKEDIN_CSV + "Jürgen,M,https://de.linkedin.com/in/JUERGEN?trk=x,,,,1 Jan 2020\r\n"
    batch = services.create_batch(alice, "Connections.csv", text.encode())
    rows = {row.number: row for row in batch.rows.all()}
    assert rows[1].outcome == ImportRow.Outcome.MERGE
    assert rows[1].matched_contact == existing
    assert rows[1].reason == "Same LinkedIn profile as an existing contact."
    assert rows[2].outcome == ImportRow.Outcome.CREATE
    assert rows[3].outcome == ImportRow.Outcome.CREATE  # charlie's Zoë is not alice's
    assert rows[5].outcome == ImportRow.Outcome.MERGE
    assert rows[5].duplicate_of_row == 2
    assert rows[5].reason == "Same LinkedIn profile as row 2 of this file."


def test_merge_fills_blank_fields_only(alice):
    existing = make_contact(
        alice, name="Ada (from the conference)", email="ada@example.com", company="Kept Ltd"
    )
    text = csv_text(
        ["name", "email", "company", "phone", "job title"],
        {
            "name": "Ada Lovelace",
            "email": "ADA@example.com",
            "company": "Overwritten?",
            "phone": "+44 20 1234567",
            "job title": "Engineer",
        },
    )
    batch = import_text(alice, text, "people.csv")
    existing.refresh_from_db()
    assert existing.name == "Ada (from the conference)"
    assert existing.company == "Kept Ltd"
    assert existing.phone == "+44 20 1234567"
    assert existing.job_title == "Engineer"
    row = batch.rows.get()
    assert row.outcome == ImportRow.Outcome.MERGE
    assert row.contact == existing
    assert row.reason == (
        "Same e-mail address as Ada (from the conference); filled in phone, job title."
    )
    assert batch.merged_count == 1
    assert Contact.objects.filter(owner=alice).count() == 1


def test_duplicates_within_the_file_become_one_contact(alice):
    text = csv_text(
        ["name", "email", "github"],
        {"name": "Ada", "email": "ada@example.com"},
        {"name": "Ada Lovelace", "email": "Ada@Example.com", "github": "ada"},
        {"name": "Ada again", "github": "https://github.com/Ada"},
    )
    batch = import_text(alice, text, "people.csv")
    assert (batch.created_count, batch.merged_count) == (1, 2)
    ada = Contact.objects.get(owner=alice)
    assert (ada.name, ada.github_username) == ("Ada", "ada")


def test_importing_the_same_file_twice_creates_no_duplicates(alice):
    first = import_text(alice, LINKEDIN_CSV)
    second = services.create_batch(alice, "Connections.csv", LINKEDIN_CSV.encode())
    assert set(second.rows.values_list("outcome", flat=True)) == {ImportRow.Outcome.MERGE}
    run_to_end(second)
    assert first.created_count == 4
    assert (second.created_count, second.merged_count) == (0, 4)
    assert Contact.objects.filter(owner=alice).count() == 4
    assert {row.reason for row in second.rows.all()} >= {
        "Same LinkedIn profile as Ada Lovelace; nothing new to add."
    }


def test_archived_contacts_count_as_existing(alice):
    make_contact(
        alice, name="Ada", linkedin_url="https://www.linkedin.com/in/ada-lovelace", is_archived=True
    )
    batch = import_text(alice, LINKEDIN_CSV)
    assert batch.merged_count == 1


def test_contacts_added_after_the_preview_are_still_matched(alice):
    batch = services.create_batch(alice, "Connections.csv", LINKEDIN_CSV.encode())
    assert batch.rows.get(number=1).outcome == ImportRow.Outcome.CREATE
    make_contact(alice, name="Ada", linkedin_url="https://www.linkedin.com/in/ada-lovelace/")
    run_to_end(batch)
    assert batch.rows.get(number=1).outcome == ImportRow.Outcome.MERGE
    assert Contact.objects.filter(owner=alice, linkedin_url__icontains="ada-lovelace").count() == 1


# Chunks, resume, undo ------------------------------------------------------------------------


def test_processing_goes_in_chunks_and_can_resume(alice):
    batch = services.create_batch(alice, "Connections.csv", linkedin_csv(25).encode())
    services.confirm(batch)
    assert services.process_chunk(batch, size=10)
    assert (batch.status, batch.processed_rows, batch.created_count) == ("running", 10, 10)
    assert Contact.objects.filter(owner=alice).count() == 10

    # The tab is closed here; later the batch is picked up again from the database.
    resumed = ImportBatch.objects.get(pk=batch.pk)
    assert services.process_chunk(resumed, size=10)
    assert services.process_chunk(resumed, size=10)
    assert (resumed.status, resumed.processed_rows, resumed.created_count) == ("done", 25, 25)
    assert resumed.finished_at is not None
    assert Contact.objects.filter(owner=alice).count() == 25
    assert not resumed.rows.filter(processed=False).exists()


def test_a_batch_held_by_another_request_is_not_processed_twice(alice):
    batch = services.create_batch(alice, "Connections.csv", linkedin_csv(5).encode())
    services.confirm(batch)
    ImportBatch.objects.filter(pk=batch.pk).update(
        locked_until=timezone.now() + timedelta(seconds=30)
    )
    assert not services.process_chunk(batch)
    assert Contact.objects.filter(owner=alice).count() == 0
    # A lock left by a request that died expires.
    ImportBatch.objects.filter(pk=batch.pk).update(
        locked_until=timezone.now() - timedelta(seconds=1)
    )
    assert services.process_chunk(batch)
    assert batch.status == ImportBatch.Status.DONE


def test_confirm_happens_once(alice):
    batch = services.create_batch(alice, "Connections.csv", LINKEDIN_CSV.encode())
    assert services.confirm(batch)
    assert not services.confirm(batch)


def test_undo_deletes_only_the_contacts_the_batch_created(alice):
    existing = make_contact(
        alice, name="Ada", linkedin_url="https://www.linkedin.com/in/ada-lovelace"
    )
    batch = import_text(alice, LINKEDIN_CSV)
    assert (batch.created_count, batch.merged_count) == (3, 1)
    existing.refresh_from_db()
    assert existing.company == "Analytical Engines"  # filled in by the merge

    assert services.start_undo(batch)
    assert services.undo_chunk(batch)
    assert list(Contact.objects.filter(owner=alice)) == [existing]
    existing.refresh_from_db()
    assert existing.company == "Analytical Engines"  # fill-ins are kept
    assert (batch.status, batch.undone_count) == (ImportBatch.Status.UNDONE, 3)
    assert batch.undone_at is not None
    assert not services.start_undo(batch)  # only once
    assert not services.undo_chunk(batch)


def test_undo_goes_in_chunks_and_can_resume(alice):
    batch = services.create_batch(alice, "Connections.csv", linkedin_csv(25).encode())
    run_to_end(batch)
    services.start_undo(batch)
    assert services.undo_chunk(batch, size=10)
    assert (batch.status, batch.undone_count) == (ImportBatch.Status.UNDOING, 10)
    assert Contact.objects.filter(owner=alice).count() == 15
    resumed = ImportBatch.objects.get(pk=batch.pk)  # the tab was closed
    assert services.undo_chunk(resumed, size=10)
    assert services.advance(resumed)  # advance() knows the batch is undoing
    assert (resumed.status, resumed.undone_count) == (ImportBatch.Status.UNDONE, 25)
    assert Contact.objects.filter(owner=alice).count() == 0


def test_undo_skips_contacts_already_deleted_by_hand(alice):
    batch = import_text(alice, LINKEDIN_CSV)
    Contact.objects.get(owner=alice, name="Zoë").delete()
    services.start_undo(batch)
    services.undo_chunk(batch)
    assert (batch.status, batch.undone_count) == (ImportBatch.Status.UNDONE, 3)


def test_undo_a_partial_import_stops_it(alice):
    batch = services.create_batch(alice, "Connections.csv", linkedin_csv(30).encode())
    services.confirm(batch)
    services.process_chunk(batch, size=10)
    assert services.start_undo(batch)
    assert not services.process_chunk(batch)  # an import being undone is not continued
    assert services.undo_chunk(batch)
    assert batch.undone_count == 10
    assert Contact.objects.filter(owner=alice).count() == 0
    assert not services.process_chunk(batch)
    assert Contact.objects.filter(owner=alice).count() == 0


def test_undo_waits_for_a_running_chunk(alice):
    batch = services.create_batch(alice, "Connections.csv", linkedin_csv(5).encode())
    services.confirm(batch)
    services.process_chunk(batch, size=2)
    ImportBatch.objects.filter(pk=batch.pk).update(
        locked_until=timezone.now() + timedelta(seconds=30)
    )
    assert not services.start_undo(batch)
    assert Contact.objects.filter(owner=alice).count() == 2


# Whole files that cannot be imported --------------------------------------------------------


@pytest.mark.parametrize(
    "raw, message",
    [
        (b"   \n\n", "The file is empty."),
        (b"name,email\n", "header row but no contacts"),
        (b"BEGIN:VCARD-ish nonsense", "No contacts were found"),
        (b'name,email\n"Ada,ada@example.com\n', "malformed"),
        (b"\x00\x01\x02binary", "not look like a text file"),
    ],
)
def test_unreadable_files_raise_a_clear_error(alice, raw, message):
    with pytest.raises(parsers.ImportFileError, match=message):
        services.create_batch(alice, "x.csv", raw)
    assert not ImportBatch.objects.exists()


def test_too_many_rows_is_an_error(alice, monkeypatch):
    monkeypatch.setattr(services, "MAX_ROWS", 10)
    with pytest.raises(parsers.ImportFileError, match="at most 10 can be imported"):
        services.create_batch(alice, "Connections.csv", linkedin_csv(11).encode())


def test_upload_queries_do_not_grow_with_the_file(alice, charlie):
    """10,000 rows must not mean 10,000 queries: matching uses one in-memory index."""
    make_contact(alice, name="Someone", email="person0@example.com")
    with CaptureQueriesContext(connection) as small:
        services.create_batch(alice, "small.csv", linkedin_csv(10).encode())
    with CaptureQueriesContext(connection) as large:
        services.create_batch(charlie, "large.csv", linkedin_csv(1500).encode())
    # Only the batched INSERT of the preview rows grows (500 rows per statement).
    assert len(large) <= len(small) + 3
