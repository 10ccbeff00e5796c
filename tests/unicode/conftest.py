import pytest

from tests.unicode.invariants import check_after_test


@pytest.fixture(autouse=True)
def _folded_keys_stay_fresh(request):
    """Every test here ends with the invariant: no stored key is stale."""
    yield from check_after_test(request)
