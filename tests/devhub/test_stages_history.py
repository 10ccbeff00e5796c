"""devhub.lib.stages.History: the one place a pipeline row moves and its history is written."""

import pytest
from django.db import transaction

from collaborations.models import Collaboration, StageChange
from devhub.lib.stages import History

pytestmark = pytest.mark.django_db

HISTORY = History(StageChange, "collaboration")


def start(owner) -> Collaboration:
    row = Collaboration(owner=owner, title="Talk")
    with transaction.atomic():
        HISTORY.start(row)
    return row


def changes(row) -> list[tuple[str, str]]:
    return list(StageChange.objects.filter(collaboration=row).values_list("from_stage", "to_stage"))


def test_start_records_the_first_stage(alice):
    assert changes(start(alice)) == [("", "idea")]


def test_a_stale_copy_moves_from_the_stored_stage(alice):
    row = start(alice)
    stale = Collaboration.objects.get(pk=row.pk)
    with transaction.atomic():
        assert HISTORY.move(row, "planning") == "idea"
    with transaction.atomic():
        assert HISTORY.move(stale, "published") == "planning"  # not "idea", its stale stage

    assert changes(row) == [("", "idea"), ("idea", "planning"), ("planning", "published")]
    assert stale.stage == "published"


def test_the_same_stage_is_no_move(alice):
    row = start(alice)
    with transaction.atomic():
        assert HISTORY.move(row, "idea") is None

    assert changes(row) == [("", "idea")]


def test_also_changes_more_fields_of_the_locked_row_and_the_callers_copy(alice):
    row = start(alice)

    def retitle(locked) -> list[str]:
        locked.title = f"{locked.title} (moved)"
        return ["title"]

    with transaction.atomic():
        HISTORY.move(row, "planning", also=retitle)

    assert row.title == "Talk (moved)"
    assert Collaboration.objects.get(pk=row.pk).title == "Talk (moved)"
