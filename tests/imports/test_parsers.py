from datetime import date

import pytest

from imports import parsers
from tests.imports.samples import (
    GOOGLE_HEADERS,
    LINKEDIN_CSV,
    OUTLOOK_HEADERS,
    VCARD_3,
    VCARD_4,
    csv_text,
)

# LinkedIn ------------------------------------------------------------------------------------


def test_linkedin_export_is_detected_despite_its_preamble():
    assert parsers.detect_format(LINKEDIN_CSV) == parsers.LINKEDIN


def test_linkedin_rows_after_the_preamble_with_unicode_and_quoted_commas():
    records = parsers.parse_linkedin(LINKEDIN_CSV)
    assert [r["name"] for r in records] == [
        "Ada Lovelace",
        "Jürgen Müller-Šťastný",
        "Zoë",
        "李 小龙",
    ]
    ada, jurgen = records[0], records[1]
    assert ada == {
        "name": "Ada Lovelace",
        "linkedin_url": "https://www.linkedin.com/in/ada-lovelace",
        "email": "",
        "company": "Analytical Engines",
        "job_title": "Engineer",
        "connected_on": "27 Sep 2013",
    }
    assert jurgen["company"] == "Acme, Inc."
    assert jurgen["job_title"] == "Head of R&D, Europe"
    assert jurgen["email"] == "jm@example.com"


def test_linkedin_blank_lines_are_ignored():
    records = parsers.parse_linkedin(LINKEDIN_CSV + "\r\n,,,,,,\r\n\r\n")
    assert len(records) == 4


def test_linkedin_without_preamble_is_still_linkedin():
    text = LINKEDIN_CSV[LINKEDIN_CSV.index("First Name") :]
    assert parsers.detect_format(text) == parsers.LINKEDIN
    assert len(parsers.parse_linkedin(text)) == 4


def test_older_linkedin_export_without_url_column():
    text = (
        "First Name,Last Name,Email Address,Company,Position,Connected On\n"
        "Ada,Lovelace,ada@example.com,Engines,Engineer,27 Sep 2013\n"
    )
    assert parsers.detect_format(text) == parsers.LINKEDIN
    assert parsers.parse_linkedin(text) == [
        {
            "name": "Ada Lovelace",
            "email": "ada@example.com",
            "company": "Engines",
            "job_title": "Engineer",
            "connected_on": "27 Sep 2013",
        }
    ]


def test_outlook_csv_is_not_mistaken_for_linkedin():
    assert parsers.detect_format(csv_text(OUTLOOK_HEADERS)) == parsers.GENERIC_CSV


@pytest.mark.parametrize(
    "value, expected",
    [
        ("27 Sep 2013", date(2013, 9, 27)),
        ("03 Jan 2024", date(2024, 1, 3)),
        ("1 Mar 2021", date(2021, 3, 1)),
        ("2013-09-27", date(2013, 9, 27)),
        ("19061209", date(1906, 12, 9)),
        ("12/25/1990", date(1990, 12, 25)),  # Outlook, US
        ("25.12.1990", date(1990, 12, 25)),
        ("1990-12-25T00:00:00Z", date(1990, 12, 25)),
        ("", None),
        ("--1228", None),  # vCard birthday without a year
        ("--12-28", None),
        ("0/0/00", None),  # Outlook's empty birthday
    ],
)
def test_parse_date(value, expected):
    assert parsers.parse_date(value) == expected


@pytest.mark.parametrize("value", ["soon", "32 Sep 2013", "2013-13-01"])
def test_parse_date_rejects_non_dates(value):
    with pytest.raises(ValueError):
        parsers.parse_date(value)


# Generic CSV and the mapping guesses ---------------------------------------------------------


def test_google_contacts_headers_are_recognised():
    mapping = parsers.guess_mapping(GOOGLE_HEADERS)
    by_header = {field: GOOGLE_HEADERS[column] for field, column in mapping.items()}
    assert by_header == {
        "name": "Name",
        "first_name": "Given Name",
        "last_name": "Family Name",
        "email": "E-mail 1 - Value",
        "phone": "Phone 1 - Value",
        "company": "Organization 1 - Name",
        "job_title": "Organization 1 - Title",
        "website_url": "Website 1 - Value",
        "notes": "Notes",
        "birthday": "Birthday",
    }


def test_outlook_headers_are_recognised_and_title_is_not_the_job_title():
    mapping = parsers.guess_mapping(OUTLOOK_HEADERS)
    by_header = {field: OUTLOOK_HEADERS[column] for field, column in mapping.items()}
    assert by_header == {
        "first_name": "First Name",
        "last_name": "Last Name",
        "email": "E-mail Address",
        "phone": "Mobile Phone",
        "company": "Company",
        "job_title": "Job Title",
        "location": "Business City",
        "website_url": "Web Page",
        "notes": "Notes",
        "birthday": "Birthday",
    }


@pytest.mark.parametrize(
    "headers, expected",
    [
        (
            ["name", "email", "company", "github"],
            {"name": 0, "email": 1, "company": 2, "github_username": 3},
        ),
        (
            ["Full Name", "E-Mail", "Title", "LinkedIn URL", "GitHub Username", "Tags"],
            {
                "name": 0,
                "email": 1,
                "job_title": 2,
                "linkedin_url": 3,
                "github_username": 4,
                "tags": 5,
            },
        ),
        (["Surname", "First name", "Phone number"], {"last_name": 0, "first_name": 1, "phone": 2}),
        (["Colour", "Shoe size"], {}),
    ],
)
def test_simple_headers_are_recognised(headers, expected):
    assert parsers.guess_mapping(headers) == expected


def test_mapping_combines_first_and_last_name_unless_a_full_name_is_given():
    rows = [["Ada", "Lovelace", ""], ["Grace", "Hopper", "Rear Admiral Grace Hopper"], ["", "", ""]]
    records = parsers.apply_mapping(rows, {"first_name": 0, "last_name": 1, "name": 2})
    assert [r["name"] for r in records] == ["Ada Lovelace", "Rear Admiral Grace Hopper", ""]
    assert "first_name" not in records[0]


def test_mapping_tolerates_short_rows():
    assert parsers.apply_mapping([["Ada"]], {"name": 0, "email": 3}) == [
        {"name": "Ada", "email": ""}
    ]


def test_google_csv_reads_end_to_end():
    text = csv_text(
        GOOGLE_HEADERS,
        {
            "Name": "Ada Lovelace",
            "Given Name": "Ada",
            "Family Name": "Lovelace",
            "E-mail 1 - Value": "ada@example.com",
            "Organization 1 - Name": "Engines, Ltd",
        },
    )
    assert parsers.detect_format(text) == parsers.GENERIC_CSV
    headers, rows = parsers.read_csv(text)
    record = parsers.apply_mapping(rows, parsers.guess_mapping(headers))[0]
    assert record["name"] == "Ada Lovelace"
    assert record["email"] == "ada@example.com"
    assert record["company"] == "Engines, Ltd"


@pytest.mark.parametrize("delimiter", [";", "\t", "|"])
def test_delimiter_is_sniffed(delimiter):
    text = delimiter.join(["name", "email", "company"]) + "\n"
    text += delimiter.join(["Ada Lovelace", "ada@example.com", "Engines"]) + "\n"
    text += delimiter.join(["Grace Hopper", "grace@example.com", "Navy"]) + "\n"
    headers, rows = parsers.read_csv(text)
    assert headers == ["name", "email", "company"]
    assert rows[1] == ["Grace Hopper", "grace@example.com", "Navy"]


def test_blank_headers_get_names_and_blank_rows_are_dropped():
    headers, rows = parsers.read_csv("name,,email\nAda,x,a@example.com\n,,\n\n")
    assert headers == ["name", "Column 2", "email"]
    assert rows == [["Ada", "x", "a@example.com"]]


def test_malformed_csv_is_reported_with_a_line():
    with pytest.raises(parsers.ImportFileError, match="malformed near line"):
        parsers.read_csv('name,email\n"Ada,ada@example.com\nBob,b@example.com\n')


def test_csv_without_header_is_an_error():
    with pytest.raises(parsers.ImportFileError, match="no header row"):
        parsers.read_csv("\n\n")


# Encodings -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        "name\nJürgen Zoë\n".encode(),
        "\ufeffname\nJürgen Zoë\n".encode(),  # UTF-8 with BOM, as Excel saves it
        "name\nJürgen Zoë\n".encode("cp1252"),
        "name\nJürgen Zoë\n".encode("latin-1"),
        "name\nJürgen Zoë\n".encode("utf-16"),  # with BOM
    ],
)
def test_decode_recognises_encodings(data):
    assert parsers.decode(data) == "name\nJürgen Zoë\n"


def test_decode_keeps_cp1252_punctuation():
    text = "O\u2019Brien \u2013 \u201cDev\u201d"  # curly quotes and an en dash
    assert parsers.decode(text.encode("cp1252")) == text


def test_decode_rejects_binary():
    with pytest.raises(parsers.ImportFileError, match="not look like a text file"):
        parsers.decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")


# vCard ---------------------------------------------------------------------------------------


def test_vcard_is_detected():
    assert parsers.detect_format("\r\n" + VCARD_3) == parsers.VCARD


def test_vcard_3_with_folded_lines_and_several_cards():
    ada, charles = parsers.parse_vcards(VCARD_3)
    assert ada == {
        "name": "Ada Lovelace",
        "email": "ada@example.com",  # the preferred one
        "phone": "+44 20 1234567",
        "company": "Analytical Engines Ltd",
        "job_title": "Engineer",
        "notes": "Met at the Difference Engine demo. This note is long enough to be folded"
        " over two lines.",
        "birthday": "1815-12-10",
        "location": "London, UK",
        "linkedin_url": "https://www.linkedin.com/in/ada",
        "github_username": "https://github.com/ada",
    }
    assert charles == {"name": "Charles Babbage"}


def test_vcard_4_values():
    grace, linus = parsers.parse_vcards(VCARD_4)
    assert grace["name"] == "Grace Hopper"
    assert grace["email"] == "grace@example.com"
    assert grace["phone"] == "+1-555-555-5555"
    assert grace["birthday"] == "19061209"
    assert grace["website_url"] == "https://grace.example.com/"
    assert grace["notes"] == "Invented the first compiler, and found a moth."
    assert linus == {
        "name": "Linus",
        "birthday": "--1228",
        "github_username": "https://github.com/torvalds",
    }


def test_vcard_name_from_n_when_fn_is_missing():
    text = "BEGIN:VCARD\nVERSION:3.0\nN:Hopper;Grace;;;\nEND:VCARD\n"
    assert parsers.parse_vcards(text)[0]["name"] == "Grace Hopper"


def test_a_broken_card_becomes_a_problem_row_and_the_rest_is_read():
    broken = "BEGIN:VCARD\nVERSION:3.0\nFN:Broken\nthis line has no colon\nEND:VCARD\n"
    records = parsers.parse_vcards(VCARD_3 + broken + VCARD_4)
    assert len(records) == 5
    assert records[2]["_problem"].startswith("This card could not be read")
    assert records[3]["name"] == "Grace Hopper"


def test_a_card_missing_its_end_is_still_read():
    records = parsers.parse_vcards("BEGIN:VCARD\nVERSION:3.0\nFN:Ada\n")
    assert records == [{"name": "Ada"}]
