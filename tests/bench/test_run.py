"""bench/run.py's measurements on a tiny data set, so `make bench` cannot rot between runs.

The real benchmark (100k contacts) is too slow for the suite; this runs every page, every floor
and the refresh comparison once over 1 user x 50 contacts with 3 requests per page.
"""

import sqlite3
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from accounts.models import User
from bench import dataset, floors, run
from contacts.models import Contact
from projects import services
from projects.models import Payment, Project, TimeEntry
from search import index as search_index
from tests.conftest import make_contact

DEMO = ["Online shop rewrite", "Payments API integration", "Performance audit", "Mobile app"]
DEMO += ["Data pipeline"]  # seed_demo's projects

pytestmark = [
    pytest.mark.django_db(transaction=True),  # floors read through their own sqlite3 connection
    pytest.mark.skipif(
        settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3",
        reason="the benchmark compares against SQLite",
    ),
]


@pytest.fixture
def prepared() -> dict:
    call_command(
        "seed_demo",
        users=1,
        contacts_per_user=50,
        interactions_per_contact=3,
        seed=1,
        password=dataset.PASSWORD,
        verbosity=0,
    )
    big = User.objects.get(username=dataset.BIG_USER)
    # The filtered search finds someone for both users whatever the day (the seed's statuses
    # depend on it), so both draw the same page with the same queries.
    make_contact(
        big, name="Ada Bench", company="Acme", tags=["Python"], status=Contact.Status.CHECK_IN_DUE
    )
    contact = dataset.prepare_detail_contact(big, 40)
    small = dataset.make_small_user(size_contacts=8)
    small_contact = dataset.prepare_detail_contact(small, 5)
    # The project page's project has its share of the bench's: 10 milestones, 25 payments and
    # 100 time entries.
    projects = {"projects": 4, "milestones": 40, "payments": 100, "entries": 400}
    # Someone for the three-word search of both users, whatever the seed drew.
    make_contact(small, name="Ada Small", company="Acme", tags=["Python"])
    for user in (big, small):
        search_index.rebuild(user)  # the tags and interactions above were written in bulk
    return {
        "big_user": big.username,
        "small_user": small.username,
        "detail_contact": str(contact.code),
        "small_detail_contact": str(small_contact.code),
        "detail_interaction": str(contact.interactions.order_by("id").first().code),
        **dataset.prepare_projects(big, contact, small, small_contact, **projects),
        **dataset.prepare_collaborations(
            big, contact, small, small_contact, collaborations=20, sessions=20
        ),
    }


def database() -> Path:
    return Path(connection.settings_dict["NAME"])


def test_every_page_is_measured_with_a_query_count_that_does_not_grow(prepared):
    results = run.measure_pages(prepared, database(), requests=3)

    assert [m.name for m in results] == [page.name for page in run.pages(prepared)]
    floored = {page.name for page in run.pages(prepared) if page.floor}
    for m in results:
        assert 0 < m.p50_ms <= m.p95_ms, m
        assert m.bytes > 1000, m
        if m.name in floored:
            assert m.floor_ms > 0 and m.ratio > 0, m
        # The big user has 50 contacts and a 40-interaction contact, the small one 8 and 5.
        assert m.queries == m.queries_small or m.queries_small is None, m
        # Each figure sits next to its target in results.json, and "met" means all of them.
        targets = m.extra
        assert targets["target_p95_ms"] > 0, m
        assert targets["target_ratio"] == (run.PAGE_RATIO if m.name in floored else None), m
        assert m.targets_met == (
            m.p95_ms <= targets["target_p95_ms"]
            and m.bytes <= targets.get("target_kb", m.bytes) * 1000
            and (targets["target_ratio"] is None or m.ratio <= targets["target_ratio"])
            and m.queries_small in (None, m.queries)
        ), m
    by_name = {m.name: m.extra for m in results}
    assert by_name["dashboard"] == {"target_p95_ms": 25.0, "target_ratio": 3.0, "target_kb": 60.0}
    assert by_name["contacts list"]["target_kb"] == 50.0


def test_every_floor_returns_the_rows_its_page_shows(prepared):
    conn = sqlite3.connect(database())
    ctx = floors.context(conn, prepared)
    try:
        for page in run.pages(prepared):
            if page.floor:
                assert any(page.floor(conn, ctx)), page.name
        assert len(floors.contacts(conn, ctx)[1]) == 25  # the first page of the list
        assert floors.contact_detail(conn, ctx)[3] == [(40,)]  # the timeline's count
        project = floors.project_detail(conn, ctx)
        assert [len(project[n]) for n in (3, 4, 5)] == [10, 25, 100]
        assert len(floors.projects_board(conn, ctx)[0]) == 4 + 5  # and seed_demo's five
    finally:
        conn.close()


def test_the_api_is_measured_and_leaves_the_data_as_it_was(prepared):
    from api.models import ApiToken
    from interactions.models import Interaction

    contact = Contact.objects.get(code=prepared["detail_contact"])
    before = (Interaction.objects.count(), contact.last_contacted)

    listing, logging = run.measure_api(prepared, database(), requests=3)

    assert listing.name == "api contacts list (limit 50)" and logging.name == "api log interaction"
    for m in (listing, logging):
        assert 0 < m.p50_ms <= m.p95_ms and m.floor_ms > 0, m
    assert listing.queries == listing.queries_small, listing
    # Its targets are its p95 and its query count; its ratio to the floor is for information.
    assert listing.extra == {"target_p95_ms": 15.0, "target_ratio": None}
    assert listing.targets_met == (listing.p95_ms <= 15.0), listing
    contact.refresh_from_db()
    assert (Interaction.objects.count(), contact.last_contacted) == before
    assert not ApiToken.objects.exists()
    conn = sqlite3.connect(database())
    try:
        stored = conn.execute("SELECT count(*) FROM interactions_interaction").fetchone()[0]
        assert stored == before[0]
    finally:
        conn.close()


def test_the_projects_rows_are_those_the_app_would_store(prepared):
    big = User.objects.get(username=dataset.BIG_USER)
    project = Project.objects.get(code=prepared["detail_project"])
    payments = Payment.objects.filter(project__owner=big).exclude(project__title__in=DEMO)
    today = timezone.localdate()

    assert (project.stage, project.pricing) == ("active", "hourly")
    assert project.members.get().contact.code == uuid.UUID(prepared["detail_contact"])
    assert all(p.status == services.payment_status(p, today) for p in payments)
    assert set(payments.values_list("status", flat=True)) == {
        "scheduled",
        "invoiced",
        "overdue",
        "paid",
        "written_off",
    }
    time = TimeEntry.objects.filter(project=project)
    assert time.filter(payment__isnull=False).exclude(payment__status="paid").count() == 0
    assert time.filter(payment__isnull=False, billable=False).count() == 0
    assert 0 < time.filter(payment__isnull=False).count() < 100
    assert all(
        m.delivered_on == (m.due_on if m.is_done else None) for m in project.milestones.all()
    )


def test_refresh_matches_the_hand_written_updates(prepared, tmp_path):
    m = run.measure_refresh(database(), tmp_path)

    assert m.extra["differ"] == 0
    assert m.extra["contacts"] == 60
    assert m.extra["changed"] > 0  # every contact whose day has come moved, on both copies
    assert m.extra["nothing_due_ms"] > 0  # and the second run found nothing to move
    assert "0 changed" in m.notes.split("nothing due:")[1]
    assert m.p95_ms > 0 and m.floor_ms > 0
    assert list(tmp_path.iterdir()) == []  # the copies are removed


def test_percentile_is_nearest_rank():
    samples = [float(n) for n in range(1, 101)]

    assert run.percentile(samples, 95) == 95.0
    assert run.percentile(samples, 50) == 50.0
    assert run.percentile([3.0], 95) == 3.0


def test_the_table_marks_missed_targets():
    ok = run.Measurement("fast page", 1.0, 2.0, 5, 1.0, 2.0, queries_small=5)
    slow = run.Measurement("slow page", 40.0, 50.0, 5, 1.0, 50.0, targets_met=False)

    text = run.table([ok, slow])

    assert "fast page" in text and "yes" in text
    assert text.splitlines()[-1].rstrip().endswith("NO")


def test_refuses_the_applications_own_database(tmp_path):
    with pytest.raises(SystemExit):
        run.main(["--db", str(tmp_path / "devhub.sqlite3")])


def test_the_scale_check_compares_the_same_user_among_more_users(prepared, tmp_path):
    """The grown data set is a copy with one more user of the same size; the big user's pages
    run the same queries on both, and the comparison names every page."""
    base = database()
    size = dataset.Size(users=1, contacts_per_user=20, interactions_per_contact=10)
    grown = tmp_path / "grown.sqlite3"
    dataset.ensure_grown(base, grown, size, 2, prepared)

    with sqlite3.connect(grown) as conn:
        users = conn.execute(
            "SELECT u.username, count(i.id) FROM accounts_user u "
            "JOIN interactions_interaction i ON i.owner_id = u.id GROUP BY u.username"
        ).fetchall()
    conn.close()
    assert ("demo2", 200) in users and len(users) == 3  # demo, benchsmall and the new one
    rows = run.measure_scaling(prepared, base, grown, requests=2, rounds=1)

    assert [row["name"] for row in rows] == [page.name for page in run.pages(prepared)]
    for row in rows:
        assert row["queries"][0] == row["queries"][1], row
        assert all(ms > 0 for ms in row["p95_ms"] + row["cpu_p95_ms"]), row
    assert database() == base  # switched back
