"""The floor for each page: the rows it shows, fetched with hand-written SQL on a plain sqlite3
connection. No ORM, no templates, no HTTP: what the same answer costs the database itself.

Each function takes the connection and a `Ctx` (user id, defaults, today, ...) and returns the
rows, so a test can check they are not empty. They assume users in UTC (the bench's users are).
"""

import datetime as dt
import itertools
import sqlite3
from dataclasses import dataclass

PINNED = ("active_collaboration", "passive")
WARMTH = (
    "CASE c.status WHEN 'active_collaboration' THEN 0 WHEN 'regular_contact' THEN 1 "
    "WHEN 'check_in_due' THEN 2 WHEN 'reconnect' THEN 3 WHEN 'passive' THEN 4 ELSE 9 END"
)
# A user's open reminders with their contact and effective due date (the snooze, if later).
OPEN_REMINDERS = (
    "SELECT r.code, r.title, r.kind, r.due_on, r.snoozed_until, r.notes, c.code, c.name, "
    "r.effective_due AS due "
    "FROM reminders_reminder r LEFT JOIN contacts_contact c ON c.id = r.contact_id "
    "WHERE r.owner_id = :user AND r.completed_at IS NULL AND r.dismissed_at IS NULL"
)


@dataclass
class Ctx:
    user_id: int
    today: dt.date
    vip_days: int
    high_days: int
    medium_days: int
    low_days: int
    contact_id: int = 0  # the contact page's contact
    project_id: int = 0  # the project page's project
    group_id: int = 0  # the study group page's group
    per_page: int = 25


def _id(conn: sqlite3.Connection, table: str, code: str) -> int:
    if not code:
        return 0
    row = conn.execute(f"SELECT id FROM {table} WHERE code = ?", [code.replace("-", "")])
    return row.fetchone()[0]


def context(conn: sqlite3.Connection, prepared: dict) -> Ctx:
    """The big user's defaults and the rows its detail pages show, from bench/dataset.py's
    `prepared` record."""
    row = conn.execute(
        "SELECT id, vip_follow_up_days, high_follow_up_days, medium_follow_up_days, "
        "low_follow_up_days FROM accounts_user WHERE username = ?",
        [prepared["big_user"]],
    ).fetchone()
    return Ctx(
        row[0],
        dt.date.today(),
        *row[1:],
        contact_id=_id(conn, "contacts_contact", prepared.get("detail_contact", "")),
        project_id=_id(conn, "projects_project", prepared.get("detail_project", "")),
        group_id=_id(conn, "collaborations_collaboration", prepared.get("study_group", "")),
    )


# The owner's interactions newest first, walking the (owner, time) index.
NEWEST = (
    "FROM interactions_interaction i JOIN contacts_contact c ON c.id = i.contact_id "
    "JOIN interactions_interactiontype t ON t.id = i.type_id WHERE i.owner_id = :user "
    "ORDER BY i.occurred_at DESC, i.id DESC"
)


def _params(ctx: Ctx, **extra) -> dict:
    return {
        "user": ctx.user_id,
        "today": ctx.today.isoformat(),
        "vip": ctx.vip_days,
        "high": ctx.high_days,
        "medium": ctx.medium_days,
        "low": ctx.low_days,
        "contact": ctx.contact_id,
        "project": ctx.project_id,
        "group": ctx.group_id,
        **extra,
    }


def _chrome(conn, ctx: Ctx) -> list:
    """What every page's layout shows: unread notifications and the last refresh run."""
    return [
        conn.execute(
            "SELECT count(*) FROM quickconnect_notification WHERE owner_id = ? AND read_at IS NULL",
            [ctx.user_id],
        ).fetchall(),
        conn.execute(
            "SELECT finished_at FROM reminders_statusrefreshrun ORDER BY finished_at DESC LIMIT 1"
        ).fetchall(),
    ]


def _types(conn, ctx: Ctx) -> list:
    return conn.execute(
        "SELECT code, name FROM interactions_interactiontype WHERE owner_id = ? "
        "AND is_retired = 0 ORDER BY position, lower(name)",
        [ctx.user_id],
    ).fetchall()


def dashboard(conn: sqlite3.Connection, ctx: Ctx) -> list:
    """The same answers as the page, each read the cheapest way the schema allows: counts from
    indexes alone, the first rows of an index walked in order."""
    p = _params(ctx)
    today = ctx.today
    monday = today - dt.timedelta(days=today.weekday())
    weeks = [monday - dt.timedelta(weeks=11 - i) for i in range(13)]
    week_counts = ", ".join(
        "(SELECT count(*) FROM interactions_interaction WHERE owner_id = :user "
        f"AND occurred_at >= '{a}' AND occurred_at < '{b}')"
        for a, b in itertools.pairwise(weeks)
    )
    active = "c.owner_id = :user AND c.is_archived = 0"
    attention = (
        f"FROM contacts_contact c WHERE {active} AND c.status IN ('check_in_due', 'reconnect') "
        "AND (c.snoozed_until IS NULL OR c.snoozed_until <= :today)"
    )
    open_reminders = (
        "FROM reminders_reminder WHERE owner_id = :user AND completed_at IS NULL "
        "AND dismissed_at IS NULL"
    )
    end = today + dt.timedelta(days=30)
    first, last = today.month * 100 + today.day, end.month * 100 + end.day
    birthdays = (
        [(first, last)] if first <= last else [(first, 1231), (101, last)]
    )  # the bench never runs on a 29 February edge
    within = " OR ".join(f"c.birthday_day BETWEEN {a} AND {b}" for a, b in birthdays)
    rows = [
        conn.execute(
            f"SELECT (SELECT count(*) FROM contacts_contact c WHERE {active}), "
            "(SELECT count(*) FROM contacts_contact c WHERE c.owner_id = :user AND c.is_vip = 1 "
            "AND c.is_archived = 0), "
            "(SELECT count(*) FROM interactions_interaction WHERE owner_id = :user "
            f"AND occurred_at >= '{today.replace(day=1)}')",
            p,
        ).fetchall(),
        conn.execute(
            f"SELECT sum(effective_due = :today), sum(effective_due < :today) {open_reminders} "
            "AND effective_due <= :today",
            p,
        ).fetchall(),
        conn.execute(f"SELECT count(*) {attention}", p).fetchall(),
        conn.execute(
            f"SELECT c.code, c.name, c.status, c.last_contacted, c.check_in_on {attention} "
            "ORDER BY c.check_in_on, lower(c.name) LIMIT 10",
            p,
        ).fetchall(),
        conn.execute(
            "SELECT r.code, r.title, r.kind, r.due_on, r.effective_due, c.code, c.name "
            "FROM reminders_reminder r LEFT JOIN contacts_contact c ON c.id = r.contact_id "
            "WHERE r.owner_id = :user AND r.completed_at IS NULL AND r.dismissed_at IS NULL "
            "AND r.effective_due <= :today ORDER BY r.effective_due, r.id LIMIT 11",
            p,
        ).fetchall(),
        conn.execute(
            f"SELECT title, effective_due {open_reminders} AND effective_due > :today "
            "AND effective_due <= date(:today, '+7 days') ORDER BY effective_due, id LIMIT 11",
            p,
        ).fetchall(),
        _types(conn, ctx),
        conn.execute(
            f"SELECT count(*) FROM contacts_contact c WHERE {active} AND ({within})", p
        ).fetchall(),
        *(
            conn.execute(
                f"SELECT c.code, c.name, c.birthday FROM contacts_contact c WHERE {active} "
                f"AND c.birthday_day BETWEEN {a} AND {b} ORDER BY c.birthday_day, lower(c.name) "
                "LIMIT 12",
                p,
            ).fetchall()
            for a, b in birthdays
        ),
        conn.execute(
            f"SELECT i.code, i.occurred_at, i.notes, t.name, c.code, c.name {NEWEST} LIMIT 10",
            p,
        ).fetchall(),
        conn.execute(
            "SELECT s.created_at, c.code, c.name, q.event_name FROM quickconnect_submission s "
            "JOIN quickconnect_quickconnectcode q ON q.id = s.quick_code_id "
            "JOIN contacts_contact c ON c.id = s.contact_id WHERE q.owner_id = :user "
            "ORDER BY s.created_at DESC LIMIT 5",
            p,
        ).fetchall(),
        conn.execute(
            "SELECT code, name, status FROM contacts_contact WHERE owner_id = :user "
            "AND is_vip = 1 AND is_archived = 0 ORDER BY last_contacted, name LIMIT 8",
            p,
        ).fetchall(),
        conn.execute(
            f"SELECT status, count(*) FROM contacts_contact c WHERE {active} GROUP BY status",
            p,
        ).fetchall(),
        conn.execute(f"SELECT {week_counts}", p).fetchall(),
        # A technology tag's links less those of archived contacts (few): asking each linked
        # contact whether it is archived would read every contact row.
        conn.execute(
            "SELECT t.code, t.name, t.colour, (SELECT count(*) FROM contacts_contact_tags ct "
            "WHERE ct.tag_id = t.id) - (SELECT count(*) FROM contacts_contact_tags ct "
            "JOIN contacts_contact c ON c.id = ct.contact_id WHERE ct.tag_id = t.id "
            "AND c.owner_id = :user AND c.is_archived = 1) AS n FROM contacts_tag t "
            "WHERE t.owner_id = :user AND t.kind = 'technology' ORDER BY n DESC, t.name LIMIT 10",
            p,
        ).fetchall(),
    ]
    return rows + _freelance_card(conn, p) + _chrome(conn, ctx)


OPEN_STAGES = "('lead', 'proposal', 'negotiating', 'active', 'on_hold')"
OWNED_PROJECT = "JOIN projects_project p ON p.id = x.project_id WHERE p.owner_id = :user"


def _freelance_card(conn, p: dict) -> list:
    """The dashboard's card for someone with projects: milestones due within 14 days, overdue
    payments, unbilled hours."""
    if not conn.execute("SELECT 1 FROM projects_project WHERE owner_id = :user", p).fetchone():
        return []
    return [
        conn.execute(
            f"SELECT x.code, x.title, x.due_on, p.code, p.title FROM projects_milestone x "
            f"{OWNED_PROJECT} AND p.stage IN {OPEN_STAGES} "
            "AND x.status IN ('planned', 'in_progress') AND x.due_on <= date(:today, '+14 days') "
            "ORDER BY x.due_on, x.id LIMIT 9",
            p,
        ).fetchall(),
        conn.execute(
            "SELECT x.amount, x.currency, x.invoice_number, x.due_on, p.code, p.title "
            f"FROM projects_payment x {OWNED_PROJECT} AND x.status = 'overdue' "
            "ORDER BY x.due_on, x.id LIMIT 9",
            p,
        ).fetchall(),
        conn.execute(
            f"SELECT sum(x.hours) FROM projects_timeentry x {OWNED_PROJECT} "
            "AND x.billable = 1 AND x.payment_id IS NULL",
            p,
        ).fetchall(),
    ]


def _project_money(conn, projects: str, p: dict) -> list:
    """projects.services.totals over the projects `projects` (a subquery of ids) selects: the
    fixed-price budgets, and the payments by currency and status."""
    return [
        conn.execute(
            f"SELECT currency, sum(rate) FROM projects_project WHERE id IN ({projects}) "
            "AND pricing = 'fixed' AND rate IS NOT NULL GROUP BY currency",
            p,
        ).fetchall(),
        conn.execute(
            "SELECT x.currency, x.status, p.pricing = 'fixed' AND p.rate IS NOT NULL, "
            "sum(x.amount) FROM projects_payment x JOIN projects_project p ON p.id = x.project_id "
            f"WHERE x.project_id IN ({projects}) GROUP BY 1, 2, 3",
            p,
        ).fetchall(),
    ]


def _contact_page(conn, ctx: Ctx, where: str, params: dict, join: str = "") -> list:
    p = _params(ctx, **params)
    base = f"FROM contacts_contact c {join} WHERE c.owner_id = :user AND c.is_archived = 0 {where}"
    count = conn.execute(f"SELECT count(*) {base}", p).fetchall()
    page = conn.execute(
        "SELECT c.id, c.code, c.name, c.company, c.job_title, c.email, c.status, c.is_vip, "
        f"c.last_contacted {base} ORDER BY lower(c.name), c.id LIMIT :limit",
        {**p, "limit": ctx.per_page},
    ).fetchall()
    ids = [row[0] for row in page]
    marks = ",".join("?" * len(ids))
    tags = conn.execute(
        "SELECT ct.contact_id, t.code, t.name, t.colour FROM contacts_contact_tags ct "
        f"JOIN contacts_tag t ON t.id = ct.tag_id WHERE ct.contact_id IN ({marks})"
        " ORDER BY lower(t.name)",
        ids,
    ).fetchall()
    all_tags = conn.execute(
        "SELECT code, name FROM contacts_tag WHERE owner_id = ? ORDER BY lower(name)",
        [ctx.user_id],
    ).fetchall()
    return [count, page, tags, all_tags, *_chrome(conn, ctx)]


def contacts(conn: sqlite3.Connection, ctx: Ctx) -> list:
    return _contact_page(conn, ctx, "", {})


def contacts_filtered(conn: sqlite3.Connection, ctx: Ctx, q: str, tag: str, status: str) -> list:
    like = f"%{q}%"
    where = (
        "AND (c.name LIKE :q OR c.company LIKE :q OR c.email LIKE :q "
        "OR c.github_username LIKE :q OR c.notes LIKE :q) AND c.status = :status "
        "AND c.id IN (SELECT ct.contact_id FROM contacts_contact_tags ct "
        "JOIN contacts_tag t ON t.id = ct.tag_id WHERE t.owner_id = :user AND t.name = :tag)"
    )
    return _contact_page(conn, ctx, where, {"q": like, "tag": tag, "status": status})


def contact_detail(conn: sqlite3.Connection, ctx: Ctx) -> list:
    p = _params(ctx)
    one = "WHERE contact_id = :contact"
    return [
        conn.execute("SELECT * FROM contacts_contact WHERE id = :contact", p).fetchall(),
        conn.execute(
            "SELECT t.code, t.name, t.colour FROM contacts_contact_tags ct JOIN contacts_tag t "
            "ON t.id = ct.tag_id WHERE ct.contact_id = :contact ORDER BY lower(t.name)",
            p,
        ).fetchall(),
        _types(conn, ctx),
        conn.execute(
            "SELECT count(*) FROM interactions_interaction WHERE contact_id = :contact", p
        ).fetchall(),
        timeline := conn.execute(
            "SELECT i.id, i.code, i.occurred_at, i.subject, i.notes, i.outcome, t.name, "
            "t.builtin_key FROM interactions_interaction i JOIN interactions_interactiontype t "
            "ON t.id = i.type_id WHERE i.contact_id = :contact "
            "ORDER BY i.occurred_at DESC, i.id DESC LIMIT 20",
            p,
        ).fetchall(),
        conn.execute(
            "SELECT it.interaction_id, t.name FROM interactions_interaction_topics it "
            "JOIN contacts_tag t ON t.id = it.tag_id "
            f"WHERE it.interaction_id IN ({','.join(str(r[0]) for r in timeline) or '0'})"
        ).fetchall(),
        conn.execute(f"SELECT * FROM vip_contactinfo {one}", p).fetchall(),
        conn.execute(f"SELECT * FROM vip_background {one}", p).fetchall(),
        conn.execute(f"SELECT * FROM vip_developerprofile {one}", p).fetchall(),
        conn.execute(f"SELECT * FROM vip_projectcollaboration {one}", p).fetchall(),
        conn.execute(
            "SELECT code, title, kind, due_on, effective_due FROM reminders_reminder "
            f"{one} AND completed_at IS NULL AND dismissed_at IS NULL ORDER BY effective_due",
            p,
        ).fetchall(),
        conn.execute(
            "SELECT p.role, o.code, o.company, o.role_title, o.status FROM "
            "opportunities_participant p JOIN opportunities_opportunity o "
            f"ON o.id = p.opportunity_id {one.replace('contact_id', 'p.contact_id')}",
            p,
        ).fetchall(),
        conn.execute(f"SELECT * FROM opportunities_recruiternotes {one}", p).fetchall(),
        conn.execute(
            "SELECT i.occurred_at, i.progress_notes, t.name FROM interactions_interaction i "
            "JOIN interactions_interactiontype ty ON ty.id = i.type_id "
            "LEFT JOIN interactions_interaction_topics it ON it.interaction_id = i.id "
            "LEFT JOIN contacts_tag t ON t.id = it.tag_id WHERE i.contact_id = :contact "
            "AND ty.builtin_key = 'mentoring_session' ORDER BY i.occurred_at",
            p,
        ).fetchall(),
        conn.execute(
            f"SELECT * FROM resources_sharedresource {one} ORDER BY shared_on DESC", p
        ).fetchall(),
        roles := conn.execute(
            "SELECT m.role, p.code, p.title, p.stage FROM projects_member m "
            "JOIN projects_project p ON p.id = m.project_id WHERE m.contact_id = :contact "
            "ORDER BY p.title, p.id, m.role",
            p,
        ).fetchall(),
        *(
            _project_money(
                conn,
                "SELECT project_id FROM projects_member WHERE contact_id = :contact "
                "AND role = 'client'",
                p,
            )
            if any(role == "client" for role, *_ in roles)
            else []
        ),
        *_chrome(conn, ctx),
    ]


def contact_history(conn: sqlite3.Connection, ctx: Ctx) -> list:
    """The contact, the number of its versions and the newest page of them (25, and the one
    before the last for what it changed), with who made each."""
    p = _params(ctx)
    return [
        conn.execute("SELECT * FROM contacts_contact WHERE id = :contact", p).fetchall(),
        conn.execute(
            "SELECT count(*) FROM contacts_historicalcontact WHERE id = :contact", p
        ).fetchall(),
        conn.execute(
            "SELECT h.*, u.username FROM contacts_historicalcontact h "
            "LEFT JOIN accounts_user u ON u.id = h.history_user_id WHERE h.id = :contact "
            "ORDER BY h.history_date DESC, h.history_id DESC LIMIT 26",
            p,
        ).fetchall(),
        *_chrome(conn, ctx),
    ]


def interactions(conn: sqlite3.Connection, ctx: Ctx) -> list:
    p = _params(ctx)
    owned = "FROM interactions_interaction i WHERE i.owner_id = :user"
    return [
        conn.execute(f"SELECT count(*) {owned}", p).fetchall(),
        conn.execute(
            "SELECT i.code, i.occurred_at, i.subject, i.notes, i.outcome, c.code, c.name, t.name "
            f"{NEWEST} LIMIT :limit",
            {**p, "limit": ctx.per_page},
        ).fetchall(),
        _types(conn, ctx),
        *_chrome(conn, ctx),
    ]


def reminders(conn: sqlite3.Connection, ctx: Ctx, limit: int | None = None) -> list:
    """Open reminders with their contact; `limit` per page when the page paginates."""
    p = _params(ctx, limit=limit or -1)
    return [
        conn.execute(f"{OPEN_REMINDERS} ORDER BY due, r.id LIMIT :limit", p).fetchall(),
        _types(conn, ctx),
        *_chrome(conn, ctx),
    ]


def opportunities(conn: sqlite3.Connection, ctx: Ctx) -> list:
    return [
        conn.execute(
            "SELECT code, company, role_title, status, priority, next_action, next_action_on "
            "FROM opportunities_opportunity WHERE owner_id = ? ORDER BY updated_at DESC",
            [ctx.user_id],
        ).fetchall(),
        *_chrome(conn, ctx),
    ]


def projects_board(conn: sqlite3.Connection, ctx: Ctx) -> list:
    """Every card of the user's board, newest change first, and the money of their projects."""
    p = _params(ctx)
    return [
        conn.execute(
            "SELECT code, title, client, stage, pricing, rate, currency, starts_on, ends_on "
            "FROM projects_project WHERE owner_id = :user ORDER BY updated_at DESC",
            p,
        ).fetchall(),
        *_project_money(conn, "SELECT id FROM projects_project WHERE owner_id = :user", p),
        *_chrome(conn, ctx),
    ]


def project_detail(conn: sqlite3.Connection, ctx: Ctx) -> list:
    """One project with its people, technologies, milestones, payments, time (all of it, newest
    first), stage history and money."""
    p = _params(ctx)
    one = "WHERE project_id = :project"
    return [
        conn.execute("SELECT * FROM projects_project WHERE id = :project", p).fetchall(),
        conn.execute(
            "SELECT m.code, m.role, c.code, c.name FROM projects_member m JOIN contacts_contact c "
            "ON c.id = m.contact_id WHERE m.project_id = :project",
            p,
        ).fetchall(),
        conn.execute(
            "SELECT t.code, t.name, t.colour FROM projects_project_technologies pt "
            "JOIN contacts_tag t ON t.id = pt.tag_id WHERE pt.project_id = :project "
            "ORDER BY lower(t.name)",
            p,
        ).fetchall(),
        conn.execute(
            "SELECT code, title, due_on, amount, status, position, delivered_on "
            f"FROM projects_milestone {one} ORDER BY position, due_on, id",
            p,
        ).fetchall(),
        conn.execute(
            "SELECT x.code, x.amount, x.currency, x.due_on, x.description, x.invoice_number, "
            "x.invoiced_on, x.paid_on, x.status, m.title FROM projects_payment x "
            "LEFT JOIN projects_milestone m ON m.id = x.milestone_id "
            "WHERE x.project_id = :project ORDER BY x.due_on, x.id",
            p,
        ).fetchall(),
        conn.execute(
            "SELECT code, worked_on, hours, note, billable, payment_id FROM projects_timeentry "
            f"{one} ORDER BY worked_on DESC, id DESC",
            p,
        ).fetchall(),
        conn.execute(
            f"SELECT sum(hours) FROM projects_timeentry {one} AND billable = 1 "
            "AND payment_id IS NULL",
            p,
        ).fetchall(),
        conn.execute(
            f"SELECT from_stage, to_stage, changed_at FROM projects_stagechange {one} "
            "ORDER BY changed_at, id",
            p,
        ).fetchall(),
        *_project_money(conn, ":project", p),
        conn.execute(
            "SELECT * FROM projects_freelancesettings WHERE owner_id = :user", p
        ).fetchall(),
        *_chrome(conn, ctx),
    ]


def collaborations_board(conn: sqlite3.Connection, ctx: Ctx) -> list:
    """Every card of the user's collaboration board, newest change first, with its people."""
    p = _params(ctx)
    return [
        conn.execute(
            "SELECT id, code, title, kind, stage, target_on, published_on "
            "FROM collaborations_collaboration WHERE owner_id = :user "
            "ORDER BY updated_at DESC, id DESC",
            p,
        ).fetchall(),
        conn.execute(
            "SELECT p.collaboration_id, c.name FROM collaborations_person p "
            "JOIN collaborations_collaboration x ON x.id = p.collaboration_id "
            "JOIN contacts_contact c ON c.id = p.contact_id WHERE x.owner_id = :user",
            p,
        ).fetchall(),
        *_chrome(conn, ctx),
    ]


def study_group(conn: sqlite3.Connection, ctx: Ctx) -> list:
    """One study group with its people, technologies, stage history and feedback, its latest
    sessions with who came, and how many sessions each member came to."""
    p = _params(ctx)
    one = "WHERE collaboration_id = :group"
    return [
        conn.execute("SELECT * FROM collaborations_collaboration WHERE id = :group", p).fetchall(),
        conn.execute(
            "SELECT p.code, p.role, c.id, c.code, c.name FROM collaborations_person p "
            f"JOIN contacts_contact c ON c.id = p.contact_id {one} ORDER BY c.name",
            p,
        ).fetchall(),
        conn.execute(
            "SELECT t.code, t.name, t.colour FROM collaborations_collaboration_tags ct "
            "JOIN contacts_tag t ON t.id = ct.tag_id WHERE ct.collaboration_id = :group "
            "ORDER BY lower(t.name)",
            p,
        ).fetchall(),
        conn.execute(
            f"SELECT from_stage, to_stage, changed_at FROM collaborations_stagechange {one} "
            "ORDER BY changed_at, id",
            p,
        ).fetchall(),
        conn.execute(
            "SELECT f.code, f.received_on, f.kind, f.text, c.name FROM collaborations_feedback f "
            f"LEFT JOIN contacts_contact c ON c.id = f.contact_id {one} "
            "ORDER BY f.received_on DESC, f.id DESC LIMIT 25",
            p,
        ).fetchall(),
        sessions := conn.execute(
            f"SELECT id, code, held_on, topic, notes FROM collaborations_session {one} "
            "ORDER BY held_on DESC, id DESC LIMIT 10",
            p,
        ).fetchall(),
        conn.execute(
            "SELECT a.session_id, c.code, c.name FROM collaborations_session_attendees a "
            "JOIN contacts_contact c ON c.id = a.contact_id WHERE a.session_id IN "
            f"({', '.join(str(row[0]) for row in sessions) or 'NULL'})",
        ).fetchall(),
        conn.execute(
            "SELECT a.contact_id, count(*) FROM collaborations_session_attendees a "
            "JOIN collaborations_session s ON s.id = a.session_id "
            "WHERE s.collaboration_id = :group GROUP BY a.contact_id",
            p,
        ).fetchall(),
        conn.execute(
            f"SELECT count(*), max(held_on) FROM collaborations_session {one}", p
        ).fetchall(),
        *_chrome(conn, ctx),
    ]


def refresh_update(conn: sqlite3.Connection, today: dt.date, now: str) -> int:
    """reminders/refresh.py's moves as hand-written UPDATEs (users in UTC): the rows whose
    stored reconnect or check-in day has come."""
    active = "owner_id IN (SELECT id FROM accounts_user WHERE is_active)"
    params = {"today": today.isoformat(), "now": now}
    changed = 0
    for sql in (
        "UPDATE contacts_contact SET status = 'reconnect', updated_at = :now "
        f"WHERE {active} AND status IN ('regular_contact', 'check_in_due') "
        "AND reconnect_on <= :today",
        "UPDATE contacts_contact SET status = 'check_in_due', updated_at = :now "
        f"WHERE {active} AND status = 'regular_contact' AND check_in_on <= :today",
    ):
        changed += conn.execute(sql, params).rowcount
    return changed


def stack_map(conn: sqlite3.Connection, ctx: Ctx) -> list:
    """The stack map: each person's technologies (their tags, or a current VIP's stack) with
    whether they are warm, counted by the page in numpy, then the tag names and the event
    filter's choices."""
    p = _params(ctx)
    warm = "c.status IN ('active_collaboration', 'regular_contact')"
    held = (
        f"SELECT c.id, ct.tag_id, {warm} FROM contacts_contact c "
        "JOIN contacts_contact_tags ct ON ct.contact_id = c.id "
        "JOIN contacts_tag t ON t.id = ct.tag_id "
        "WHERE c.owner_id = :user AND c.is_archived = 0 AND t.kind = 'technology' "
        f"UNION ALL SELECT c.id, s.tag_id, {warm} FROM contacts_contact c "
        "JOIN vip_developerprofile dp ON dp.contact_id = c.id "
        "JOIN vip_developerprofile_tech_stack s ON s.developerprofile_id = dp.id "
        "JOIN contacts_tag t ON t.id = s.tag_id "
        "WHERE c.owner_id = :user AND c.is_archived = 0 AND c.is_vip = 1 "
        "AND t.kind = 'technology'"
    )
    rows = conn.execute(held, p).fetchall()
    tags = sorted({tag_id for _, tag_id, _ in rows})
    return [
        rows,
        conn.execute(
            f"SELECT id, name FROM contacts_tag WHERE id IN ({', '.join('?' * len(tags))})", tags
        ).fetchall(),
        conn.execute("SELECT code, name FROM contacts_event WHERE owner_id = :user", p).fetchall(),
        *_chrome(conn, ctx),
    ]


def _ages(ctx: Ctx) -> tuple[str, str]:
    """The first days within a quarter and within a year (search.query.RECENCY)."""
    return tuple((ctx.today - dt.timedelta(days=days)).isoformat() for days in (90, 365))


def _word_entries(ctx: Ctx, word: str) -> str:
    """FROM and WHERE of the owner's entries with a word starting with `word` (FTS5, whose words
    are their owner's: "12qpython", see search.engines), with bm25() at hand."""
    return (
        "FROM search_entry_fts CROSS JOIN search_entry e ON e.id = search_entry_fts.rowid "
        f"WHERE search_entry_fts MATCH '\"{ctx.user_id}q{word.lower()}\"*' "
        f"AND e.owner_id = {ctx.user_id}"
    )


def search(conn: sqlite3.Connection, ctx: Ctx, words: list[str], limit: int = 30) -> list:
    """The global search: each word's prefix matches (FTS5, whose words are their owner's:
    "12qpython", see search.engines) among the contacts matching the words before, each scored
    (bm25, weighted by source and, for interactions, by age), summed per contact (the best of a
    word's source and a little for more), the best `limit` current contacts in one statement
    with their matched entries, then those contacts' rows and their entries' labels."""
    quarter, year = _ages(ctx)
    ctes = []
    for n, word in enumerate(words):
        narrowed = f" AND e.contact_id IN (SELECT contact_id FROM w{n - 1})" if n else ""
        ctes.append(
            f"w{n} AS MATERIALIZED (SELECT e.id, e.contact_id, e.source, e.occurred_on, "
            f"-bm25(search_entry_fts) AS score, {n} AS word {_word_entries(ctx, word)}"
            f"{narrowed})"
        )
    hits = " UNION ALL ".join(f"SELECT * FROM w{n}" for n in range(len(words)))
    rows = conn.execute(
        f"WITH {', '.join(ctes)}, scored AS (SELECT id, contact_id, word, source, "
        "(CASE source WHEN 'tags' THEN 4.0 WHEN 'vip' THEN 4.0 WHEN 'profile' THEN 3.0 "
        "WHEN 'project' THEN 2.0 WHEN 'collaboration' THEN 2.0 WHEN 'interaction' THEN 1.5 "
        "ELSE 1.0 END) * (CASE WHEN source != 'interaction' OR occurred_on IS NULL "
        f"OR occurred_on >= '{quarter}' THEN 1.0 WHEN occurred_on >= '{year}' THEN 0.6 "
        f"ELSE 0.3 END) * (1 + score / (1 + score)) AS s FROM ({hits})), "
        "per_contact AS (SELECT contact_id, sum(s) AS relevance FROM ("
        "SELECT contact_id, word, max(s) + min(0.1 * (count(*) - 1), 0.5) AS s FROM scored "
        f"GROUP BY contact_id, word, source) GROUP BY contact_id "
        f"HAVING count(DISTINCT word) = {len(words)}), "
        f"top AS (SELECT c.id, p.relevance, round(p.relevance, 1) AS r, {WARMTH} AS warm, "
        "c.last_contacted AS day, lower(c.name) AS sort_name FROM per_contact p "
        "JOIN contacts_contact c ON c.id = p.contact_id WHERE NOT c.is_archived "
        "ORDER BY r DESC, warm, day IS NULL, day DESC, sort_name, c.id LIMIT ?) "
        "SELECT t.id, s.id FROM top t JOIN scored s ON s.contact_id = t.id "
        "ORDER BY t.r DESC, t.warm, t.day IS NULL, t.day DESC, t.sort_name, t.id, s.s DESC",
        [limit],
    ).fetchall()
    top = list(dict.fromkeys(pk for pk, _ in rows))
    best: dict[int, list[int]] = {}
    for pk, entry in rows:
        best.setdefault(pk, []).append(entry)
    entries = [e for pk in top for e in best[pk][:4]]
    return [
        conn.execute(
            "SELECT id, code, name, company, job_title, status, is_vip, last_contacted "
            f"FROM contacts_contact WHERE id IN ({','.join('?' * len(top))})",
            top,
        ).fetchall(),
        conn.execute(
            f"SELECT id, label FROM search_entry WHERE id IN ({','.join('?' * len(entries))})",
            entries,
        ).fetchall(),
        *_chrome(conn, ctx),
    ]


PAGE = 25  # people per page, as network.expertise.PER_PAGE
# Strongest evidence first, as network.expertise.FIELDS.
STRONGEST = ", ".join(
    f"p.{name} DESC" for name in ("tags", "vip", "interactions", "resources", "projects", "profile")
)


def _hits(ctx: Ctx, terms: list[str]) -> str:
    """Each term's (one word each) entries, numbered by the term."""
    return " UNION ALL ".join(
        f"SELECT e.id, e.contact_id, e.source, e.occurred_on, {n} AS term "
        f"{_word_entries(ctx, term)}"
        for n, term in enumerate(terms)
    )


def _ranked(conn: sqlite3.Connection, ctx: Ctx, terms: list[str], order: str) -> list:
    """Everyone with evidence of the terms ranked in the database (interactions weigh by age:
    1 within 90 days, 0.6 within a year, else 0.3, in hundredths), counted, the first page's 25
    and their evidence in one statement; then their rows, the open projects of the quick
    actions, the tag names a technology is looked up in, the layout."""
    quarter, year = _ages(ctx)
    age = (
        f"CASE WHEN occurred_on IS NULL OR occurred_on >= '{quarter}' THEN 100 "
        f"WHEN occurred_on >= '{year}' THEN 60 ELSE 30 END"
    )
    last = "c.last_contacted IS NULL, c.last_contacted DESC, lower(c.name), c.id"
    ranked = conn.execute(
        f"WITH hits AS MATERIALIZED ({_hits(ctx, terms)}), "
        "p AS (SELECT contact_id, count(DISTINCT term) AS covered, "
        "sum(DISTINCT 1 << term) AS bits, sum(source = 'tags') AS tags, "
        "sum(source = 'vip') AS vip, "
        f"sum(CASE WHEN source = 'interaction' THEN {age} ELSE 0 END) AS interactions, "
        "sum(source = 'resource') AS resources, "
        "sum(source IN ('project', 'collaboration')) AS projects, "
        "sum(source = 'profile') AS profile FROM hits GROUP BY 1), "
        "page AS (SELECT c.id, p.bits, count(*) OVER () AS total FROM p "
        "JOIN contacts_contact c ON c.id = p.contact_id "
        f"WHERE NOT c.is_archived ORDER BY {order}, {last} LIMIT {PAGE}) "
        "SELECT id, bits, total, NULL, NULL, NULL, NULL, NULL FROM page UNION ALL "
        "SELECT h.contact_id, NULL, NULL, h.id, h.source, h.occurred_on, h.term, e.label "
        "FROM hits h JOIN search_entry e ON e.id = h.id WHERE h.contact_id IN (SELECT id FROM page)"
    ).fetchall()
    ids = [row[0] for row in ranked if row[3] is None]
    marks = ",".join("?" * len(ids))
    return [
        ranked,
        conn.execute(
            "SELECT id, code, name, company, job_title, status, is_vip, last_contacted FROM "
            f"contacts_contact WHERE id IN ({marks})",
            ids,
        ).fetchall(),
        conn.execute(
            "SELECT code, title FROM projects_project WHERE owner_id = ? "
            "AND stage NOT IN ('completed', 'lost', 'cancelled') ORDER BY title, id",
            [ctx.user_id],
        ).fetchall(),
        conn.execute(
            "SELECT code, name, kind FROM contacts_tag WHERE owner_id = ?", [ctx.user_id]
        ).fetchall(),
        *_chrome(conn, ctx),
    ]


def who_knows(conn: sqlite3.Connection, ctx: Ctx, technology: str) -> list:
    """Who knows a technology: everyone with evidence of it ranked (strongest, then warmest),
    25 shown."""
    return _ranked(conn, ctx, [technology], f"{STRONGEST}, {WARMTH}")


def match(conn: sqlite3.Connection, ctx: Ctx, terms: list[str]) -> list:
    """Matching a need: everyone covering some of it ranked (most terms, warmest, strongest),
    25 shown."""
    return _ranked(conn, ctx, terms, f"p.covered DESC, {WARMTH}, {STRONGEST}")


API_PAGE = 50


def api_contacts(conn: sqlite3.Connection, ctx: Ctx, token_hash: str) -> list:
    """GET /api/v1/contacts?limit=50: the token's row and owner, then a page of current
    contacts by name (one more row, to know there is a next page) and their tag names."""
    token = conn.execute(
        "SELECT t.id, t.revoked_at, t.expires_at, u.id, u.is_active FROM api_apitoken t "
        "JOIN accounts_user u ON u.id = t.owner_id WHERE t.key_hash = ?",
        [token_hash],
    ).fetchall()
    page = conn.execute(
        "SELECT c.id, c.code, c.name, c.company, c.job_title, c.email, c.status, c.is_vip, "
        "c.is_archived, c.last_contacted, lower(c.name) AS k FROM contacts_contact c "
        "WHERE c.owner_id = ? AND c.is_archived = 0 ORDER BY k, c.code LIMIT ?",
        [ctx.user_id, API_PAGE + 1],
    ).fetchall()
    ids = [row[0] for row in page[:API_PAGE]]
    marks = ",".join("?" * len(ids))
    tags = conn.execute(
        "SELECT ct.contact_id, t.name FROM contacts_contact_tags ct "
        f"JOIN contacts_tag t ON t.id = ct.tag_id WHERE ct.contact_id IN ({marks})",
        ids,
    ).fetchall()
    return [token, page, tags]


def api_log_interaction(conn: sqlite3.Connection, ctx: Ctx, contact_id: int, type_id: int) -> list:
    """POST /api/v1/contacts/<code>/interactions: the new row and the contact's last contact
    date, in one committed transaction (the ORM path also keeps the status, the reminders, the
    history and the search index)."""
    now = dt.datetime.now(dt.UTC)
    with conn:
        cursor = conn.execute(
            "INSERT INTO interactions_interaction (code, occurred_at, subject, notes, outcome, "
            "progress_notes, created_at, updated_at, contact_id, type_id, search_text, owner_id) "
            "VALUES (lower(hex(randomblob(16))), ?, '', 'bench floor', 'neutral', '', ?, ?, ?, ?, "
            "'bench floor', ?)",
            [now.isoformat(), now.isoformat(), now.isoformat(), contact_id, type_id, ctx.user_id],
        )
        conn.execute(
            "UPDATE contacts_contact SET last_contacted = ?, updated_at = ? WHERE id = ?",
            [now.date().isoformat(), now.isoformat(), contact_id],
        )
    return [cursor.lastrowid]
