"""Write the evaluation's synthetic network and queries (eval/network.json), from a seed.

    python eval/generate.py [--seed 22] [--contacts 150]

Contacts get a job, a company, profile notes on a topic of theirs, one or two conversations on
topics (theirs, sometimes another) among small talk, and sometimes a shared resource. The queries
come from eval/vocabulary.py: for every topic, each of the phrasings a person would search with
(other words than the notes use), expecting everyone who talked about the topic; and for every
named tool a note mentions, the name itself, expecting everyone whose notes name it. Nothing
here looks at the model: the same file scores every search mode.
"""

import argparse
import datetime as dt
import json
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE.parent) not in sys.path:
    sys.path.insert(0, str(HERE.parent))

from eval.vocabulary import COMPANIES, FIRST, JOBS, LAST, SMALL_TALK, TOPICS  # noqa: E402

DEFAULT_OUT = HERE / "network.json"
START = dt.date(2025, 1, 1)


def _conversation(rng: random.Random, topic, mentions: dict, name: str) -> dict:
    sentences = rng.sample(topic.notes, k=rng.choice((1, 2)))
    if topic.tools and rng.random() < 0.5:
        tool = rng.choice(topic.tools)
        sentences.append(
            rng.choice(("They use {}.", "Mentioned {} a lot.", "Showed me {}.")).format(tool)
        )
        mentions.setdefault(tool, set()).add(name)
    return {"subject": rng.choice(topic.subjects), "notes": " ".join(sentences), "topic": topic.key}


def generate(seed: int, contacts: int) -> dict:
    rng = random.Random(seed)
    names = rng.sample([f"{f} {last}" for f in FIRST for last in LAST], k=contacts)
    about: dict[str, set[str]] = {t.key: set() for t in TOPICS}
    mentions: dict[str, set[str]] = {}
    people = []
    for name in names:
        home = rng.choice(TOPICS)
        topics = [home] + ([rng.choice(TOPICS)] if rng.random() < 0.5 else [])
        talks = [_conversation(rng, t, mentions, name) for t in topics]
        talks += [
            {"subject": "", "notes": rng.choice(SMALL_TALK), "topic": ""}
            for _ in range(rng.randint(2, 3))
        ]
        rng.shuffle(talks)
        for talk in talks:
            talk["day"] = (START + dt.timedelta(days=rng.randrange(600))).isoformat()
        resources = []
        if rng.random() < 0.3:
            topic = rng.choice(TOPICS)
            resources.append(
                {
                    "title": f"{rng.choice(topic.subjects)}: further reading",
                    "notes": rng.choice(topic.notes),
                    "topic": topic.key,
                }
            )
        for topic_key in {home.key, *(t["topic"] for t in talks), *(r["topic"] for r in resources)}:
            if topic_key:
                about[topic_key].add(name)
        people.append(
            {
                "name": name,
                "job_title": rng.choice(JOBS),
                "company": rng.choice(COMPANIES),
                "notes": rng.choice(home.notes),
                "interactions": talks,
                "resources": resources,
            }
        )
    queries = [
        {"text": text, "kind": "meaning", "expected": sorted(about[topic.key])}
        for topic in TOPICS
        for text in topic.queries
        if about[topic.key]
    ]
    queries += [
        {"text": tool, "kind": "exact", "expected": sorted(who)}
        for tool, who in sorted(mentions.items())
    ]
    return {"seed": seed, "contacts": people, "queries": queries}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=22)
    parser.add_argument("--contacts", type=int, default=150)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    network = generate(args.seed, args.contacts)
    args.out.write_text(json.dumps(network, indent=1, ensure_ascii=False) + "\n")
    print(f"{len(network['contacts'])} contacts, {len(network['queries'])} queries -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
