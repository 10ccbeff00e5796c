"""The folded-key invariant: every stored key equals the one its source fields give now.

A write path that bypasses pre_save() (QuerySet.update() or bulk_update() of a name, subject,
notes ... column) leaves a stale key, and then search or uniqueness silently disagree with what
the user sees. `assert_folded_keys_fresh()` finds such rows; tests/conftest.py can run it after
every database test of any suite (DEVHUB_CHECK_FOLDED_KEYS=1)."""

from contacts.models import Contact, Tag
from devhub.lib.fields import stale_keys
from interactions.models import Interaction, InteractionType
from opportunities.models import Opportunity
from resources.models import SharedResource

FOLDED_MODELS = (Tag, Contact, InteractionType, Interaction, SharedResource, Opportunity)


def assert_folded_keys_fresh() -> None:
    problems = {
        model.__name__: stale[:5] for model in FOLDED_MODELS if (stale := stale_keys(model))
    }
    assert not problems, f"stale folded keys (pk, field): {problems}"


def uses_database(request) -> bool:
    return "_django_db_helper" in request.fixturenames or bool(
        request.node.get_closest_marker("django_db")
    )


def check_after_test(request):
    """Generator body for an autouse fixture: sets the database up first (so it is torn down
    after the check, still holding the test's rows), lets the test run, then checks."""
    if not uses_database(request):
        yield
        return
    request.getfixturevalue("_django_db_helper")
    yield
    assert_folded_keys_fresh()
