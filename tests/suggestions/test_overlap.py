"""Two suggest_follow_ups runs that overlap (a slow night, a manual run) store each once."""

import pytest
from django.core.management import call_command

from accounts.models import User
from suggestions.models import Suggestion
from tests.concurrency import run_in_threads
from tests.conftest import make_user
from tests.suggestions.conftest import make_network


@pytest.mark.django_db(transaction=True)
def test_two_overlapping_runs_store_each_suggestion_once():
    alice = make_user("alice")
    for n in range(3):
        make_network(alice, name=f"Person {n}")
    call_command("suggest_follow_ups", verbosity=0)
    expected = sorted(Suggestion.objects.values_list("contact_id", "kind"))
    Suggestion.objects.all().delete()

    run_in_threads(lambda _: call_command("suggest_follow_ups", verbosity=0), range(2))

    assert sorted(Suggestion.objects.values_list("contact_id", "kind")) == expected
    assert User.objects.count() == 1
