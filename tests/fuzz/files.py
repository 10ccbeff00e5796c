"""Hypothesis strategies for uploaded files: contact files for the import (CSV, LinkedIn CSV,
vCard) and JSON exports for the restore, each a mix of well-formed files (with hostile values
inside) and broken ones: random bytes, huge lines, broken CSV quoting, vCards with junk, JSON of
the wrong shape, type or version, wrong file extensions, empty files.

A drawn file is an `Upload`: its name, its bytes, and `broken`, the reason it must be refused
when the file cannot be accepted whatever the server thinks of its values ("" when it may be)."""

import copy
import csv
import io
import json
from dataclasses import dataclass

from hypothesis import strategies as st

from tests.fuzz.strategies import (
    EDGE_DATES,
    INVALID_DATES,
    NUMBERS,
    UNICODE_SAMPLES,
    XSS_PAYLOADS,
    printable_text,
    text,
)


@dataclass(frozen=True)
class Upload:
    name: str
    content: bytes
    broken: str = ""  # why it must be refused; "" if it may be accepted

    def __repr__(self) -> str:  # hypothesis prints this for a failing example
        return f"Upload({self.name!r}, {self.content[:300]!r}..., broken={self.broken!r})"


# A cell: plausible contact values, hostile text, dates of every kind.
CELL = st.one_of(
    printable_text(80),
    st.sampled_from(XSS_PAYLOADS),
    st.sampled_from(UNICODE_SAMPLES),
    st.sampled_from(
        (
            "",
            "ada@example.com",
            "not-an-email",
            "+49 30 1234567",
            "octocat",
            "https://www.linkedin.com/in/ada",
            "javascript:alert(1)",
            "Python, Rust, <b>Go</b>",
        )
    ),
    st.sampled_from(INVALID_DATES + NUMBERS),
    st.sampled_from(EDGE_DATES).map(lambda d: d.isoformat()),
    st.sampled_from(("27 Sep 2013", "12/31/9999", "0001-01-01", "--12-10", "2024-02-29")),
    text(max_size=30),
)
HEADERS = (
    "Name",
    "First Name",
    "Last Name",
    "E-mail Address",
    "Phone",
    "Company",
    "Job Title",
    "Birthday",
    "Connected On",
    "Tags",
    "Website",
    "LinkedIn",
    "GitHub",
    "Notes",
    "<script>alert(1)</script>",
    "",
)


def _csv_bytes(rows: list[list[str]], delimiter: str, encoding: str) -> bytes:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter).writerows(rows)
    return out.getvalue().encode(encoding, errors="replace")


@st.composite
def csv_upload(draw) -> Upload:
    headers = draw(st.lists(st.sampled_from(HEADERS), min_size=1, max_size=8))
    # Always one name column, so most files get through to the mapping step.
    if not {"Name", "First Name"} & set(headers):
        headers.insert(0, "Name")
    rows = draw(st.lists(st.lists(CELL, min_size=0, max_size=len(headers) + 2), max_size=6))
    if draw(st.booleans()):  # LinkedIn's export: a preamble, then its own header
        headers = ["First Name", "Last Name", "URL", "Email Address", "Company", "Position"]
        headers.append("Connected On")
        preamble = [["Notes:"], ["When exporting your connection data, you may notice..."], []]
        rows = [*preamble, headers, *rows]
    else:
        rows = [headers, *rows]
    delimiter = draw(st.sampled_from(",;\t|"))
    encoding = draw(st.sampled_from(("utf-8", "utf-8-sig", "utf-16", "cp1252")))
    name = draw(st.sampled_from(("people.csv", "Connections.CSV", "export.txt")))
    return Upload(name, _csv_bytes(rows, delimiter, encoding))


@st.composite
def broken_csv(draw) -> Upload:
    """Files the CSV reader must survive: the view may refuse them or import what it can."""
    kind = draw(
        st.sampled_from(("quote", "huge line", "ragged", "header only", "blank", "columns"))
    )
    if kind == "quote":
        body = b'Name,Email\n"Ada Lovelace,ada@example.com\nGrace,"g@x"y"\n'
    elif kind == "huge line":
        cell = draw(st.sampled_from(("x", "<script>", "é", '"')))
        body = ("Name,Notes\nAda," + cell * draw(st.integers(70_000, 300_000)) + "\n").encode()
    elif kind == "ragged":
        body = b'Name\nAda,1,2,3,4,5\n,\n\n"Grace""",x\r\r\n'
    elif kind == "header only":
        return Upload("people.csv", b"Name,Email\n", "has a header row but no contacts")
    elif kind == "blank":
        return Upload("people.csv", b" \r\n\t\n", "has no header row")
    else:
        count = draw(st.integers(201, 400))
        body = (",".join(f"c{i}" for i in range(count)) + "\nAda\n").encode()
        return Upload("wide.csv", body, "too many columns")
    return Upload("people.csv", body)


VCARD_LINES = (
    "FN:{v}",
    "N:{v};{v};;;",
    "EMAIL;TYPE=INTERNET,PREF:{v}",
    "EMAIL:{v}",
    "TEL;TYPE=cell:{v}",
    "ORG:{v}",
    "TITLE:{v}",
    "NOTE:{v}",
    "BDAY:{v}",
    "ADR;TYPE=home:;;{v};{v};;;{v}",
    "URL:{v}",
    "X-SOCIALPROFILE;type=github:https://github.com/{v}",
    "PHOTO;ENCODING=b;TYPE=JPEG:{v}",
    "{v}",  # junk: not a property at all
    ":{v}",
    "FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=E2=80=AE{v}",
    "BEGIN:VCARD",  # a card that never ends
    " folded{v}",
)


def _vcard_value(value: str) -> str:
    return value.replace("\r", " ").replace("\n", "\\n")


@st.composite
def vcard_upload(draw) -> Upload:
    cards = []
    for _ in range(draw(st.integers(1, 4))):
        version = draw(st.sampled_from(("3.0", "4.0", "2.1", "9.9", "")))
        lines = ["BEGIN:VCARD", f"VERSION:{version}"]
        for _ in range(draw(st.integers(0, 6))):
            template = draw(st.sampled_from(VCARD_LINES))
            lines.append(template.format(v=_vcard_value(draw(CELL))))
        if draw(st.integers(0, 5)):
            lines.append("END:VCARD")
        cards.append("\r\n".join(lines))
    body = "\r\n".join(cards) + "\r\n"
    name = draw(st.sampled_from(("contacts.vcf", "Contacts.VCARD", "card.txt")))
    return Upload(name, body.encode("utf-8", errors="replace"))


@st.composite
def junk_upload(draw) -> Upload:
    """Files that are no contacts file at all."""
    kind = draw(st.sampled_from(("empty", "bytes", "nul", "extension", "utf-16 odd", "no name")))
    if kind == "empty":
        return Upload(draw(st.sampled_from(("people.csv", "c.vcf"))), b"", "empty")
    if kind == "bytes":
        # Random bytes decode as cp1252/latin-1 text: refused or imported, never a crash.
        return Upload("people.csv", draw(st.binary(min_size=1, max_size=2000)))
    if kind == "nul":
        return Upload("people.csv", b"Name\nAda\x00Lovelace\n", "binary (a NUL byte)")
    if kind == "extension":
        name = draw(st.sampled_from(("people.xlsx", "contacts.json", "x.csv.exe", "csv", ".vcf ")))
        return Upload(name, b"Name\nAda\n", "not a .csv/.vcf/.txt file")
    if kind == "utf-16 odd":
        return Upload("people.csv", b"\xff\xfeN\x00a\x00m", "undecodable UTF-16")
    return Upload("Connections", b"Name\nAda\n", "no extension")


def contact_file():
    return st.one_of(csv_upload(), broken_csv(), vcard_upload(), junk_upload())


# --- JSON exports ------------------------------------------------------------------------------

HOSTILE_JSON_VALUES = (
    None,
    True,
    False,
    0,
    -1,
    2**31,
    10**30,
    -(10**30),
    1.5,
    float("inf"),
    float("-inf"),
    float("nan"),
    "",
    "\x00",
    "x" * 5000,
    "NaN",
    "9999-12-31",
    "0001-01-01",
    "9999-12-31T23:59:59",
    "0001-01-01T00:00:00",
    "0001-01-01T00:00:00+14:00",
    "2024-02-30",
    "not-a-uuid",
    "00000000-0000-0000-0000-000000000000",
    [],
    ["a", 1, None],
    {},
    {"nested": {"deeper": [1, 2]}},
    *XSS_PAYLOADS,
    *UNICODE_SAMPLES[:4],
)


@st.composite
def mutated_export(draw, document: dict) -> tuple[object, str]:
    """A copy of a real export with one or more changes, and why it must be refused (or "")."""
    doc = copy.deepcopy(document)
    broken = ""
    steps = draw(st.sampled_from((0, 1, 1, 2, 3)))
    for _ in range(steps):
        kind = draw(
            st.sampled_from(
                (
                    "payload",
                    "edge date",
                    "edge date",
                    "value",
                    "value",
                    "value",
                    "drop field",
                    "drop record",
                    "unknown field",
                    "version",
                    "format",
                    "section",
                    "preferences",
                    "duplicate",
                    "shape",
                )
            )
        )
        if not isinstance(doc, dict) or not isinstance(doc.get("data"), dict):
            break
        sections = [label for label, rows in doc["data"].items() if rows]
        if kind in ("payload", "edge date"):
            _valid_change(draw, doc, kind)
            continue
        if kind in ("value", "drop field", "unknown field", "duplicate", "drop record"):
            if not sections:
                continue
            label = draw(st.sampled_from(sections))
            rows = doc["data"][label]
            row = rows[draw(st.integers(0, len(rows) - 1))]
            if kind == "value":
                row[draw(st.sampled_from(sorted(row)))] = draw(st.sampled_from(HOSTILE_JSON_VALUES))
            elif kind == "drop field":
                row.pop(draw(st.sampled_from(sorted(row))))
            elif kind == "drop record":
                rows.remove(row)
            elif kind == "unknown field":
                row[draw(st.sampled_from(("surprise", "<script>", "id", "owner")))] = 1
                broken = broken or "unknown field"
            else:
                rows.append(copy.deepcopy(row))
        elif kind == "version":
            value = draw(st.sampled_from((0, 2, 99, -1, "1", 1.0, True, None, [1], 10**40)))
            doc["version"] = value
            broken = broken or f"version {value!r}"
        elif kind == "format":
            doc["format"] = draw(st.sampled_from(("devhub", "", None, 1, "DEVHUB-CRM")))
            broken = broken or "format"
        elif kind == "section":
            choice = draw(st.sampled_from(("unknown", "not a list", "not records", "no data")))
            if choice == "unknown":
                doc["data"]["contacts.Nope"] = []
            elif choice == "not a list":
                doc["data"][draw(st.sampled_from(sorted(doc["data"])))] = {"a": 1}
            elif choice == "not records":
                doc["data"][draw(st.sampled_from(sorted(doc["data"])))] = [1, "x"]
            else:
                doc["data"] = draw(st.sampled_from((None, [], "data", 3)))
            broken = broken or f"section: {choice}"
        elif kind == "preferences":
            prefs = doc.setdefault("preferences", {})
            choice = draw(st.sampled_from(("unknown", "value", "shape")))
            if choice == "unknown":
                prefs["is_superuser"] = True
                broken = broken or "unknown preference"
            elif choice == "value" and prefs:
                prefs[draw(st.sampled_from(sorted(prefs)))] = draw(
                    st.sampled_from(HOSTILE_JSON_VALUES)
                )
            elif choice == "shape":
                doc["preferences"] = draw(st.sampled_from(([], "UTC", 1)))
                broken = broken or "preferences not an object"
        else:
            doc = draw(st.sampled_from(([], "devhub-crm", 1, None, [doc])))
            broken = "not an object"
    return doc, broken


def _valid_change(draw, doc: dict, kind: str) -> None:
    """A value the model accepts: a payload in a text field, or a date or time at either end of
    the calendar (in a time zone far from UTC), which pages doing date arithmetic must survive."""
    places = [
        (row, name)
        for rows in doc["data"].values()
        if isinstance(rows, list)
        for row in rows
        if isinstance(row, dict)
        for name, value in row.items()
        if isinstance(value, str)
        and name not in ("code", "token")
        and (kind == "payload") != _is_date(value)
    ]
    if not places:
        return
    row, name = draw(st.sampled_from(places))
    if kind == "payload":
        row[name] = draw(st.sampled_from(XSS_PAYLOADS))[: max(len(row[name]), 10)]
        return
    date = draw(st.sampled_from(("0001-01-01", "0001-01-02", "9999-12-31", "9999-12-25")))
    old = row[name]
    row[name] = date + old[10:] if len(old) > 10 and old[10] == "T" else date
    doc.setdefault("preferences", {})["time_zone"] = draw(
        st.sampled_from(("America/Los_Angeles", "Pacific/Kiritimati", "Etc/GMT+12", "UTC"))
    )


def _is_date(value: str) -> bool:
    return len(value) >= 10 and value[4] == "-" and value[7] == "-" and value[:4].isdigit()


def export_upload(document: dict):
    """A restore upload: a mutated export as JSON text, or a file that is no export at all."""

    def to_upload(pair) -> Upload:
        doc, broken = pair
        return Upload("devhub-export.json", json.dumps(doc).encode(), broken)

    junk = st.one_of(
        st.just(Upload("devhub-export.json", b"", "empty")),
        st.binary(max_size=500).map(lambda b: Upload("x.json", b"\xff" + b, "not UTF-8")),
        st.just(Upload("x.json", b'{"format": "devhub-crm", "version": 1, "data": {', "cut")),
        st.just(Upload("x.json", b"[" * 100_000 + b"]" * 100_000, "nested too deep")),
        st.just(Upload("x.json", b"\xef\xbb\xbfnull", "null")),
        st.just(Upload("contacts.csv", b"Name\nAda\n", "a CSV file")),
    )
    return st.one_of(mutated_export(document).map(to_upload), junk)
