"""Search quality on the committed synthetic network: keyword-only, meaning-only and fused.

    make eval            (python eval/run.py [--network eval/network.json] [--queries N])

Loads eval/network.json into a throwaway in-memory database (never the application's), indexes
and embeds it through the product's own code, runs every query through search.query.search in
each mode and prints recall@5 and MRR: for all queries, for those in other words than the notes
("meaning") and for those naming an exact word ("exact"). The last two lines are the summary.

recall@5: of the contacts a query expects, the share found in the first five results (out of
at most five). MRR: the mean over queries of 1 / the rank of the first expected contact (0 if
none is in the first RESULTS).
"""

import argparse
import datetime as dt
import json
import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE.parent) not in sys.path:
    sys.path.insert(0, str(HERE.parent))

DEFAULT_NETWORK = HERE / "network.json"
MODES = ("keyword", "meaning", "fused")
RESULTS = 20


def setup_django() -> None:
    os.environ["DATABASE_URL"] = "sqlite://:memory:"
    os.environ["DEBUG"] = "false"
    os.environ["EMBEDDINGS"] = "true"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "devhub.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def load(owner, network: dict) -> None:
    """The network as `owner`'s contacts, then indexed and embedded as a rebuild does."""
    from contacts import services
    from contacts.models import Contact
    from interactions.models import Interaction, InteractionType
    from resources.models import SharedResource
    from search import index

    kind = InteractionType.objects.for_owner(owner).get(builtin_key="meeting")
    for person in network["contacts"]:
        fields = {f: person[f] for f in ("name", "job_title", "company", "notes")}
        contact = services.save_contact(Contact(owner=owner, **fields))
        for talk in person["interactions"]:
            day = dt.date.fromisoformat(talk["day"])
            Interaction.objects.create(
                owner=owner,
                contact=contact,
                type=kind,
                occurred_at=dt.datetime(day.year, day.month, day.day, 12, tzinfo=dt.UTC),
                subject=talk["subject"],
                notes=talk["notes"],
            )
        for resource in person["resources"]:
            SharedResource.objects.create(
                contact=contact, title=resource["title"], notes=resource["notes"]
            )
    index.rebuild(owner)


def score(found: list[str], expected: set[str]) -> tuple[float, float]:
    """(recall@5, reciprocal rank) of one query's results."""
    recall = len(expected.intersection(found[:5])) / min(len(expected), 5)
    rank = next((n for n, name in enumerate(found, start=1) if name in expected), None)
    return recall, (1 / rank if rank else 0.0)


def evaluate(owner, queries: list[dict]) -> dict[str, dict[str, list[tuple[float, float]]]]:
    """Per mode, per query kind ("all" too): each query's (recall@5, reciprocal rank)."""
    from search import query

    scores: dict[str, dict[str, list[tuple[float, float]]]] = {m: {} for m in MODES}
    for item in queries:
        expected = set(item["expected"])
        for mode in MODES:
            found = [r.contact.name for r in query.search(owner, item["text"], RESULTS, mode=mode)]
            result = score(found, expected)
            scores[mode].setdefault("all", []).append(result)
            scores[mode].setdefault(item["kind"], []).append(result)
    return scores


def mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def report(scores) -> list[str]:
    kinds = [k for k in ("all", "meaning", "exact") if k in scores["keyword"]]
    lines = [f"{'queries':<23}" + "".join(f"{m:>18}" for m in MODES)]
    for kind in kinds:
        count = len(scores["keyword"][kind])
        for n, metric in enumerate(("recall@5", "mrr")):
            cells = "".join(f"{mean([s[n] for s in scores[m][kind]]):>18.2f}" for m in MODES)
            lines.append(f"{kind + ' (' + str(count) + ')':<14}{metric:>9}{cells}")
    for n, metric in enumerate(("recall@5", "mrr")):
        figures = " ".join(f"{m}={mean([s[n] for s in scores[m]['all']]):.2f}" for m in MODES)
        lines.append(f"{metric} {figures}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--network", type=Path, default=DEFAULT_NETWORK)
    parser.add_argument("--queries", type=int, help="only the first N queries (a quick check)")
    args = parser.parse_args(argv)
    network = json.loads(args.network.read_text())
    setup_django()
    from accounts.models import User

    owner = User.objects.create_user(username="eval")
    load(owner, network)
    queries = network["queries"][: args.queries]
    for line in report(evaluate(owner, queries)):
        print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
