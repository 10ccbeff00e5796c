import datetime as dt
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command

from contacts import services
from contacts.models import Contact
from tests.conftest import make_contact

pytestmark = pytest.mark.django_db

START = dt.datetime(2026, 1, 1, 12, tzinfo=dt.UTC)


def prune(*args: str) -> str:
    out = StringIO()
    call_command("prune_history", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def ada(alice, settings):
    settings.HISTORY_DAYS = 30
    with time_machine.travel(START, tick=False):
        ada = make_contact(alice, name="Ada Lovelace")
    with time_machine.travel(START + dt.timedelta(days=40), tick=False):
        ada.company = "Analytical"
        services.save_contact(ada, ["company"])
    return ada


def test_deletes_only_rows_older_than_history_days_and_is_idempotent(ada):
    with time_machine.travel(START + dt.timedelta(days=45), tick=False):
        assert "would delete 1 history rows" in prune("--dry-run")
        assert ada.history.count() == 2
        assert "deleted 1 history rows older than 30 days" in prune()
        assert list(ada.history.values_list("company", flat=True)) == ["Analytical"]
        assert "deleted 0 history rows" in prune()


def test_quiet_at_verbosity_0_and_per_table_at_2(ada):
    with time_machine.travel(START + dt.timedelta(days=45), tick=False):
        assert prune("--dry-run", "--verbosity", "0") == ""
        assert "contacts.HistoricalContact: 1" in prune("--verbosity", "2")


def test_the_contact_itself_is_kept(ada):
    with time_machine.travel(START + dt.timedelta(days=500), tick=False):
        prune()
    assert Contact.objects.filter(pk=ada.pk).exists()
    assert ada.history.count() == 0
