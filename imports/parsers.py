"""Reading uploaded contact files into plain records: pure functions, no database.

A *record* is a dict of import field name -> text, e.g. ``{"name": "Ada Lovelace", "email": ""}``.
Validation against the contact rules happens later (imports.rows); here we only read formats.
"""

import csv
import functools
import io
import re
from datetime import date, datetime

import vobject

LINKEDIN = "linkedin"
GENERIC_CSV = "csv"
VCARD = "vcard"

# The fields an import can fill, in the order the mapping step offers them.
FIELD_LABELS = {
    "name": "Full name",
    "first_name": "First name",
    "last_name": "Last name",
    "email": "E-mail",
    "phone": "Phone",
    "company": "Company",
    "job_title": "Job title",
    "location": "Location",
    "github_username": "GitHub username",
    "linkedin_url": "LinkedIn URL",
    "website_url": "Website",
    "notes": "Notes",
    "birthday": "Birthday",
    "connected_on": "Connected on",
    "tags": "Tags (comma-separated)",
}

# Header spellings recognised for each field, best first: simple headers, Google Contacts
# ("Given Name", "E-mail 1 - Value", "Organization 1 - Name") and Outlook ("E-mail Address",
# "Mobile Phone", "Job Title"). Headers are compared after normalise_header().
HEADER_ALIASES = {
    "name": ["name", "full name", "display name", "contact name", "fn"],
    "first_name": ["first name", "given name", "firstname", "forename"],
    "last_name": ["last name", "family name", "surname", "lastname"],
    "email": [
        "email",
        "e mail",
        "email address",
        "e mail address",
        "e mail 1 value",
        "email 1 value",
        "primary email",
        "work email",
        "mail",
    ],
    "phone": [
        "phone",
        "phone number",
        "mobile phone",
        "mobile",
        "cell",
        "phone 1 value",
        "business phone",
        "home phone",
        "primary phone",
        "telephone",
    ],
    "company": [
        "company",
        "organization",
        "organisation",
        "organization 1 name",
        "organization name",
        "employer",
    ],
    "job_title": [
        "job title",
        "position",
        "role",
        "organization 1 title",
        "organization title",
        "title",
    ],
    "location": [
        "location",
        "city",
        "address",
        "address 1 formatted",
        "home city",
        "business city",
    ],
    "github_username": ["github", "github username", "github user", "github url", "github profile"],
    "linkedin_url": ["linkedin", "linkedin url", "linkedin profile", "linkedin profile url"],
    "website_url": [
        "website",
        "web site",
        "web page",
        "homepage",
        "url",
        "website 1 value",
        "personal web page",
        "blog",
    ],
    "notes": ["notes", "note", "comments", "description"],
    "birthday": ["birthday", "birth date", "date of birth", "dob"],
    "connected_on": ["connected on", "date connected", "connected"],
    "tags": ["tags", "tag"],
}

LINKEDIN_COLUMNS = {
    "First Name": "first_name",
    "Last Name": "last_name",
    "URL": "linkedin_url",
    "Email Address": "email",
    "Company": "company",
    "Position": "job_title",
    "Connected On": "connected_on",
}

DATE_FORMATS = (
    "%Y-%m-%d",
    "%d %b %Y",  # LinkedIn: 27 Sep 2013
    "%d %B %Y",
    "%b %d, %Y",
    "%B %d, %Y",
    "%Y%m%d",  # vCard basic format
    "%m/%d/%Y",  # Outlook (US)
    "%d/%m/%Y",
    "%d.%m.%Y",
    "%Y/%m/%d",
)


class ImportFileError(ValueError):
    """The file cannot be read at all; the message is shown to the user."""


def decode(data: bytes) -> str:
    """Bytes -> text: UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252/Latin-1."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encodings = ["utf-16"]
    else:
        encodings = ["utf-8-sig", "cp1252", "latin-1"]
    for encoding in encodings:
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ImportFileError("The file's text encoding could not be recognised.")
    if "\x00" in text:
        raise ImportFileError("This does not look like a text file (CSV or vCard).")
    return text


def _csv_rows(text: str, dialect: type[csv.Dialect] | csv.Dialect = csv.excel):
    # strict: an unclosed quote is an error, not the rest of the file swallowed into one cell.
    reader = csv.reader(io.StringIO(text, newline=""), dialect, strict=True)
    try:
        yield from reader
    except csv.Error as exc:
        raise ImportFileError(
            f"The CSV file is malformed near line {reader.line_num}: {exc}. "
            "Check its quotes, or save it again from your spreadsheet as CSV."
        ) from exc


def _linkedin_header_at(text: str) -> int | None:
    """Index of LinkedIn's header row among the first rows (after its "Notes:" preamble)."""
    for number, row in enumerate(_csv_rows(text)):
        cells = {cell.strip() for cell in row}
        # Exports before 2023 had no URL column; "Connected On" is LinkedIn's own.
        if {"First Name", "Last Name", "Connected On"} <= cells:
            return number
        if number >= 10:
            break
    return None


def detect_format(text: str) -> str:
    if text.lstrip().upper().startswith("BEGIN:VCARD"):
        return VCARD
    if _linkedin_header_at(text) is not None:
        return LINKEDIN
    return GENERIC_CSV


def _is_blank(cells: list[str]) -> bool:
    return not any(cell.strip() for cell in cells)


def parse_linkedin(text: str) -> list[dict[str, str]]:
    """LinkedIn's Connections.csv: skip the preamble, then one record per connection."""
    start = _linkedin_header_at(text)
    if start is None:
        raise ImportFileError("LinkedIn's header row (First Name, Last Name, ...) is missing.")
    rows = _csv_rows(text)
    for _ in range(start):
        next(rows)
    header = [cell.strip() for cell in next(rows)]
    columns = {i: LINKEDIN_COLUMNS[h] for i, h in enumerate(header) if h in LINKEDIN_COLUMNS}
    records = []
    for row in rows:
        if _is_blank(row):
            continue
        record = {field: row[i].strip() if i < len(row) else "" for i, field in columns.items()}
        records.append(combine_name(record))
    return records


def read_csv(text: str) -> tuple[list[str], list[list[str]]]:
    """A generic CSV's header row and data rows; the delimiter is sniffed (, ; tab |)."""
    sample = text[:65536]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    rows = _csv_rows(text, dialect)
    header = next(rows, None)
    if header is None or _is_blank(header):
        raise ImportFileError("The CSV file has no header row.")
    headers = [cell.strip() or f"Column {i}" for i, cell in enumerate(header, start=1)]
    data = [row for row in rows if not _is_blank(row)]
    return headers, data


def normalise_header(header: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", header.lower()).strip()


def guess_mapping(headers: list[str]) -> dict[str, int]:
    """Import field -> column index, from the header names; each column used at most once."""
    normalised = [normalise_header(h) for h in headers]
    mapping: dict[str, int] = {}
    used: set[int] = set()
    for field, aliases in HEADER_ALIASES.items():
        for alias in aliases:
            column = next(
                (i for i, h in enumerate(normalised) if h == alias and i not in used), None
            )
            if column is not None:
                mapping[field] = column
                used.add(column)
                break
    return mapping


def apply_mapping(rows: list[list[str]], mapping: dict[str, int]) -> list[dict[str, str]]:
    records = []
    for row in rows:
        record = {
            field: row[column].strip() if column < len(row) else ""
            for field, column in mapping.items()
        }
        records.append(combine_name(record))
    return records


def combine_name(record: dict[str, str]) -> dict[str, str]:
    """A full name wins; otherwise first and last name joined."""
    first, last = record.pop("first_name", ""), record.pop("last_name", "")
    if not record.get("name"):
        record["name"] = " ".join(part for part in (first, last) if part)
    return record


def parse_vcards(text: str) -> list[dict[str, str]]:
    """Every card in a .vcf file (vCard 3.0 or 4.0, folded lines), read with vobject.

    Cards are split apart first so one broken card becomes one row with a problem instead of
    ending the whole file.
    """
    records = []
    for card_text in _split_cards(text):
        try:
            card = vobject.readOne(card_text)
            records.append(_card_record(card))
        except Exception as exc:  # vobject raises a variety of errors on malformed cards
            records.append({"name": "", "_problem": f"This card could not be read: {exc}"[:300]})
    return records


def _split_cards(text: str) -> list[str]:
    cards, current = [], []
    for line in text.splitlines():
        keyword = line.strip().upper()
        if keyword == "BEGIN:VCARD":
            current = [line]
        elif current:
            current.append(line)
            if keyword == "END:VCARD":
                cards.append("\r\n".join(current) + "\r\n")
                current = []
    if current:
        cards.append("\r\n".join([*current, "END:VCARD"]) + "\r\n")
    return cards


def _values(card, key: str) -> list:
    return list(card.contents.get(key, []))


def _preferred(lines: list):
    """The line marked preferred (TYPE=PREF in 3.0, PREF=1 in 4.0), else the first."""
    for line in lines:
        types = [t.lower() for value in line.params.get("TYPE", []) for t in value.split(",")]
        if "pref" in types or line.params.get("PREF"):
            return line
    return lines[0] if lines else None


def _text(value) -> str:
    if isinstance(value, list):
        value = value[0] if value else ""
    return str(value or "").strip()


def _card_record(card) -> dict[str, str]:
    record: dict[str, str] = {"name": _text(card.fn.value) if "fn" in card.contents else ""}
    if not record["name"] and "n" in card.contents:
        n = card.n.value
        given = getattr(n, "given", "")
        family = getattr(n, "family", "")
        record["name"] = " ".join(_text(p) for p in (given, family) if _text(p))
    if email := _preferred(_values(card, "email")):
        record["email"] = _text(email.value).removeprefix("mailto:")
    if tel := _preferred(_values(card, "tel")):
        record["phone"] = _text(tel.value).removeprefix("tel:")
    if "org" in card.contents:
        record["company"] = _text(card.org.value)
    if "title" in card.contents:
        record["job_title"] = _text(card.title.value)
    if "note" in card.contents:
        record["notes"] = _text(card.note.value)
    if "bday" in card.contents:
        record["birthday"] = _text(card.bday.value)
    if adr := _preferred(_values(card, "adr")):
        parts = [getattr(adr.value, name, "") for name in ("city", "region", "country")]
        record["location"] = ", ".join(_text(p) for p in parts if _text(p))
    urls = [_text(line.value) for line in _values(card, "url")]
    urls += [_text(line.value) for line in _values(card, "x-socialprofile")]
    for url in urls:
        lowered = url.lower()
        if "linkedin.com/" in lowered:
            record.setdefault("linkedin_url", url)
        elif "github.com/" in lowered:
            record.setdefault("github_username", url)
        elif url:
            record.setdefault("website_url", url)
    return record


@functools.lru_cache(maxsize=4096)  # exports repeat dates a lot; strptime is slow
def parse_date(value: str) -> date | None:
    """A date in any of the formats exports use; None for blank or yearless ('--12-10', '0/0/00').

    Raises ValueError for anything else.
    """
    value = value.strip()
    if not value or value.startswith("--") or set(value) <= set("0/.-"):
        return None
    value = value.split("T")[0]  # vCard 4.0 may add a time
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    raise ValueError(value)
