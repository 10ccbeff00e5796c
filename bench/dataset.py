"""The benchmark's data set: seed_demo's 10 users x 10,000 contacts x 10 interactions, plus what
the pages need that seed_demo does not make (one contact with 1,000 interactions, a small user to
check that query counts do not grow with the data).

The data lives in its own SQLite file (data/bench.sqlite3 by default), never the user's database.
A JSON file next to it records what was built, so `make bench` reuses a complete data set and
rebuilds an interrupted one from scratch.
"""

import datetime as dt
import json
import os
import random
import sqlite3
import subprocess
import sys
from dataclasses import asdict, dataclass, replace
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
DEFAULT_DB = BASE_DIR / "data" / "bench.sqlite3"
PASSWORD = "bench-password"  # the bench database is throwaway local data; loadtest logs in with it
BIG_USER = "demo"
SMALL_USER = "benchsmall"
# The big user's freelance work (on top of seed_demo's few projects): every project gets the same
# share, so the project page's project has 10 milestones, 25 payments and 100 time entries.
PROJECTS = 200
MILESTONES = 2_000
PAYMENTS = 5_000
TIME_ENTRIES = 20_000
# The big user's collaborations: every tenth a study group, the sessions shared among those, so
# the study group page's group has 100 sessions (two years of weekly meetings) and 10 members.
COLLABORATIONS = 300
SESSIONS = 3_000


@dataclass(frozen=True)
class Size:
    users: int = 10
    contacts_per_user: int = 10_000
    interactions_per_contact: int = 10
    detail_interactions: int = 1_000
    seed: int = 1


def marker_path(db: Path) -> Path:
    return db.with_name(db.name + ".json")


def read_marker(db: Path) -> dict:
    try:
        return json.loads(marker_path(db).read_text())
    except (OSError, ValueError):
        return {}


def database_url(db: Path) -> str:
    return f"sqlite:///{db}"


def child_env(db: Path) -> dict:
    return {**os.environ, "DATABASE_URL": database_url(db), "DEBUG": "false"}


def _manage(db: Path, *args: str) -> None:
    subprocess.run(
        [sys.executable, str(BASE_DIR / "manage.py"), *args], env=child_env(db), check=True
    )


def remove_database(db: Path) -> None:
    for path in (db, Path(f"{db}-wal"), Path(f"{db}-shm"), marker_path(db)):
        path.unlink(missing_ok=True)


def ensure_seeded(db: Path, size: Size) -> None:
    """Migrate, and seed in a child process (its memory is not the benchmark's) unless a complete
    seed with the same size is already there. Static files are collected as for `make run`:
    with DEBUG off, pages name the hashed files of the manifest."""
    _manage(db, "collectstatic", "--no-input", "--verbosity", "0")
    wanted = {"size": asdict(size)}
    if db.exists() and read_marker(db).get("size") == wanted["size"]:
        print(f"bench: reusing {db} ({size.users} x {size.contacts_per_user:,} contacts)")
        _manage(db, "migrate", "--no-input", "--verbosity", "0")  # new indexes, if any
        return
    remove_database(db)
    db.parent.mkdir(parents=True, exist_ok=True)
    print(
        f"bench: building {db}: {size.users} users x {size.contacts_per_user:,} contacts x "
        f"{size.interactions_per_contact} interactions (a few minutes)"
    )
    _manage(db, "migrate", "--no-input", "--verbosity", "0")
    _manage(
        db,
        "seed_demo",
        f"--users={size.users}",
        f"--contacts-per-user={size.contacts_per_user}",
        f"--interactions-per-contact={size.interactions_per_contact}",
        f"--seed={size.seed}",
        f"--password={PASSWORD}",
    )
    marker_path(db).write_text(json.dumps(wanted))


def grown_path(db: Path, users: int) -> Path:
    """Where the data set with `users` users lives: data/bench.sqlite3 -> bench-50users.sqlite3."""
    return db.with_name(f"{db.stem}-{users}users{db.suffix}")


def copy_database(source: Path, target: Path) -> None:
    """A consistent copy even with a WAL file beside the source (sqlite3's backup API)."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    src, dst = sqlite3.connect(source), sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        src.close()
        dst.close()


def ensure_grown(base: Path, db: Path, size: Size, users: int, prepared: dict) -> None:
    """`db`: a copy of the prepared data set `base` (size.users users) plus users of the same size
    up to `users` in all. The measured users' rows are the very same rows as in `base`, so a
    comparison of the two shows what other users' data costs them, and nothing else."""
    wanted = {"size": asdict(replace(size, users=users)), "prepared": prepared}
    marker = read_marker(db)
    if db.exists() and all(marker.get(key) == value for key, value in wanted.items()):
        print(f"bench: reusing {db} ({users} x {size.contacts_per_user:,} contacts)")
        _manage(db, "migrate", "--no-input", "--verbosity", "0")
        return
    remove_database(db)
    print(
        f"bench: building {db}: {base.name} plus {users - size.users} users x "
        f"{size.contacts_per_user:,} contacts x {size.interactions_per_contact} interactions"
    )
    copy_database(base, db)
    subprocess.run(
        [
            sys.executable,
            __file__,
            f"--db={db}",
            f"--contacts-per-user={size.contacts_per_user}",
            f"--add-users={users - size.users}",
        ],
        env=child_env(db),
        check=True,
    )
    marker_path(db).write_text(json.dumps(wanted))


def add_users(count: int, size: Size) -> None:
    """Seed `count` more demo users after the existing ones (in the child process of
    ensure_grown, with Django set up against the copy). Durability is pointless for a data set
    rebuilt whenever it is incomplete, so the file is written without syncing."""
    from django.db import connection

    from accounts.models import User
    from demo.seed import seed

    existing = User.objects.filter(username__regex=r"^demo[0-9]*$").count()
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA synchronous = OFF")
    seed(
        users=count,
        contacts_per_user=size.contacts_per_user,
        interactions_per_contact=size.interactions_per_contact,
        seed=size.seed + existing,
        password=PASSWORD,
        first_user=existing + 1,
        progress=_progress,
    )


def _progress(label: str, done: int, total: int) -> None:
    if done == total:
        print(f"bench: {label} {done:,}", flush=True)


# --- In-process preparation (Django is set up against the bench database) ---------------------


def prepare_detail_contact(user, interactions: int, seed: int = 1):
    """The user's first contact, made a VIP mentee with `interactions` interactions in all.

    A VIP mentee shows every section of the contact page (VIP sections, mentorship summary), so
    the detail page is measured at its heaviest.
    """
    from contacts.models import Contact, Tag
    from interactions.models import Interaction, InteractionType
    from interactions.services import sync_last_contacted
    from vip.models import Background, ContactInfo

    rng = random.Random(seed)
    contact = Contact.objects.for_owner(user).order_by("id").first()
    types = list(InteractionType.objects.for_owner(user))
    mentoring = next(t for t in types if t.builtin_key == "mentoring_session")
    tags = list(Tag.objects.for_owner(user)[:4])
    now = dt.datetime.now(dt.UTC)
    missing = interactions - contact.interactions.count()
    made = Interaction.objects.bulk_create(
        [
            Interaction(
                owner=user,
                contact=contact,
                type=mentoring if n % 10 == 0 else rng.choice(types),
                occurred_at=now - dt.timedelta(days=rng.randint(0, 1500), minutes=n),
                notes=f"Session {n}: talked about testing, deploys and code review",
                progress_notes="Steady progress" if n % 10 == 0 else "",
                outcome=rng.choice(Interaction.Outcome.values),
            )
            for n in range(max(missing, 0))
        ]
    )
    topic_link = Interaction.topics.through
    topic_link.objects.bulk_create(
        [
            topic_link(interaction_id=i.pk, tag_id=rng.choice(tags).pk)
            for i in made
            if i.type_id == mentoring.pk
        ]
    )
    contact.is_vip = True
    contact.relationship = Contact.Relationship.MENTEE
    contact.save(update_fields=["is_vip", "relationship", "updated_at"])
    contact.tags.add(*tags)
    ContactInfo.objects.get_or_create(contact=contact)
    Background.objects.get_or_create(contact=contact)
    sync_last_contacted(contact)
    return contact


def add_projects(
    user,
    client,
    projects: int = PROJECTS,
    milestones: int = MILESTONES,
    payments: int = PAYMENTS,
    entries: int = TIME_ENTRIES,
    seed: int = 1,
):
    """`projects` projects of `user` with milestones, payments and time spread evenly, in bulk.

    Stages, pricing and currencies take turns; each payment's stored status comes from the
    app's own rule (`services.payment_status`) and each done milestone has its delivery date, so
    the rows are those the app would have; there are no reminders (no measured page reads the
    project ones in bulk). Every project has a client among the user's contacts; the first, the
    project page's, is an active hourly one whose client is `client`. Returns it."""
    from decimal import Decimal

    from contacts.models import Contact
    from contacts.status import local_today
    from projects.models import (
        Member,
        Milestone,
        Payment,
        Project,
        Stage,
        StageChange,
        TimeEntry,
    )
    from projects.services import payment_status

    rng = random.Random(seed)
    today = local_today(user)
    stages = Stage.values[Stage.values.index(Stage.ACTIVE) :] + Stage.values
    pricing = [Project.Pricing.HOURLY, Project.Pricing.FIXED, Project.Pricing.DAILY]
    pricing.append(Project.Pricing.RETAINER)
    made = Project.objects.bulk_create(
        [
            Project(
                owner=user,
                title=f"Project {n}",
                client=f"Client {n % 40}",
                stage=stages[n % len(Stage.values)],
                pricing=pricing[n % len(pricing)],
                rate=Decimal(90 if n % len(pricing) == 0 else 1000 * (n % 20 + 1)),
                currency="USD" if n % 5 == 4 else "EUR",
                starts_on=today - dt.timedelta(days=n),
            )
            for n in range(projects)
        ],
        batch_size=500,
    )
    StageChange.objects.bulk_create(
        [StageChange(project=p, to_stage=p.stage, changed_at=p.stage_changed_at) for p in made]
    )
    others = list(
        Contact.objects.for_owner(user).exclude(pk=client.pk).values_list("pk", flat=True)[:50]
    )
    Member.objects.bulk_create(
        [
            Member(project=p, contact_id=client.pk if n == 0 else others[n % len(others)])
            for n, p in enumerate(made)
        ]
    )
    done = Milestone.Status.ACCEPTED
    steps = [
        Milestone(
            project=p,
            title=f"Milestone {m}",
            due_on=(due := today + dt.timedelta(days=14 * m - 70)),
            amount=Decimal(1000),
            position=m,
            status=done if due < today - dt.timedelta(days=7) else Milestone.Status.PLANNED,
            delivered_on=due if due < today - dt.timedelta(days=7) else None,
        )
        for p in made
        for m in range(milestones // projects)
    ]
    Milestone.objects.bulk_create(steps, batch_size=500)
    per_project = milestones // projects
    rows = []
    for i, p in enumerate(made):
        for k in range(payments // projects):
            due = today + dt.timedelta(days=10 * k - 150)
            payment = Payment(
                project=p,
                milestone=steps[i * per_project + k] if k < per_project else None,
                amount=Decimal(500 + 50 * k),
                currency=p.currency,
                due_on=due,
                invoice_number=f"{p.pk}-{k}",
            )
            if due < today + dt.timedelta(days=30):
                payment.invoiced_on = due - dt.timedelta(days=30)
            if due < today - dt.timedelta(days=30) and k % 7:
                payment.paid_on = due + dt.timedelta(days=rng.randint(0, 10))
            if k % 20 == 19:
                payment.status = Payment.Status.WRITTEN_OFF
            payment.status = payment_status(payment, today)
            rows.append(payment)
    Payment.objects.bulk_create(rows, batch_size=500)
    paid = {}
    for payment in rows:
        if payment.status == Payment.Status.PAID:
            paid.setdefault(payment.project_id, []).append(payment.pk)
    per = entries // projects
    TimeEntry.objects.bulk_create(
        [
            TimeEntry(
                project=p,
                worked_on=today - dt.timedelta(days=e),
                hours=Decimal(rng.choice(["1", "1.5", "2", "3", "4.5", "6"])),
                note=f"Work {e}",
                billable=e % 10 != 9,
                # The older 60 %, billable, billed by the project's paid payments in turn.
                payment_id=paid[p.pk][e % len(paid[p.pk])]
                if p.bills_time and e >= per * 0.4 and e % 10 != 9 and p.pk in paid
                else None,
            )
            for p in made
            for e in range(per)
        ],
        batch_size=500,
    )
    return made[0]


def add_collaborations(
    user, member, collaborations: int = COLLABORATIONS, sessions: int = SESSIONS, seed: int = 1
):
    """`collaborations` collaborations of `user` in bulk, kinds and stages taking turns, each with
    two technologies and one to four people; every tenth is a study group meeting weekly, and
    `sessions` sessions are shared among the groups, each attended by about seven of its ten
    members. The first group, the study group page's, has `member` among its members. Returns
    that group."""
    from collaborations.models import Collaboration, Kind, Person, Session, Stage, StageChange
    from contacts.models import Contact, Tag
    from contacts.status import local_today

    rng = random.Random(seed)
    today = local_today(user)
    kinds = [k for k in Kind.values if k != Kind.STUDY_GROUP]
    made = Collaboration.objects.bulk_create(
        [
            Collaboration(
                owner=user,
                kind=Kind.STUDY_GROUP if n % 10 == 0 else kinds[n % len(kinds)],
                title=f"Collaboration {n}",
                stage=Stage.IN_PROGRESS if n % 10 == 0 else Stage.values[n % len(Stage.values)],
                target_on=today + dt.timedelta(days=n % 90) if n % 3 == 0 else None,
                meets_on=n % 7 if n % 10 == 0 else None,
                meets_at=dt.time(18) if n % 10 == 0 else None,
                notes="Notes " * 20,
            )
            for n in range(collaborations)
        ],
        batch_size=500,
    )
    StageChange.objects.bulk_create(
        [
            StageChange(collaboration=c, to_stage=c.stage, changed_at=c.stage_changed_at)
            for c in made
        ]
    )
    contacts = list(
        Contact.objects.for_owner(user).exclude(pk=member.pk).values_list("pk", flat=True)[:200]
    )
    tags = list(Tag.objects.filter(owner=user).values_list("pk", flat=True)[:20])
    Through = Collaboration.tags.through
    Through.objects.bulk_create(
        [
            Through(collaboration_id=c.pk, tag_id=tags[(n + k) % len(tags)])
            for n, c in enumerate(made)
            for k in range(min(2, len(tags)))
        ]
    )
    groups = [c for c in made if c.kind == Kind.STUDY_GROUP]
    people, members = [], {}
    for n, c in enumerate(made):
        count = 10 if c.kind == Kind.STUDY_GROUP else 1 + n % 4
        chosen = rng.sample(contacts, min(count, len(contacts)))
        if c is groups[0]:
            chosen[0] = member.pk
        members[c.pk] = chosen
        role = Person.Role.MEMBER if c.kind == Kind.STUDY_GROUP else Person.Role.CO_AUTHOR
        people += [Person(collaboration=c, contact_id=pk, role=role) for pk in chosen]
    Person.objects.bulk_create(people, batch_size=1000)
    per_group = sessions // len(groups)
    held = Session.objects.bulk_create(
        [
            Session(
                collaboration=g,
                held_on=today - dt.timedelta(weeks=per_group - k),
                topic=f"Chapter {k + 1}",
                notes="What we covered. " * 5,
            )
            for g in groups
            for k in range(per_group)
        ],
        batch_size=1000,
    )
    Attendee = Session.attendees.through
    Attendee.objects.bulk_create(
        [
            Attendee(session_id=s.pk, contact_id=pk)
            for s in held
            for pk in rng.sample(
                members[s.collaboration_id], min(7, len(members[s.collaboration_id]))
            )
        ],
        batch_size=2000,
    )
    return groups[0]


def make_small_user(size_contacts: int = 30, seed: int = 2):
    """A user with a handful of everything, to compare query counts against the big user."""
    from accounts.models import User
    from contacts import services as contact_services
    from contacts.models import Contact, Tag
    from interactions.models import Interaction, InteractionType, ensure_builtin_types
    from opportunities.models import Opportunity, Status
    from reminders.models import Reminder

    rng = random.Random(seed)
    user = User.objects.create_user(SMALL_USER, f"{SMALL_USER}@example.com", PASSWORD)
    ensure_builtin_types(user)
    types = list(InteractionType.objects.for_owner(user))
    tags = Tag.objects.bulk_create(
        [Tag(owner=user, name=n) for n in ("Python", "Django", "Rust", "Go")]
    )
    today = dt.date.today()
    now = dt.datetime.now(dt.UTC)
    for n in range(size_contacts):
        contact = contact_services.save_contact(
            Contact(
                owner=user,
                name=f"{rng.choice(['Ada', 'Grace', 'Linus'])} Person{n}",
                company=rng.choice(["Acme", "Initech"]),
                is_vip=n % 5 == 0,
                birthday=dt.date(1980, today.month, min(today.day, 28)) if n % 7 == 0 else None,
                last_contacted=today - dt.timedelta(days=rng.randint(0, 400)),
            )
        )
        contact.tags.set(rng.sample(tags, 2))
        Interaction.objects.bulk_create(
            [
                Interaction(
                    owner=user,
                    contact=contact,
                    type=rng.choice(types),
                    occurred_at=now - dt.timedelta(days=rng.randint(0, 120)),
                    notes="Coffee",
                )
                for _ in range(3)
            ]
        )
        if n % 3 == 0:
            Reminder.objects.create(
                owner=user,
                contact=contact,
                title=f"Write to {contact.name}",
                due_on=today + dt.timedelta(days=rng.randint(-5, 10)),
            )
    Opportunity.objects.bulk_create(
        [
            Opportunity(owner=user, company="Acme", role_title="Engineer", status=s)
            for s in Status.values
        ]
    )
    return user


def prepare(db: Path, size: Size) -> dict:
    """Add the detail contact and the small user once, then the projects (a data set prepared
    before projects existed gets just those); returns (and records) what run.py needs."""
    from django.db import transaction

    from accounts.models import User
    from contacts.models import Contact
    from reminders.refresh import refresh_statuses
    from search import index as search_index
    from search import meaning

    marker = read_marker(db)
    prepared = marker.get("prepared")
    if prepared and "study_group" in prepared and "embeddings" in prepared:
        return prepared
    with transaction.atomic():  # all or nothing, so an interrupted run can simply run again
        if not prepared:
            big = User.objects.get(username=BIG_USER)
            contact = prepare_detail_contact(big, size.detail_interactions, size.seed)
            small = make_small_user()
            small_contact = prepare_detail_contact(small, 20, size.seed)
            refresh_statuses(username=SMALL_USER, record=False)
            prepared = {
                "big_user": BIG_USER,
                "small_user": SMALL_USER,
                "detail_contact": str(contact.code),
                "small_detail_contact": str(small_contact.code),
            }
        # Added to a data set prepared before they existed, each once.
        for key, add in (
            ("detail_project", prepare_projects),
            ("study_group", prepare_collaborations),
        ):
            if key not in prepared:
                prepared |= add(
                    User.objects.get(username=prepared["big_user"]),
                    Contact.objects.get(code=prepared["detail_contact"]),
                    User.objects.get(username=prepared["small_user"]),
                    Contact.objects.get(code=prepared["small_detail_contact"]),
                    size.seed,
                )
    if "search_index" not in prepared:
        # What was written in bulk above (or by a seed from before the search) gets indexed,
        # a range of contacts per transaction.
        for username in (prepared["big_user"], prepared["small_user"]):
            search_index.rebuild(User.objects.get(username=username))
        prepared["search_index"] = True
    if "embeddings" not in prepared:
        # Search by meaning's vectors (every write keeps them; these were written in bulk).
        for username in (prepared["big_user"], prepared["small_user"]):
            meaning.embed_owner(User.objects.get(username=username))
        detail = Contact.objects.get(code=prepared["detail_contact"])
        prepared["detail_interaction"] = str(detail.interactions.order_by("id").first().code)
        prepared["embeddings"] = True
    if "suggestions" not in prepared:
        # The nightly conversation openers of the people who need attention.
        from suggestions.services import refresh_all

        for username in (prepared["big_user"], prepared["small_user"]):
            refresh_all(username=username)
        prepared["suggestions"] = True
    if "history" not in prepared:
        for code, versions in (
            (prepared["detail_contact"], HISTORY_VERSIONS),
            (prepared["small_detail_contact"], 20),
        ):
            add_history(Contact.objects.get(code=code), versions)
        prepared["history"] = True
    marker["prepared"] = prepared
    marker_path(db).write_text(json.dumps(marker))
    return prepared


HISTORY_VERSIONS = 1_000  # the detail contact's History page: a contact with 1,000 changes


def add_history(contact, versions: int) -> None:
    """`versions` changes of the contact's company, job title and notes, each in its history."""
    from django.db import transaction

    from contacts.models import Contact
    from history.bulk import record_rows

    rows = Contact.objects.filter(pk=contact.pk)
    with transaction.atomic():
        for n in range(versions):
            rows.update(
                company=f"Company {n % 37}", job_title=f"Role {n % 11}", notes=f"Change {n}"
            )
            record_rows(rows)


def prepare_projects(big, big_contact, small, small_contact, seed: int = 1, **counts) -> dict:
    """The big user's projects (PROJECTS and the rest, or `counts`) and the small user's, one per
    stage with a little of everything; each detail contact is the client of its user's project
    page's project, so the contact page shows its money too."""
    project = add_projects(big, big_contact, seed=seed, **counts)
    small_project = add_projects(
        small, small_contact, projects=8, milestones=16, payments=40, entries=80, seed=seed
    )
    return {"detail_project": str(project.code), "small_detail_project": str(small_project.code)}


def prepare_collaborations(big, big_contact, small, small_contact, seed: int = 1, **counts) -> dict:
    """The big user's collaborations (COLLABORATIONS and SESSIONS, or `counts`) and the small
    user's 20 with 2 study groups; each detail contact is a member of its user's measured group."""
    group = add_collaborations(big, big_contact, seed=seed, **counts)
    small_group = add_collaborations(
        small, small_contact, collaborations=20, sessions=20, seed=seed
    )
    return {"study_group": str(group.code), "small_study_group": str(small_group.code)}


def setup_django(db: Path) -> None:
    os.environ["DATABASE_URL"] = database_url(db)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "devhub.settings")
    if str(BASE_DIR) not in sys.path:
        sys.path.insert(0, str(BASE_DIR))
    import django

    django.setup()


def main(argv: list[str] | None = None) -> int:
    """`python bench/dataset.py`: build or reuse the data set (what `make loadtest` serves).

    With --users above 10, also the same data set grown to that many users, in its own file
    (data/bench-50users.sqlite3 for --users 50): what `bench/run.py --scale-check` compares."""
    import argparse

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("--db", type=Path, default=DEFAULT_DB)
    parser.add_argument("--users", type=int, default=Size.users)
    parser.add_argument("--contacts-per-user", type=int, default=Size.contacts_per_user)
    parser.add_argument("--add-users", type=int, help=argparse.SUPPRESS)  # ensure_grown's child
    args = parser.parse_args(argv)
    db = args.db.resolve()
    if db.name == "devhub.sqlite3":
        parser.error("refusing to use the application's own database")
    size = Size(contacts_per_user=args.contacts_per_user)
    if args.add_users:
        setup_django(db)
        add_users(args.add_users, size)
        return 0
    if args.users < size.users:
        parser.error(f"--users must be at least {size.users}")
    ensure_seeded(db, size)
    setup_django(db)
    prepared = prepare(db, size)
    if args.users > size.users:
        ensure_grown(db, grown_path(db, args.users), size, args.users, prepared)
    return 0


if __name__ == "__main__":
    sys.exit(main())
