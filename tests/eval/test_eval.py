"""The search evaluation: its data is what the seeded generator writes, and a small run prints
the figures in the promised form."""

import json
import re

import pytest

from eval import generate, run

pytestmark = pytest.mark.django_db


def test_the_committed_network_is_the_generators_output():
    committed = json.loads(generate.DEFAULT_OUT.read_text())
    assert committed == json.loads(json.dumps(generate.generate(22, 150)))
    assert len(committed["queries"]) >= 150
    kinds = {q["kind"] for q in committed["queries"]}
    assert kinds == {"meaning", "exact"}
    assert all(q["expected"] for q in committed["queries"])


def test_a_small_run_prints_recall_and_mrr_per_mode(alice):
    network = generate.generate(7, 12)
    run.load(alice, network)
    lines = run.report(run.evaluate(alice, network["queries"][:8]))
    number = r"\d\.\d\d"
    assert re.fullmatch(rf"recall@5 keyword={number} meaning={number} fused={number}", lines[-2]), (
        lines[-2]
    )
    assert re.fullmatch(rf"mrr keyword={number} meaning={number} fused={number}", lines[-1])
    assert any(line.startswith("meaning (") for line in lines)


def test_scores():
    assert run.score(["a", "b", "c"], {"b"}) == (1.0, 0.5)
    assert run.score(["x"] * 5 + ["a"], {"a", "b"}) == (0.0, 1 / 6)
    assert run.score([], {"a"}) == (0.0, 0.0)
