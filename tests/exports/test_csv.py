"""CSV export: columns, tags in one column, the list's filter, CSV injection, streaming, privacy."""

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse

from exports.formats import CSV_COLUMNS, neutralise
from tests.conftest import bulk_contacts, make_contact

pytestmark = pytest.mark.django_db

URL = reverse("exports:csv")


def rows(response) -> list[dict]:
    assert response.streaming
    text = b"".join(response.streaming_content).decode("utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def test_every_contact_with_its_columns_and_tags(alice_client, alice):
    make_contact(
        alice,
        name="Ada Lovelace",
        email="ada@example.com",
        company="Engines, Ltd",
        github_username="ada",
        notes="Line one\nLine two",
        is_vip=True,
        connected_on=dt.date(2013, 9, 27),
        tags=["Python", "PyCon 2026"],
    )
    make_contact(alice, name="Grace Hopper", is_archived=True)

    response = alice_client.get(URL)

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    disposition = response["Content-Disposition"]
    assert disposition.startswith('attachment; filename="devhub-contacts-20')
    assert disposition.endswith('.csv"')
    ada, grace = rows(response)
    assert list(ada) == CSV_COLUMNS
    assert ada["name"] == "Ada Lovelace"
    assert ada["company"] == "Engines, Ltd"
    assert ada["notes"] == "Line one\nLine two"
    assert ada["is_vip"] == "yes"
    assert ada["connected_on"] == "2013-09-27"  # a field added after the export was written
    assert sorted(ada["tags"].split(", ")) == ["PyCon 2026", "Python"]
    assert grace["name"] == "Grace Hopper"  # archived contacts are part of "all"
    assert grace["is_archived"] == "yes"
    assert grace["tags"] == ""


def test_the_list_filter_is_respected(alice_client, alice):
    make_contact(alice, name="Ada Lovelace", tags=["Python"])
    make_contact(alice, name="Grace Hopper", tags=["Cobol"])
    make_contact(alice, name="Guido van Rossum", tags=["Python"], is_archived=True)

    by_tag = [r["name"] for r in rows(alice_client.get(URL, {"tag": "Python"}))]
    by_search = [r["name"] for r in rows(alice_client.get(URL, {"q": "grace"}))]
    archived = [r["name"] for r in rows(alice_client.get(URL, {"archived": "yes"}))]

    assert by_tag == ["Ada Lovelace"]  # current contacts only, as the list shows
    assert by_search == ["Grace Hopper"]
    assert archived == ["Guido van Rossum"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("http://evil")', '\'=HYPERLINK("http://evil")'),
        ("+1+1", "'+1+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("a=b", "a=b"),
        ("", ""),
    ],
)
def test_neutralise(value, expected):
    assert neutralise(value) == expected


def test_formula_cells_are_neutralised_in_the_file(alice_client, alice):
    make_contact(
        alice,
        name="=cmd|' /C calc'!A0",
        company="+SUM(1)",
        job_title="-1",
        notes="@evil",
        phone="+44 20 7946 0000",
        tags=["=Tag"],
    )
    (row,) = rows(alice_client.get(URL))
    assert row["name"] == "'=cmd|' /C calc'!A0"
    assert row["company"] == "'+SUM(1)"
    assert row["job_title"] == "'-1"
    assert row["notes"] == "'@evil"
    assert row["phone"] == "'+44 20 7946 0000"
    assert row["tags"] == "'=Tag"


def test_only_my_contacts(alice_client, alice, charlie):
    make_contact(alice, name="Ada Lovelace")
    make_contact(charlie, name="Charlie Secret")
    assert [r["name"] for r in rows(alice_client.get(URL))] == ["Ada Lovelace"]


def test_many_contacts_stream_in_chunks(alice_client, alice, django_assert_max_num_queries):
    from contacts.models import Contact

    bulk_contacts(alice, (Contact(owner=alice, name=f"Person {i:04}") for i in range(2500)))
    response = alice_client.get(URL)
    assert response.streaming
    with django_assert_max_num_queries(12):  # 3 chunks of 1,000: a query for rows + one for tags
        names = [r["name"] for r in rows(response)]
    assert len(names) == 2500
    assert names[:2] == ["Person 0000", "Person 0001"]


def test_anonymous_is_sent_to_log_in(client):
    response = client.get(URL)
    assert response.status_code == 302


def test_put_is_not_allowed(alice_client):
    assert alice_client.put(URL).status_code == 405
