"""A busy database (a long write holding SQLite's lock) never ends in a 500: a write is
run once more, and if the database is still busy the user gets a 503 that keeps what they typed."""

import logging
from contextlib import contextmanager

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.db.utils import OperationalError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.test import Client
from django.urls import include, path, reverse

from contacts.models import Contact
from tests.conftest import make_contact
from tests.contacts.conftest import HX, contact_form_data, is_fragment
from tests.devhub.conftest import find_all, find_one

pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]


class Database:
    """How many more runs of the test views meet a busy database, and how many there were."""

    busy_runs = 0
    runs = 0

    @classmethod
    def visit(cls) -> None:
        cls.runs += 1
        if cls.runs <= cls.busy_runs:
            raise OperationalError("database is locked")


@pytest.fixture(autouse=True)
def database():
    Database.busy_runs, Database.runs = 0, 0
    return Database


def save_contact(request) -> HttpResponse:
    Database.visit()
    if request.method == "GET":
        return HttpResponse("the contacts")
    make_contact(request.user, name=request.POST["name"])
    return redirect("/saved/")


def save_then_meet_the_lock(request) -> HttpResponse:
    make_contact(request.user, name=request.POST["name"])
    Database.visit()
    return redirect("/saved/")


def save_upload(request) -> HttpResponse:
    name = request.FILES["card"].read().decode()
    Database.visit()
    make_contact(request.user, name=name)
    return redirect("/saved/")


def broken(request) -> HttpResponse:
    Database.visit()
    raise OperationalError("no such table: contacts_nothing")


urlpatterns = [
    path("busy/save/", save_contact),
    path("busy/save-then-lock/", save_then_meet_the_lock),
    path("busy/upload/", save_upload),
    path("busy/broken/", broken),
    path("", include("devhub.urls")),
]


def resubmit_form(response):
    """The 503 page's "Try again" form: its action and the fields it sends."""
    form = find_one(response.content, "form", method="post")
    data: dict[str, list[str]] = {}
    for field in find_all(form.descendants(), "input", type="hidden"):
        data.setdefault(field.get("name"), []).append(field.get("value"))
    return form.get("action"), data


def test_a_write_that_met_a_busy_database_once_is_run_again_and_saved_once(
    alice_client, alice, database, caplog
):
    database.busy_runs = 1

    with caplog.at_level(logging.WARNING, logger="devhub.middleware"):
        response = alice_client.post("/busy/save/", {"name": "Grace Hopper"})

    assert response.status_code == 302
    assert database.runs == 2
    assert Contact.objects.filter(owner=alice, name="Grace Hopper").count() == 1
    [record] = caplog.records
    message = record.getMessage()
    assert "POST /busy/save/" in message and f"user {alice.pk};" in message
    assert "lock held by unknown" in message and "running the view once more" in message


def test_a_write_still_busy_gets_a_503_that_offers_the_typed_fields_again(
    alice_client, alice, database, caplog
):
    database.busy_runs = 2
    typed = {
        "name": "Grace Hopper",
        "notes": 'Met at "PyCon" <b>\nTalked about compilers & COBOL',
        "tags": ["Navy", "COBOL"],
    }

    with caplog.at_level(logging.WARNING, logger="devhub.middleware"):
        response = alice_client.post(
            "/busy/save/?from=list", typed, HTTP_REFERER="http://testserver/contacts/"
        )

    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert "no-store" in response["Cache-Control"]
    assert database.runs == 2
    assert not Contact.objects.filter(name="Grace Hopper").exists()
    page = response.content.decode()
    assert "your changes were not saved yet — try again in a few seconds" in page
    action, data = resubmit_form(response)
    assert action == "/busy/save/?from=list"
    token = data.pop("csrfmiddlewaretoken")
    assert len(token) == 1 and token[0]
    assert data == {"name": ["Grace Hopper"], "notes": [typed["notes"]], "tags": ["Navy", "COBOL"]}
    assert find_one(response.content, "button", type="submit").clean_text == "Try again"
    assert find_one(response.content, "a", href="http://testserver/contacts/").clean_text == (
        "Leave without saving"
    )
    assert [r.getMessage().rsplit("; ", 1)[1] for r in caplog.records] == [
        "running the view once more",
        "answered 503",
    ]


def test_passwords_are_never_offered_again(alice_client, database):
    database.busy_runs = 2

    response = alice_client.post(
        "/busy/save/", {"name": "Grace", "password": "hunter2-secret", "new_password1": "x-2"}
    )

    assert response.status_code == 503
    assert "hunter2-secret" not in response.content.decode()
    assert resubmit_form(response)[1].keys() == {"name", "csrfmiddlewaretoken"}
    assert "Passwords are never kept" in response.content.decode()


def test_a_file_must_be_chosen_again_and_is_not_repeated(alice_client, database):
    database.busy_runs = 2
    card = SimpleUploadedFile("grace.vcf", b"BEGIN:VCARD secret-notes")

    response = alice_client.post("/busy/upload/", {"name": "Grace", "card": card})

    assert response.status_code == 503
    page = response.content.decode()
    assert "choose grace.vcf again" in page
    assert "secret-notes" not in page and 'type="file"' not in page
    assert resubmit_form(response)[1].keys() == {"name", "csrfmiddlewaretoken"}


def test_the_second_run_reads_the_upload_from_its_start(alice_client, alice, database):
    database.busy_runs = 1
    card = SimpleUploadedFile("grace.vcf", b"Grace Hopper")

    response = alice_client.post("/busy/upload/", {"card": card})

    assert response.status_code == 302
    assert Contact.objects.filter(owner=alice, name="Grace Hopper").count() == 1


def test_a_view_that_saved_before_meeting_the_lock_is_not_run_again(alice_client, alice, database):
    database.busy_runs = 1

    response = alice_client.post("/busy/save-then-lock/", {"name": "Grace Hopper"})

    assert response.status_code == 503
    assert database.runs == 1
    assert Contact.objects.filter(owner=alice, name="Grace Hopper").count() == 1
    assert "part of your changes may already be saved" in response.content.decode()


def test_htmx_gets_a_message_for_the_page_and_its_form_stays_as_typed(alice_client, database):
    database.busy_runs = 2

    response = alice_client.post("/busy/save/", {"name": "Grace Hopper"}, **HX)

    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert response["HX-Retarget"] == "#messages"
    assert response["HX-Reswap"] == "innerHTML"
    assert response["HX-Push-Url"] == "false"
    assert is_fragment(response)
    alert = find_one(response.content, "div", role="alert")
    assert "your changes were not saved yet — try again in a few seconds" in alert.clean_text
    assert not find_all(response.content, "form")


def test_a_read_that_meets_a_busy_database_gets_the_503_page(alice_client, database):
    database.busy_runs = 1

    response = alice_client.get("/busy/save/?page=2")

    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert database.runs == 1
    assert "could not be shown — try again in a few seconds" in response.content.decode()
    assert find_one(response.content, "a", href="/busy/save/?page=2").clean_text == "Try again"
    assert not find_all(response.content, "form")


def test_other_database_errors_still_raise(alice_client, database):
    with pytest.raises(OperationalError, match="no such table"):
        alice_client.post("/busy/broken/", {"name": "Grace"})

    assert database.runs == 1


@contextmanager
def lock_held_by_another_connection(contact: Contact):
    """Another connection takes the lock an edit of `contact` needs, as a long write does."""
    other = connections.create_connection(DEFAULT_DB_ALIAS)
    try:
        with other.cursor() as cursor:
            if other.vendor == "sqlite":
                cursor.execute("BEGIN IMMEDIATE")  # SQLite's single write lock
            else:
                cursor.execute("BEGIN")
                cursor.execute(
                    "SELECT id FROM contacts_contact WHERE id = %s FOR UPDATE", [contact.pk]
                )
        yield
    finally:
        other.close()  # its transaction ends, and with it the lock


@contextmanager
def short_lock_wait():
    """The app's connection waits 0.1 s for a lock instead of SQLite's 10 s busy timeout."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA busy_timeout = 100")
        else:
            cursor.execute("SET lock_timeout = '100ms'")
    try:
        yield
    finally:
        connection.close()  # the next connection has the configured timeout again


@pytest.mark.django_db(transaction=True)
def test_an_edit_while_another_connection_holds_the_lock_gets_a_503_then_try_again_saves(alice):
    ada = make_contact(alice, name="Ada Lovelace")
    edit_url = reverse("contacts:edit", args=[ada.code])
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    form = find_one(client.get(edit_url).content, "form", id="contact-form")
    [token] = find_all(form.descendants(), "input", name="csrfmiddlewaretoken")
    typed = contact_form_data(name="Ada King", notes="Met at the Analytical Society\nLikes maths")

    with short_lock_wait(), lock_held_by_another_connection(ada):
        response = client.post(edit_url, {**typed, "csrfmiddlewaretoken": token.get("value")})

    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    ada.refresh_from_db()
    assert ada.name == "Ada Lovelace"
    action, data = resubmit_form(response)
    assert action == edit_url
    assert data["name"] == ["Ada King"] and data["notes"] == [typed["notes"]]

    response = client.post(action, data)

    assert response.status_code == 302
    ada.refresh_from_db()
    assert (ada.name, ada.notes) == ("Ada King", typed["notes"])
