"""make bench: server time and SQL queries per page against 100k contacts, versus hand-written SQL.

    python bench/run.py [--db data/bench.sqlite3] [--requests 100] [--out bench/results.json]

Builds (or reuses) the data set in its own SQLite file, then in this one process (DEBUG off)
requests every page through django.test.Client as a user with 10,000 contacts, times the same
rows fetched by hand-written SQL on a plain sqlite3 connection (bench/floors.py), runs
refresh_statuses over every contact against one hand-written UPDATE ... CASE, and writes
bench/results.json. Page ratios are p95 / floor p95.
"""

import argparse
import datetime as dt
import functools
import json
import os
import platform
import resource
import sqlite3
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
if str(BASE_DIR) not in sys.path:
    sys.path.insert(0, str(BASE_DIR))

from bench import dataset, floors  # noqa: E402

PAGE_P95_MS = 30.0
PAGE_RATIO = 3.0
REFRESH_S = 0.4
REFRESH_RATIO = 1.5
REFRESH_IDLE_S = 0.05
# --scale-check: a page's p95 may grow by at most this much when the other users' data grows.
SCALE_TOLERANCE = 0.15
SCALE_ROUNDS = 20
SCALING = "users scaling"
FILTER = {"q": "ada", "tag": "Python", "status": "check_in_due"}
# The global search as you type: a prefix, and three words from a contact's name, tags and
# company (every word must match something about a person).
SEARCH_ONE = "pyth"
SEARCH_THREE = "ada pyth acme"
# Search by meaning over the big user's 100,000 interactions (fused with the keyword search, as
# the search page does by default), in words no note uses; similar people for the detail contact.
MEANING_QUERY = "salary negotiation"
MEANING_P95_MS = 40.0
SIMILAR_P95_MS = 20.0
EMBED_ALL_S = 10.0
WORKER_RSS_MB = 150.0
# "Who knows X" for one of the seeded technologies, and a need of five of them.
WHO_KNOWS = "Rust"
NEED = ["Rust", "Go", "Elixir", "Kotlin", "Haskell"]


@dataclass
class Measurement:
    name: str
    p50_ms: float
    p95_ms: float
    queries: int | None
    floor_ms: float | None
    ratio: float | None
    queries_small: int | None = None
    cpu_p50_ms: float | None = None
    cpu_p95_ms: float | None = None
    floor_p50_ms: float | None = None
    bytes: int | None = None
    notes: str = ""
    targets_met: bool = True
    extra: dict = field(default_factory=dict)


@dataclass
class Page:
    name: str
    url: str
    small_url: str
    floor: Callable | None  # None: no hand-written equivalent (numpy over vectors)
    target_ms: float = PAGE_P95_MS  # the page's own p95 target where it has one
    target_kb: float | None = None  # the page's HTML, in thousands of bytes
    target_ratio: float | None = PAGE_RATIO  # to its floor; None: the ratio is for information


def percentile(samples: list[float], pct: float) -> float:
    """Nearest-rank percentile (p95 of 100 samples is the 95th smallest)."""
    ordered = sorted(samples)
    rank = max(1, -(-len(ordered) * pct // 100))
    return ordered[int(rank) - 1]


def timed_pair(
    page: Callable[[], object],
    floor: Callable[[], object],
    repeat: int,
    warmup: int = 3,
) -> tuple[list[float], list[float], list[float]]:
    """Wall times of `page` and `floor` and CPU times of `page`, in ms, interleaved so that both
    see the same machine load; CPU time is steadier than wall time on a shared machine."""
    for _ in range(warmup):
        page()
        floor()
    walls, cpus, floors_ = [], [], []
    for _ in range(repeat):
        started, cpu = time.perf_counter(), time.process_time()
        page()
        walls.append((time.perf_counter() - started) * 1000)
        cpus.append((time.process_time() - cpu) * 1000)
        started = time.perf_counter()
        floor()
        floors_.append((time.perf_counter() - started) * 1000)
    return walls, cpus, floors_


def pages(prepared: dict) -> list[Page]:
    """The pages measured."""
    from urllib.parse import urlencode

    detail = f"/contacts/{prepared['detail_contact']}/"
    small_detail = f"/contacts/{prepared['small_detail_contact']}/"
    filtered = "/contacts/?" + urlencode(FILTER)
    project = f"/projects/{prepared['detail_project']}/"
    small_project = f"/projects/{prepared['small_detail_project']}/"
    group = f"/collaborations/{prepared['study_group']}/"
    small_group = f"/collaborations/{prepared['small_study_group']}/"
    match = "/network/match/?" + urlencode({"need": ", ".join(NEED)})
    meaning = f"/search/?{urlencode({'q': MEANING_QUERY})}"
    similar = f"/search/similar/{prepared['detail_contact']}/"
    small_similar = f"/search/similar/{prepared['small_detail_contact']}/"
    talked = f"/search/talked/{prepared['detail_interaction']}/"
    return [
        Page("dashboard", "/", "/", floors.dashboard, 25.0, 60.0),
        Page("contacts list", "/contacts/", "/contacts/", floors.contacts, 15.0, 50.0),
        Page(
            "contacts search+tag+status",
            filtered,
            filtered,
            lambda conn, ctx: floors.contacts_filtered(conn, ctx, **FILTER),
        ),
        Page(
            "contact detail (1,000 interactions)", detail, small_detail, floors.contact_detail, 20.0
        ),
        Page(
            "contact history (1,000 changes)",
            detail + "history/",
            small_detail + "history/",
            floors.contact_history,
            20.0,
        ),
        Page("interactions", "/interactions/", "/interactions/", floors.interactions, 25.0),
        Page("reminders", "/reminders/", "/reminders/", floors.reminders, 30.0),
        Page(
            "opportunities board", "/opportunities/", "/opportunities/", floors.opportunities, 10.0
        ),
        Page(
            "projects board (205 projects)",
            "/projects/",
            "/projects/",
            floors.projects_board,
            20.0,
        ),
        Page(
            "project page (100 time entries)",
            project,
            small_project,
            floors.project_detail,
            20.0,
        ),
        Page(
            "collaborations board (300)",
            "/collaborations/",
            "/collaborations/",
            floors.collaborations_board,
            20.0,
        ),
        Page("study group page (100 sessions)", group, small_group, floors.study_group, 20.0),
        Page("stack map", "/network/", "/network/", floors.stack_map, 40.0),
        *(
            # The full-text search alone, as before search by meaning (measured below).
            Page(
                f"search as you type ({label})",
                f"/search/?{urlencode({'q': text, 'meaning': 'off'})}",
                f"/search/?{urlencode({'q': text, 'meaning': 'off'})}",
                lambda conn, ctx, text=text: floors.search(conn, ctx, text.split()),
                20.0,
            )
            for label, text in (("one word", SEARCH_ONE), ("three words", SEARCH_THREE))
        ),
        Page(
            f"who knows {WHO_KNOWS}",
            f"/network/tech/{WHO_KNOWS}/",
            f"/network/tech/{WHO_KNOWS}/",
            lambda conn, ctx: floors.who_knows(conn, ctx, WHO_KNOWS),
            30.0,
        ),
        Page(
            "matching (5 technologies)",
            match,
            match,
            lambda conn, ctx: floors.match(conn, ctx, NEED),
            40.0,
        ),
        # Its queries depend on which kinds of entry matched (each kind's passages are read in
        # one query), so they are not compared with the small user's.
        Page("search by meaning (100,000 interactions)", meaning, "", None, MEANING_P95_MS),
        Page("similar people card", similar, small_similar, None, SIMILAR_P95_MS),
        Page("who else talked about this card", talked, "", None, MEANING_P95_MS),
    ]


def client_for(username: str):
    from django.test import Client

    from accounts.models import User

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(User.objects.get(username=username))
    return client


def get_ok(client, url: str):
    response = client.get(url)
    if response.status_code != 200:
        raise RuntimeError(f"GET {url} answered {response.status_code}")
    return response


def count_queries(client, url: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        get_ok(client, url)
    return len(captured.captured_queries)


def measure_page(
    page: Page,
    client,
    small_client,
    conn: sqlite3.Connection,
    ctx: floors.Ctx,
    requests: int,
) -> Measurement:
    size = len(get_ok(client, page.url).content)
    floor = page.floor
    samples, cpu, floor_samples = timed_pair(
        lambda: get_ok(client, page.url),
        (lambda: floor(conn, ctx)) if floor else lambda: None,
        requests,
    )
    p95 = percentile(samples, 95)
    floor_p95 = percentile(floor_samples, 95) if floor else 0.0
    queries = count_queries(client, page.url)
    small = None
    if small_client and page.small_url:
        get_ok(small_client, page.small_url)  # warm up, like the big user's page
        small = count_queries(small_client, page.small_url)
    ratio = p95 / floor_p95 if floor_p95 else None
    # Every target the page has: its p95, its size, the ratio to its floor (a page that searches
    # by meaning does numpy work no SQL floor has), and queries that do not grow with the data.
    target_ratio = page.target_ratio if floor else None
    targets = {"target_p95_ms": page.target_ms, "target_ratio": target_ratio}
    if page.target_kb:
        targets["target_kb"] = page.target_kb
    met = (
        p95 <= page.target_ms
        and (not page.target_kb or size <= page.target_kb * 1000)
        and (target_ratio is None or ratio <= target_ratio)
        and small in (None, queries)
    )
    return Measurement(
        name=page.name,
        p50_ms=round(statistics.median(samples), 2),
        p95_ms=round(p95, 2),
        queries=queries,
        floor_ms=round(floor_p95, 3) if floor else None,
        ratio=round(ratio, 1) if ratio else None,
        queries_small=small,
        floor_p50_ms=round(statistics.median(floor_samples), 3) if floor else None,
        bytes=size,
        targets_met=met,
        extra=targets,
        cpu_p50_ms=round(statistics.median(cpu), 2),
        cpu_p95_ms=round(percentile(cpu, 95), 2),
    )


def _switch_database(path: Path) -> None:
    from django.db import connections

    connections["default"].close()
    connections["default"].settings_dict["NAME"] = str(path)


def measure_refresh(db: Path, work_dir: Path) -> Measurement:
    """refresh_statuses vs the hand-written UPDATEs that make the same moves, each on its own
    copy, then refresh_statuses again with nothing due.

    Both copies first get every non-pinned contact reset to "regular contact", so every contact
    whose check-in or reconnect day has come must move (the worst night); afterwards their
    statuses must agree.
    """
    from django.conf import settings

    from reminders.refresh import refresh_statuses

    copies = [work_dir / "bench-refresh-orm.sqlite3", work_dir / "bench-refresh-sql.sqlite3"]
    for copy in copies:
        dataset.copy_database(db, copy)
        with sqlite3.connect(copy) as conn:
            conn.execute(
                "UPDATE contacts_contact SET status = 'regular_contact' "
                f"WHERE status NOT IN {floors.PINNED}"
            )
        conn.close()
    original = Path(settings.DATABASES["default"]["NAME"])
    try:
        _switch_database(copies[0])
        started = time.perf_counter()
        result = refresh_statuses(record=False)
        orm_s = time.perf_counter() - started
        started = time.perf_counter()
        idle = refresh_statuses(record=False)
        idle_s = time.perf_counter() - started
    finally:
        _switch_database(original)
    conn = sqlite3.connect(copies[1])
    started = time.perf_counter()
    with conn:
        changed = floors.refresh_update(conn, dt.date.today(), dt.datetime.now(dt.UTC).isoformat())
    sql_s = time.perf_counter() - started
    conn.execute("ATTACH ? AS orm", [str(copies[0])])
    differ = conn.execute(
        "SELECT count(*) FROM contacts_contact a JOIN orm.contacts_contact b ON a.id = b.id "
        "WHERE a.status != b.status"
    ).fetchone()[0]
    total = conn.execute("SELECT count(*) FROM contacts_contact").fetchone()[0]
    conn.close()
    for copy in copies:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{copy}{suffix}").unlink(missing_ok=True)
    ratio = orm_s / sql_s if sql_s else None
    return Measurement(
        name=f"refresh_statuses ({total:,} contacts)",
        p50_ms=round(orm_s * 1000, 1),
        p95_ms=round(orm_s * 1000, 1),
        queries=None,
        floor_ms=round(sql_s * 1000, 1),
        ratio=round(ratio, 2) if ratio else None,
        notes=f"{result.contacts_changed:,} changed (SQL: {changed:,}); {differ} statuses differ; "
        f"again with nothing due: {idle_s * 1000:.1f} ms, {idle.contacts_changed} changed",
        targets_met=orm_s <= REFRESH_S
        and (ratio or 0) <= REFRESH_RATIO
        and differ == 0
        and idle_s <= REFRESH_IDLE_S
        and idle.contacts_changed == 0,
        extra={
            "contacts": total,
            "changed": result.contacts_changed,
            "differ": differ,
            "reminders_created": result.reminders_created,
            "nothing_due_ms": round(idle_s * 1000, 1),
            "target_s": REFRESH_S,
            "target_ratio": REFRESH_RATIO,
            "target_nothing_due_ms": REFRESH_IDLE_S * 1000,
        },
    )


def measure_pages(
    prepared: dict, db: Path, requests: int, only: str | None = None
) -> list[Measurement]:
    big = client_for(prepared["big_user"])
    small = client_for(prepared["small_user"]) if prepared.get("small_user") else None
    conn = sqlite3.connect(db)
    try:
        ctx = floors.context(conn, prepared)
        return [
            measure_page(page, big, small, conn, ctx, requests)
            for page in pages(prepared)
            if not only or only in page.name
        ]
    finally:
        conn.close()


def measure_embed_all(db: Path, prepared: dict) -> Measurement:
    """`manage.py embed --all` for the big user, end to end in its own process (the model
    loaded, every vector built again and stored); idempotent, so the bench file is reused."""
    import subprocess

    from interactions.models import Interaction

    interactions = Interaction.objects.filter(owner__username=prepared["big_user"]).count()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "manage.py", "embed", "--all", "--user", prepared["big_user"]],
        cwd=BASE_DIR,
        env=dataset.child_env(db),
        check=True,
        capture_output=True,
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    return Measurement(
        name=f"embed --all ({interactions:,} interactions)",
        p50_ms=round(wall * 1000, 1),
        p95_ms=round(wall * 1000, 1),
        queries=None,
        floor_ms=None,
        ratio=None,
        cpu_p95_ms=round(cpu * 1000, 1),
        notes=f"{wall:.1f} s wall, {cpu:.1f} s CPU; target {EMBED_ALL_S:.0f} s",
        targets_met=wall <= EMBED_ALL_S,
        extra={"interactions": interactions, "wall_s": round(wall, 2), "cpu_s": round(cpu, 2)},
    )


WORKER = """
import django
django.setup()
from django.test import Client
from accounts.models import User
client = Client(HTTP_HOST="127.0.0.1")
client.force_login(User.objects.get(username={user!r}))
for url in {urls!r}:
    assert client.get(url).status_code == 200, url
# VmHWM is this process's own peak: ru_maxrss would be the bench's own, copied at the exec.
status = dict(line.split(":", 1) for line in open("/proc/self/status").read().splitlines())
print(int(status["VmHWM"].split()[0]) / 1024)
"""


def measure_worker_rss(db: Path, prepared: dict) -> Measurement:
    """Peak RSS of a fresh process that serves the meaning search, similar people and the
    contact page as the big user: the model loaded once, the scans run."""
    import subprocess
    from urllib.parse import urlencode

    urls = [
        f"/search/?{urlencode({'q': MEANING_QUERY})}",
        f"/search/similar/{prepared['detail_contact']}/",
        f"/contacts/{prepared['detail_contact']}/",
    ]
    script = WORKER.format(user=prepared["big_user"], urls=urls)
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=BASE_DIR,
        env={**dataset.child_env(db), "DJANGO_SETTINGS_MODULE": "devhub.settings"},
        check=True,
        capture_output=True,
        text=True,
    )
    rss = float(done.stdout.strip().splitlines()[-1])
    return Measurement(
        name="worker RSS, model loaded",
        p50_ms=0.0,
        p95_ms=0.0,
        queries=None,
        floor_ms=None,
        ratio=None,
        notes=f"{rss:.0f} MB peak after meaning search, similar people, contact page; "
        f"target {WORKER_RSS_MB:.0f} MB",
        targets_met=rss <= WORKER_RSS_MB,
        extra={"rss_mb": round(rss, 1), "target_mb": WORKER_RSS_MB},
    )


EXTRA_MEASUREMENTS = {"embed --all": measure_embed_all, "worker RSS": measure_worker_rss}


# The API at the same 10,000 contacts: a page of the contacts list, and logging an interaction.
API_P95_MS = {"api contacts list (limit 50)": 15.0, "api log interaction": 20.0}
API_RATE = "1000000/m"  # the bench measures the rate limit's cost, not its refusals


def api_clients(prepared: dict):
    """Clients that authenticate with a personal access token of the big and small users
    (made for the run, deleted after), and the big user's token hash for the floor."""
    from django.test import Client

    from accounts.models import User
    from api import services
    from api.models import token_hash

    clients, hashes = [], []
    for username in (prepared["big_user"], prepared.get("small_user")):
        if not username:
            clients.append(None)
            continue
        _, secret = services.create_token(
            User.objects.get(username=username), name="bench", scope="write"
        )
        clients.append(Client(HTTP_HOST="127.0.0.1", HTTP_AUTHORIZATION=f"Bearer {secret}"))
        hashes.append(token_hash(secret))
    return clients[0], clients[1], hashes[0]


def measure_api_log(client, conn: sqlite3.Connection, ctx: floors.Ctx, prepared: dict, requests):
    """POST one interaction per request (through the API, and by hand-written SQL); the rows
    both add are deleted afterwards, through the service, so the bench data stays as it was."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from contacts.models import Contact
    from interactions import services
    from interactions.models import Interaction, InteractionType

    contact = Contact.objects.get(code=prepared["detail_contact"])
    call = InteractionType.objects.for_owner(contact.owner).get(builtin_key="call")
    url = f"/api/v1/contacts/{contact.code}/interactions"
    body = json.dumps({"type": "call", "notes": "bench"})

    def post():
        response = client.post(url, body, content_type="application/json")
        if response.status_code != 201:
            raise RuntimeError(f"POST {url} answered {response.status_code}")
        return response

    try:
        samples, cpu, floor_samples = timed_pair(
            post,
            lambda: floors.api_log_interaction(conn, ctx, contact.pk, call.pk),
            requests,
        )
        with CaptureQueriesContext(connection) as captured:
            post()
    finally:
        for interaction in Interaction.objects.filter(contact=contact, notes="bench"):
            services.delete_interaction(interaction)
        with conn:
            conn.execute("DELETE FROM interactions_interaction WHERE notes = 'bench floor'")
        services.sync_last_contacted(Contact.objects.get(pk=contact.pk))
    name = "api log interaction"
    p95, floor_p95 = percentile(samples, 95), percentile(floor_samples, 95)
    return Measurement(
        name=name,
        p50_ms=round(statistics.median(samples), 2),
        p95_ms=round(p95, 2),
        queries=len(captured.captured_queries),
        floor_ms=round(floor_p95, 3),
        ratio=round(p95 / floor_p95, 1) if floor_p95 else None,
        floor_p50_ms=round(statistics.median(floor_samples), 3),
        targets_met=p95 <= API_P95_MS[name],
        cpu_p50_ms=round(statistics.median(cpu), 2),
        cpu_p95_ms=round(percentile(cpu, 95), 2),
        notes="the floor writes the row and last_contacted only; the ratio is for information",
    )


def measure_api(prepared: dict, db: Path, requests: int) -> list[Measurement]:
    from django.conf import settings

    from api.models import ApiToken

    settings.API_RATE_PER_TOKEN = API_RATE
    big, small, token_hash = api_clients(prepared)
    conn = sqlite3.connect(db)
    try:
        ctx = floors.context(conn, prepared)
        name = "api contacts list (limit 50)"
        page = Page(
            name,
            "/api/v1/contacts?limit=50",
            "/api/v1/contacts?limit=50",
            lambda conn, ctx: floors.api_contacts(conn, ctx, token_hash),
            API_P95_MS[name],
            target_ratio=None,  # the API's targets are its p95 and its query count
        )
        listing = measure_page(page, big, small, conn, ctx, requests)
        return [listing, measure_api_log(big, conn, ctx, prepared, requests)]
    finally:
        conn.close()
        ApiToken.objects.filter(name="bench").delete()


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def machine() -> dict:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    import django

    return {
        "nproc": os.cpu_count(),
        "cpu": cpu or platform.processor(),
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "django": django.get_version(),
    }


def table(results: list[Measurement]) -> str:
    head = (
        f"{'measurement':<38} {'p50 ms':>8} {'p95 ms':>8} {'cpu p95':>8} {'queries':>8} "
        f"{'small':>6} {'floor ms':>9} {'ratio':>6} {'target':>7} {'KB':>5}  met"
    )
    lines = [head, "-" * len(head)]
    for m in results:
        lines.append(
            f"{m.name:<38} {m.p50_ms:>8.1f} {m.p95_ms:>8.1f} "
            f"{'' if m.cpu_p95_ms is None else f'{m.cpu_p95_ms:.1f}':>8} "
            f"{'' if m.queries is None else m.queries:>8} "
            f"{'' if m.queries_small is None else m.queries_small:>6} "
            f"{'' if m.floor_ms is None else f'{m.floor_ms:.2f}':>9} "
            f"{'' if m.ratio is None else m.ratio:>6} "
            f"{m.extra.get('target_p95_ms', ''):>7} "
            f"{'' if m.bytes is None else round(m.bytes / 1000, 1):>5}  "
            f"{'yes' if m.targets_met else 'NO'}" + (f"  ({m.notes})" if m.notes else "")
        )
    return "\n".join(lines)


def measure_scaling(
    prepared: dict, base: Path, grown: Path, requests: int, rounds: int = SCALE_ROUNDS
) -> list[dict]:
    """Each page as the big user on `base` and on `grown` (the same user's rows among more
    users'). The two data sets take turns, `rounds` times and each first in every other round, so
    both see the same machine load: on a shared machine the load changes within seconds."""
    from django.conf import settings

    original = Path(settings.DATABASES["default"]["NAME"])
    per_round = max(1, requests // rounds)
    names = [page.name for page in pages(prepared)]
    walls = {db: {name: [] for name in names} for db in (base, grown)}
    cpus = {db: {name: [] for name in names} for db in (base, grown)}
    queries = {}
    try:
        for turn in range(rounds + 1):  # the last turn counts queries
            for db in (base, grown) if turn % 2 else (grown, base):
                _switch_database(db)
                client = client_for(prepared["big_user"])
                for page in pages(prepared):
                    if turn == rounds:
                        queries[db, page.name] = count_queries(client, page.url)
                        continue
                    wall, cpu, _ = timed_pair(
                        functools.partial(get_ok, client, page.url), lambda: None, per_round
                    )
                    walls[db][page.name] += wall
                    cpus[db][page.name] += cpu
    finally:
        _switch_database(original)
    rows = []
    for name in names:
        p95 = [percentile(walls[db][name], 95) for db in (base, grown)]
        cpu_p95 = [percentile(cpus[db][name], 95) for db in (base, grown)]
        change = p95[1] / p95[0] - 1
        rows.append(
            {
                "name": name,
                "p95_ms": [round(v, 2) for v in p95],
                "cpu_p95_ms": [round(v, 2) for v in cpu_p95],
                "p50_ms": [round(statistics.median(walls[db][name]), 2) for db in (base, grown)],
                "queries": [queries[base, name], queries[grown, name]],
                "change": round(change, 3),
                "cpu_change": round(cpu_p95[1] / cpu_p95[0] - 1, 3),
                "within": change <= SCALE_TOLERANCE,
            }
        )
    return rows


def scaling_table(rows: list[dict], users: tuple[int, int]) -> str:
    a, b = users
    head = (
        f"{'page':<38} {f'p95 {a}u':>9} {f'p95 {b}u':>9} {'change':>7} "
        f"{f'cpu {a}u':>9} {f'cpu {b}u':>9} {'change':>7}  met"
    )
    lines = [head, "-" * len(head)]
    for row in rows:
        lines.append(
            f"{row['name']:<38} {row['p95_ms'][0]:>9.1f} {row['p95_ms'][1]:>9.1f} "
            f"{row['change']:>+7.0%} {row['cpu_p95_ms'][0]:>9.1f} {row['cpu_p95_ms'][1]:>9.1f} "
            f"{row['cpu_change']:>+7.0%}  {'yes' if row['within'] else 'NO'}"
        )
    return "\n".join(lines)


def scaling_entry(rows: list[dict], size: dataset.Size, users: int, requests: int) -> dict:
    """The comparison as it is kept in results.json, under the name SCALING."""
    return {
        "name": SCALING,
        "users": [size.users, users],
        "contacts_per_user": size.contacts_per_user,
        "interactions_per_contact": size.interactions_per_contact,
        "requests_per_page": requests,
        "tolerance": SCALE_TOLERANCE,
        "targets_met": all(row["within"] for row in rows),
        "pages": rows,
        "machine": machine(),
        # Other processes' load while measuring (1, 5, 15 minutes): the comparison is noisier
        # the higher it is, since the machine has machine.nproc cores.
        "load_average": [round(load, 1) for load in os.getloadavg()],
        "measured_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    }


def kept_scaling(out: Path) -> list[dict]:
    """The last scaling comparison in `out`, which a plain run keeps (it measures something
    else, and the comparison takes a second data set to rebuild)."""
    try:
        return [entry for entry in json.loads(out.read_text()) if entry.get("name") == SCALING]
    except (OSError, ValueError, AttributeError):
        return []


def run_scale_check(args, size: dataset.Size, db: Path, prepared: dict) -> int:
    grown = dataset.grown_path(db, args.scale_check)
    dataset.ensure_grown(db, grown, size, args.scale_check, prepared)
    print(
        f"bench: {args.requests} requests per page as '{prepared['big_user']}' among "
        f"{size.users} and among {args.scale_check} users"
    )
    rows = measure_scaling(prepared, db, grown, args.requests)
    print()
    print(scaling_table(rows, (size.users, args.scale_check)))
    entry = scaling_entry(rows, size, args.scale_check, args.requests)
    try:
        previous = json.loads(args.out.read_text())
    except (OSError, ValueError):
        previous = []
    payload = [m for m in previous if m.get("name") != SCALING] + [entry]
    args.out.write_text(json.dumps(payload, indent=2) + "\n")
    print(f'\nwrote the comparison to {args.out} ("{SCALING}")')
    return 0


def setup_django(db: Path) -> None:
    """Point Django at the bench file (never data/devhub.sqlite3), DEBUG off."""
    os.environ["DATABASE_URL"] = dataset.database_url(db)
    os.environ["DEBUG"] = "false"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "devhub.settings")
    import django

    django.setup()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=dataset.DEFAULT_DB)
    parser.add_argument("--requests", type=int, default=100)
    parser.add_argument("--out", type=Path, default=BASE_DIR / "bench" / "results.json")
    parser.add_argument("--users", type=int, default=dataset.Size.users)
    parser.add_argument("--contacts-per-user", type=int, default=dataset.Size.contacts_per_user)
    parser.add_argument("--skip-refresh", action="store_true")
    parser.add_argument(
        "--only",
        metavar="TEXT",
        help="measure only the pages whose name contains TEXT, print them and write nothing",
    )
    parser.add_argument(
        "--scale-check",
        type=int,
        metavar="USERS",
        help="only compare the pages among --users users and among USERS users of the same size",
    )
    args = parser.parse_args(argv)
    db = args.db.resolve()
    if db.name == "devhub.sqlite3":
        parser.error("refusing to benchmark against the application's own database")
    if args.scale_check is not None and args.scale_check <= args.users:
        parser.error("--scale-check needs more users than --users")
    size = dataset.Size(users=args.users, contacts_per_user=args.contacts_per_user)
    dataset.ensure_seeded(db, size)
    setup_django(db)
    prepared = dataset.prepare(db, size)
    from devhub.lib import process

    process.start()  # as devhub/wsgi.py does once the application is loaded
    if args.scale_check:
        return run_scale_check(args, size, db, prepared)
    print(f"bench: {args.requests} requests per page as '{prepared['big_user']}'")
    results = measure_pages(prepared, db, args.requests, args.only)
    results += [
        measure(db, prepared)
        for name, measure in EXTRA_MEASUREMENTS.items()
        if not args.only or args.only in name
    ]
    if not args.only or args.only.startswith("api"):
        results += measure_api(prepared, db, args.requests)
    if args.only:
        print(table(results))
        return 0
    if not args.skip_refresh:
        results.append(measure_refresh(db, db.parent))
    rss = peak_rss_mb()
    info = machine()
    print()
    print(table(results))
    print(
        f"\npeak RSS {rss:.0f} MB; {info['nproc']} x {info['cpu']}; Python {info['python']}, "
        f"SQLite {info['sqlite']}, Django {info['django']}"
    )
    payload = [asdict(m) for m in results]
    payload.append(
        {
            "name": "peak RSS",
            "rss_mb": round(rss, 1),
            "machine": info,
            "measured_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "requests_per_page": args.requests,
        }
    )
    payload += kept_scaling(args.out)
    args.out.write_text(json.dumps(payload, indent=2) + "\n")
    print(
        f"wrote {args.out.relative_to(BASE_DIR) if args.out.is_relative_to(BASE_DIR) else args.out}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
