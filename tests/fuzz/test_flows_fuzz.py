"""Property tests for the forms whose answer depends on more than the form's own validity: bulk
actions on a selection of contacts, the import (file upload, then columns, confirm, chunks, undo,
remove), the exports (CSV and vCard following the list's filters, the JSON restore upload) and the
duplicates (merge chooser and confirmation, "not the same person").

The properties are those of test_forms_fuzz.py: never a 5xx; refused input is answered with its
errors (or a redirect with an error message) and changes nothing; accepted input does what it
says; no HTML response carries a payload verbatim. Uploaded files are generated too
(tests/fuzz/files.py): random bytes, huge lines, broken quoting, junk vCards, JSON exports of the
wrong shape, type or version, wrong extensions, empty files. The upload tests run fewer examples
than the plain forms: each one reads a whole file."""

import csv
import io
import json
import uuid

import pytest
from django.contrib.messages import ERROR, SUCCESS
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.html import escape
from hypothesis import event, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from contacts.forms import BulkActionForm, ContactFilterForm, filtered_contacts
from contacts.models import Contact, Tag
from duplicates.forms import MergeForm
from duplicates.models import DismissedPair, ordered
from exports import dump
from exports.formats import FORMULA_STARTS
from imports import parsers
from imports.forms import MappingForm
from imports.models import ImportBatch
from interactions.models import Interaction
from jobs import services as jobs
from jobs.models import Job
from pwa.account import account_marker
from pwa.forms import QueuedContactForm, QueuedInteractionForm
from tests.conftest import make_user
from tests.fuzz import files
from tests.fuzz import test_forms_fuzz as base
from tests.fuzz.strategies import XSS_PAYLOADS, plausible_value, printable_text, submission
from tests.fuzz.support import FUZZ_SETTINGS, capture_writes, isolated

pytestmark = pytest.mark.django_db
HTMX = base.HTMX
UPLOAD_SETTINGS = hypothesis_settings(
    FUZZ_SETTINGS, max_examples=max(5, FUZZ_SETTINGS.max_examples * 3 // 5)
)


def as_post_data(body: dict):
    return base.as_post_data(body)


def levels(response) -> set[int]:
    return base.message_levels(response)


def shows_errors(response, errors) -> None:
    body = response.content.decode()
    for error in errors:
        assert escape(error) in body, f"the error is not shown: {error}"


def alices_contacts(world) -> dict:
    """Everything bulk actions may change, per contact: compared before and after."""
    contacts = Contact.objects.for_owner(world.alice).prefetch_related("tags")
    return {
        c.pk: (
            c.status,
            c.importance,
            c.is_vip,
            c.is_archived,
            sorted(t.name for t in c.tags.all()),
        )
        for c in contacts
    }


def mostly_plausible(form, overrides: dict, world) -> st.SearchStrategy[dict]:
    """Half the submissions plausible throughout (so the actions themselves get run), half with
    hostile, missing or repeated fields."""
    plausible = st.fixed_dictionaries(
        {
            form.add_prefix(name): overrides[name] if name in overrides else plausible_value(field)
            for name, field in form.fields.items()
        }
    )
    return st.one_of(plausible, submission(form, overrides, world.foreign))


# --- bulk actions ------------------------------------------------------------------------------


def _codes(world) -> st.SearchStrategy[str]:
    own = [str(c.code) for c in (world.contact, world.other, world.twin)]
    return st.sampled_from([*own, *own, *world.foreign, str(uuid.uuid4()), "not-a-uuid", ""])


def _filter_queries(world) -> st.SearchStrategy[str]:
    return st.sampled_from(
        (
            "",
            "q=Grace",
            "vip=yes",
            "archived=only",
            f"tag={world.tag.code}",
            f"tag={world.foreign[1]}",
            "q=%3Cscript%3Ealert(1)%3C/script%3E&page=9",
            "status=nonsense&sort=-name",
            "q=" + "x" * 5000,
        )
    )


def bulk_overrides(world) -> dict:
    codes = _codes(world)
    return {
        "action": st.sampled_from([*BulkActionForm.ACTIONS, ""]),
        "tag": st.one_of(
            st.sampled_from(("Python", "rust", "Brand new", "a,b", "  spaced   out ", "")),
            printable_text(50),
        ),
        "ids": st.lists(codes, max_size=4),
        "page_ids": st.lists(codes, max_size=3),
        "all_matching": st.sampled_from(("", "", "on")),
        "query": _filter_queries(world),
        "confirmed": st.sampled_from(("", "1", "1")),
    }


@FUZZ_SETTINGS
@given(data=st.data())
def test_bulk_actions(data, client, world, signed_in) -> None:
    with isolated():
        base.start_example(client, signed_in)
        template = BulkActionForm(owner=world.alice)
        body = data.draw(mostly_plausible(template, bulk_overrides(world), world), label="POST")
        selected = set(
            BulkActionForm(as_post_data(body), owner=world.alice)
            .selected()
            .values_list("pk", flat=True)
        )
        if data.draw(st.booleans(), label="right count"):
            body["count"] = str(len(selected))
        oracle = BulkActionForm(as_post_data(body), owner=world.alice)
        accepted = oracle.is_valid()
        action = oracle.cleaned_data.get("action") if accepted else None
        event(f"{action or 'refused'}, {'some' if selected else 'none'} selected")
        before = alices_contacts(world)

        with capture_writes() as written:
            response = client.post("/contacts/bulk/", body)

        base.assert_escaped(response, "POST /contacts/bulk/")
        if not selected:
            assert response.status_code == 302 and ERROR in levels(response)
            assert not written, written
            return
        if not accepted:
            assert response.status_code == 200, response.status_code
            assert not written, (oracle.errors, written)
            for name, errors in oracle.errors.items():
                if oracle.fields[name].widget.is_hidden:
                    continue  # the hidden selection fields: their value is re-posted as parsed
                shows_errors(response, errors)
            return
        if action == "export":
            assert response.status_code == 307 and not written
            rows = _csv(client.post(response["Location"], body))
            assert len(rows) - 1 == len(selected)
            return
        if action == "delete" and not oracle.is_confirmed(len(selected)):
            assert response.status_code == 200 and not written
            assert f"Delete {len(selected)} contact" in response.content.decode()
            return
        assert response.status_code == 302 and SUCCESS in levels(response)
        after = alices_contacts(world)
        for pk, state in before.items():
            if pk not in selected:
                assert after[pk] == state, "a contact outside the selection changed"
                continue
            if action == "delete":
                assert pk not in after
                continue
            status, importance, vip, archived, tags = after[pk]
            tag = oracle.cleaned_data["tag"].lower()
            assert {
                "add_tag": tag in {t.lower() for t in tags},
                "remove_tag": tag not in {t.lower() for t in tags},
                "set_status": status == oracle.cleaned_data["status"],
                "set_importance": importance == oracle.cleaned_data["importance"],
                "mark_vip": vip,
                "unmark_vip": not vip,
                "archive": archived,
                "unarchive": not archived,
            }[action], (action, after[pk])
        shown = client.get(response["Location"])
        base.assert_escaped(shown, "the list after a bulk action")
        assert shown.status_code == 200


# --- exports -----------------------------------------------------------------------------------


def _download(response) -> str:
    assert response.status_code == 200, response.status_code
    assert response["Content-Disposition"].startswith("attachment;")
    return b"".join(response.streaming_content).decode()


def _csv(response) -> list[list[str]]:
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(_download(response))))
    for row in rows[1:]:
        for cell in row:
            assert not cell.startswith(FORMULA_STARTS), f"a formula in the export: {cell!r}"
    return rows


@FUZZ_SETTINGS
@given(data=st.data())
def test_exports_follow_the_filters(data, client, world, signed_in) -> None:
    """Any query string: the CSV and vCard hold exactly the contacts the list shows for it (all
    of them without a filter), and no cell is a spreadsheet formula."""
    with isolated():
        base.start_example(client, signed_in)
        Contact.objects.filter(pk=world.other.pk).update(
            name=data.draw(st.sampled_from(("=cmd|'/c calc'!A1", "+1+1", *XSS_PAYLOADS)))
        )
        template = ContactFilterForm({}, owner=world.alice)
        query = data.draw(submission(template, {}, world.foreign), label="GET")
        query.pop("csrfmiddlewaretoken")
        if {k for k in query if k != "page"}:
            expected = filtered_contacts(world.alice, as_post_data(query))[1].count()
        else:
            expected = Contact.objects.for_owner(world.alice).count()
        rows = _csv(client.get("/contacts/export/contacts.csv", query))
        assert len(rows) - 1 == expected
        cards = _download(client.get("/contacts/export/contacts.vcf", query))
        assert cards.count("BEGIN:VCARD") == expected
        page = client.get("/contacts/export/", query)
        base.assert_escaped(page, "GET /contacts/export/")
        assert page.status_code == 200


@UPLOAD_SETTINGS
@given(data=st.data())
def test_restore_upload(data, client, world) -> None:
    """A mutated export (or no export at all) restored into an empty account: restored whole,
    with every page still working, or refused with a message and the account left empty."""
    document = json.loads("".join(dump.json_chunks(world.alice)))
    with isolated():
        upload = data.draw(files.export_upload(document), label="file")
        restorer = make_user("restorer")
        client.force_login(restorer)
        before = _account(restorer)
        response = client.post(
            "/contacts/export/restore/", {"file": SimpleUploadedFile(upload.name, upload.content)}
        )
        base.assert_escaped(response, "POST /contacts/export/restore/")
        if response.status_code == 200:
            event("refused")
            assert "The file was not restored" in response.content.decode()
            assert _account(restorer) == before, "a refused restore changed the account"
            return
        assert response.status_code == 302
        # Finished in the request, or carried on to the end here however busy the machine is.
        job = jobs.run_to_end(Job.objects.get(owner=restorer))
        if job.status == Job.Status.FAILED:  # a record failed its checks on writing
            event("refused while writing")
            shown = client.get(f"/jobs/{job.code}/")
            base.assert_escaped(shown, "GET the failed restore's page")
            assert "Not done:" in shown.content.decode()
            assert _account(restorer) == before, "a failed restore left records behind"
            return
        event("restored")
        assert not upload.broken, f"{upload.broken}, yet restored"
        assert job.status == Job.Status.DONE
        contacts = Contact.objects.for_owner(restorer)
        assert contacts.count() == len(dump.dump(restorer)["data"].get("contacts.Contact", []))
        pages = ["/", "/contacts/", "/reminders/", "/interactions/", "/opportunities/", "/vip/"]
        pages += [f"/contacts/{c.code}/" for c in contacts[:2]]
        for page in pages:
            shown = client.get(page)
            base.assert_escaped(shown, f"GET {page} after a restore")
            assert shown.status_code == 200, (page, shown.status_code)


def _account(user) -> tuple:
    """What a restore writes: the data and the preferences (not the export's own time stamp)."""
    document = dump.dump(user)
    return document["data"], document["preferences"]


# --- imports -----------------------------------------------------------------------------------


def _post_file(client, upload: files.Upload):
    return client.post(
        "/contacts/import/new/", {"file": SimpleUploadedFile(upload.name, upload.content)}
    )


@UPLOAD_SETTINGS
@given(data=st.data())
def test_import_upload(data, client, world, signed_in) -> None:
    with isolated():
        base.start_example(client, signed_in)
        upload = data.draw(files.contact_file(), label="file")
        batches = ImportBatch.objects.count()
        with capture_writes() as written:
            response = _post_file(client, upload)
        base.assert_escaped(response, "POST /contacts/import/new/")
        if response.status_code == 200:
            event("refused")
            assert not written, written
            assert 'role="alert"' in response.content.decode(), "a refused file must say why"
            return
        event("accepted")
        assert not upload.broken, f"{upload.broken}, yet accepted"
        assert response.status_code == 302
        assert ImportBatch.objects.count() == batches + 1
        for page in (response["Location"], "/contacts/import/"):
            shown = client.get(page, follow=True)
            base.assert_escaped(shown, f"GET {page} after an upload")
            assert shown.status_code == 200


STEPS = ("columns", "confirm", "process", "undo", "undo page", "remove", "detail")


@UPLOAD_SETTINGS
@given(data=st.data())
def test_import_flow(data, client, world, signed_in) -> None:
    """An uploaded file taken through the steps in any order, with fuzzed column choices: each
    step does its job or refuses with a message; the contact count always adds up."""
    with isolated():
        base.start_example(client, signed_in)
        upload = data.draw(st.one_of(files.csv_upload(), files.vcard_upload()), label="file")
        response = _post_file(client, upload)
        if response.status_code != 302:
            return  # refused: test_import_upload's business
        batch = ImportBatch.objects.latest("pk")
        url = f"/contacts/import/{batch.code}"
        contacts = Contact.objects.for_owner(world.alice).count()
        for step in data.draw(st.lists(st.sampled_from(STEPS), min_size=1, max_size=6)):
            if not ImportBatch.objects.filter(pk=batch.pk).exists():
                break
            batch.refresh_from_db()
            if step == "columns":
                response = _post_columns(data, client, batch, url)
            elif step == "confirm":
                response = client.post(f"{url}/confirm/")
                assert response.status_code == 302
                batch.refresh_from_db()
                assert batch.status != ImportBatch.Status.READY
            elif step in ("process", "undo"):
                if step == "undo":
                    response = client.post(f"{url}/undo/")
                    assert response.status_code == 302
                for _ in range(50):  # the progress page posts until done
                    response = client.post(f"{url}/process/", **HTMX)
                    if "HX-Redirect" in response:
                        break
                batch.refresh_from_db()
                assert not batch.is_working, batch.status
            elif step == "undo page":
                response = client.get(f"{url}/undo/")
            elif step == "remove":
                can_discard = batch.can_discard
                response = client.post(f"{url}/remove/")
                assert response.status_code == 302
                assert ImportBatch.objects.filter(pk=batch.pk).exists() != can_discard
            else:
                response = client.get(f"{url}/", follow=True)
            base.assert_escaped(response, f"{step} of an import")
            done = ImportBatch.objects.filter(pk=batch.pk).first()
            if done is not None and done.status in (ImportBatch.Status.DONE, "undone"):
                now = Contact.objects.for_owner(world.alice).count()
                assert now == contacts + done.created_count - done.undone_count
        for page in ("/contacts/", "/contacts/import/", "/"):
            shown = client.get(page)
            base.assert_escaped(shown, f"GET {page} after an import")
            assert shown.status_code == 200


def _post_columns(data, client, batch: ImportBatch, url: str):
    """The column choices, fuzzed; the view's own form (when it offers one) is the oracle."""
    mapping_step = batch.format == ImportBatch.Format.CSV and batch.status in ("mapping", "ready")
    headers, rows = parsers.read_csv(batch.content) if mapping_step else ([], [])
    template = MappingForm(headers=headers, samples=rows[:3], mapping=batch.mapping)
    body = data.draw(submission(template, {}, []), label="columns")
    with capture_writes() as written:
        response = client.post(f"{url}/columns/", body)
    if not mapping_step:
        assert response.status_code == 302 and not written
        return response
    oracle = MappingForm(as_post_data(body), headers=headers, samples=rows[:3], mapping={})
    if oracle.is_valid():
        assert response.status_code == 302
        batch.refresh_from_db()
        assert batch.status == ImportBatch.Status.READY and batch.mapping == oracle.mapping
    else:
        assert response.status_code == 200 and not written
        shows_errors(response, [e for errors in oracle.errors.values() for e in errors])
    return response


# --- duplicates --------------------------------------------------------------------------------


@FUZZ_SETTINGS
@given(data=st.data())
def test_merge(data, client, world, signed_in) -> None:
    """The chooser, its confirmation and the merge: refused choices say why and change nothing;
    a confirmed merge leaves the primary with the chosen values and the others gone."""
    with isolated():
        base.start_example(client, signed_in)
        for contact in (world.other, world.twin):
            Contact.objects.filter(pk=contact.pk).update(
                company=data.draw(printable_text(100)), notes=data.draw(printable_text(300))
            )
        own = [world.contact, world.other, world.twin]
        picked = data.draw(st.lists(st.sampled_from(own), min_size=1, max_size=4), label="c")
        query = "&".join(f"c={c.code}" for c in picked)
        if data.draw(st.integers(0, 5), label="junk") == 0:
            query += "&c=" + data.draw(st.sampled_from([*world.foreign, "x", str(uuid.uuid4())]))
            response = client.get(f"/contacts/duplicates/merge/?{query}")
            assert response.status_code == 404
            return
        url = f"/contacts/duplicates/merge/?{query}"
        order = list(dict.fromkeys(c.pk for c in picked))
        contacts = sorted(Contact.objects.filter(pk__in=order), key=lambda c: order.index(c.pk))
        shown = client.get(url)
        base.assert_escaped(shown, f"GET {url}")
        if len(contacts) < 2:
            assert shown.status_code == 302 and ERROR in levels(shown)
            return
        assert shown.status_code == 200
        body = data.draw(mostly_plausible(MergeForm(contacts), {}, world), label="POST")
        body["confirmed"] = data.draw(st.sampled_from(("", "1", "1")), label="confirmed")
        if data.draw(st.integers(0, 6), label="back") == 0:
            body["back"] = "1"
        oracle = MergeForm(contacts, as_post_data(body))
        accepted = oracle.is_valid() and "back" not in body
        event("back" if "back" in body else "accepted" if accepted else "refused")
        with capture_writes() as written:
            response = client.post(url, body)
        base.assert_escaped(response, f"POST {url}")
        if not accepted or body["confirmed"] != "1":
            assert response.status_code == 200 and not written, written
            if "back" not in body and not accepted:
                shows_errors(response, [e for errors in oracle.errors.values() for e in errors])
            return
        assert response.status_code == 302 and SUCCESS in levels(response)
        primary = Contact.objects.get(pk=oracle.primary_contact.pk)
        assert response["Location"] == f"/contacts/{primary.code}/"
        assert not Contact.objects.filter(pk__in=[c.pk for c in oracle.other_contacts]).exists()
        for name, value in oracle.values().items():
            if name not in ("status", "updated_at"):
                assert getattr(primary, Contact._meta.get_field(name).attname) == value, name
        page = client.get(response["Location"])
        base.assert_escaped(page, "the merged contact")
        assert page.status_code == 200


@FUZZ_SETTINGS
@given(data=st.data())
def test_dismiss(data, client, world, signed_in) -> None:
    with isolated():
        base.start_example(client, signed_in)
        own = {str(c.code): c for c in (world.contact, world.other, world.twin)}
        values = st.sampled_from([*own, *world.foreign, str(uuid.uuid4()), "<script>", ""])
        body = {key: data.draw(values, label=key) for key in ("a", "b")}
        if data.draw(st.integers(0, 4)) == 0:
            body.pop(data.draw(st.sampled_from(("a", "b"))))
        htmx = HTMX if data.draw(st.booleans(), label="htmx") else {}
        with capture_writes() as written:
            response = client.post("/contacts/duplicates/dismiss/", body, **htmx)
        base.assert_escaped(response, "POST /contacts/duplicates/dismiss/")
        first, second = own.get(body.get("a", "")), own.get(body.get("b", ""))
        if not (first and second) or first == second:
            assert response.status_code == 404 and not written, written
            return
        assert response.status_code == (200 if htmx else 302)
        low, high = ordered(first.pk, second.pk)
        assert DismissedPair.objects.filter(owner=world.alice, first=low, second=high).exists()
        listed = client.get("/contacts/duplicates/")
        base.assert_escaped(listed, "the duplicates list")
        assert listed.status_code == 200


# --- entries captured offline ------------------------------------------------------------------


@FUZZ_SETTINGS
@given(data=st.data())
def test_queued_entries(data, client, world, signed_in) -> None:
    """What the service worker sends: refused entries come back as JSON with the form's errors
    and change nothing; an accepted one adds exactly one row, and the same entry sent again
    adds none and answers with the same row."""
    with isolated():
        base.start_example(client, signed_in)
        kind = data.draw(st.sampled_from(("contact", "interaction")), label="kind")
        model = Contact if kind == "contact" else Interaction
        if kind == "contact":
            build = lambda d: QueuedContactForm(d, owner=world.alice)  # noqa: E731
            overrides = {
                "phone": st.sampled_from(["", "+49 30 1234567", "(555) 010-9999"]),
                "github_username": st.sampled_from(["", "octocat", "github.com/x"]),
                "tag_names": printable_text(200),
            }
        else:
            build = lambda d: QueuedInteractionForm(d, owner=world.alice)  # noqa: E731
            names = [world.contact.name, world.other.name, world.contact.name.upper(), "Nobody"]
            when = ["2026-01-02T03:04:05.678Z", "2025-06-30T23:59:00+02:00", "2999-01-01T00:00Z"]
            overrides = {
                "contact_name": st.sampled_from(names),
                "occurred_at": st.sampled_from(when),
            }
        body = data.draw(mostly_plausible(build(None), overrides, world), label="POST")
        mine = account_marker(world.alice)
        body["account"] = data.draw(st.sampled_from((mine, mine, "", "someone-else")))
        oracle = build(as_post_data(body))
        accepted = oracle.is_valid() and body["account"] == mine
        event("accepted" if accepted else "refused")
        url = f"/capture/send/{kind}/"
        before = model.objects.count()
        with capture_writes() as written:
            response = client.post(url, body)
        assert response.status_code < 500
        answer = response.json()
        if not accepted:
            assert response.status_code in (409, 422) and not written, written
            assert answer["message"]
            for name, errors in oracle.errors.items() if response.status_code == 422 else ():
                assert answer["errors"][name] == list(errors), name
            return
        assert response.status_code == 201 and model.objects.count() == before + 1
        again = client.post(url, body)
        assert again.status_code == 200 and again.json()["url"] == answer["url"]
        assert model.objects.count() == before + 1
        page = client.get(answer["url"])
        base.assert_escaped(page, f"GET {answer['url']} after a queued {kind}")
        assert page.status_code == 200


def test_tag_payloads_in_bulk_render_escaped(client, world) -> None:
    """A tag name that is a payload, added in bulk, is shown escaped in the suggestions."""
    client.force_login(world.alice)
    body = {"action": "add_tag", "tag": XSS_PAYLOADS[0], "ids": [str(world.other.code)]}
    assert client.post("/contacts/bulk/", body).status_code == 302
    assert Tag.objects.for_owner(world.alice).filter(name=XSS_PAYLOADS[0]).exists()
    page = client.post("/contacts/bulk/", {"ids": [str(world.other.code)], "action": ""})
    base.assert_escaped(page, "the bulk form with a payload tag")
    assert escape(XSS_PAYLOADS[0]) in page.content.decode()


# --- two-factor log-in -------------------------------------------------------------------------


@FUZZ_SETTINGS
@given(data=st.data())
def test_two_factor_codes(data, client, world, signed_in) -> None:
    """Codes, passwords and passkey names typed into the two-factor pages: a guess never turns a
    factor on, confirms the user or logs anyone in, and junk is answered with a message."""
    from django.contrib.auth import SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from tests.twofactor.helpers import log_in, turn_on_app
    from twofactor import flow
    from twofactor.models import Passkey

    with isolated():
        text = st.one_of(
            printable_text(max_size=80),
            st.sampled_from(["000000", "12345", "1234567", " 00 00 00 ", "<script>", "abcd-efgh"]),
        )
        value = data.draw(text, label="value")
        step = data.draw(st.sampled_from(["verify", "app", "confirm", "passkey"]), label="step")
        if step == "verify":
            base.start_example(client, signed_in, anonymous=True)
            turn_on_app(world.alice)
            log_in(client, next_url="/contacts/")
            response = client.post("/accounts/2fa/verify/", {"code": value})
            assert SESSION_KEY not in client.session
        elif step == "app":
            base.start_example(client, signed_in)
            response = client.post("/accounts/2fa/app/", {"code": value})
            assert not TOTPDevice.objects.filter(user=world.alice, confirmed=True).exists()
        elif step == "confirm":
            base.start_example(client, signed_in)
            response = client.post("/accounts/2fa/confirm/", {"secret": value})
            assert not flow.is_fresh(_session_request(client))
        else:
            base.start_example(client, signed_in)
            client.post("/accounts/2fa/passkeys/register/options/")
            response = client.post(
                "/accounts/2fa/passkeys/register/",
                json.dumps({"name": value, "credential": {"id": value}}),
                content_type="application/json",
            )
            assert response.status_code == 400 and response.json()["error"]
            assert not Passkey.objects.filter(owner=world.alice).exists()
        base.assert_escaped(response, f"two-factor {step}")
        assert response.status_code in {200, 302, 400, 429}, response.status_code


def _session_request(client):
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    request.session = client.session
    return request
