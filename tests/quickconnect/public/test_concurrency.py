"""Two phones racing for the last use of a code: only one gets in."""

import time
import uuid

import pytest
from django.db import OperationalError

from contacts.models import Contact
from quickconnect import services
from quickconnect.forms import PublicContactForm
from quickconnect.models import QuickConnectCode
from tests.concurrency import run_in_threads
from tests.conftest import make_user
from tests.quickconnect.public.conftest import form_data, make_code


def submit_waiting_for_the_lock(code_pk: int, data: dict) -> str:
    """Send one form from its own connection, waiting while the other thread writes.

    The in-memory test database (SQLite shared cache) reports a held lock at once instead of
    waiting on busy_timeout as the file database does, so wait here the way busy_timeout would.
    Each attempt is a whole rolled-back transaction, so retrying cannot double-save.
    """
    form = PublicContactForm(data)
    assert form.is_valid(), form.errors
    for _ in range(500):
        try:
            quick_code = QuickConnectCode.objects.select_related("owner", "event").get(pk=code_pk)
            services.submit(quick_code, form.cleaned_data["form_id"], form.cleaned_data)
            return "saved"
        except services.CodeUnavailable:
            return "refused"
        except OperationalError as exc:
            if "locked" not in str(exc):
                raise
            time.sleep(0.01)
    raise AssertionError("never got the write lock")


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_submissions_on_a_one_use_code_make_one_contact():
    owner = make_user("alice")
    code = make_code(owner, event_name="PyCon US 2026", max_uses=1)
    people = [
        form_data(name="Grace Hopper", email="grace@example.com", form_id=str(uuid.uuid4())),
        form_data(name="Ada Lovelace", email="ada@example.com", form_id=str(uuid.uuid4())),
    ]
    results = run_in_threads(lambda data: submit_waiting_for_the_lock(code.pk, data), people)

    assert sorted(results) == ["refused", "saved"]
    assert Contact.objects.for_owner(owner).count() == 1
    code.refresh_from_db()
    assert code.uses == 1
    assert code.submissions.count() == 1
    assert owner.notifications.count() == 1
