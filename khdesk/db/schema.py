"""The database schema and its upgrades.

The schema version lives in ``PRAGMA user_version`` and every khdesk file carries
``PRAGMA application_id`` = ``APPLICATION_ID``, so a khdesk database is recognised without guessing
from table names. ``UPGRADES[n]`` turns a version-n file into version n+1; each step runs in one
transaction together with the new version number (the calibre pattern), so a failed step leaves the
file as it was.
"""
from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable
from functools import cache

import sqlite_utils

from .search_text import AGENCY_SEARCH_TEXT_SQL

APPLICATION_ID = 0x4B484453  # "KHDS"

_V1 = """
CREATE TABLE agencies (
    id             INTEGER PRIMARY KEY,
    name           TEXT NOT NULL CHECK (trim(name) <> ''),
    short_name     TEXT,
    kind           TEXT NOT NULL CHECK (kind IN ('department', 'district', 'commune', 'public_unit',
                                                 'enterprise', 'central', 'other', 'group')),
    parent_id      INTEGER REFERENCES agencies(id),
    position       INTEGER NOT NULL,
    active         INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    replaced_by_id INTEGER REFERENCES agencies(id),
    note           TEXT NOT NULL DEFAULT ''
);
CREATE INDEX agencies_parent ON agencies(parent_id, position);

CREATE TABLE agency_aliases (
    agency_id INTEGER NOT NULL REFERENCES agencies(id) ON DELETE CASCADE,
    alias     TEXT NOT NULL CHECK (trim(alias) <> ''),
    PRIMARY KEY (agency_id, alias)
);

CREATE TABLE plans (
    id                   INTEGER PRIMARY KEY,
    month                TEXT NOT NULL UNIQUE
                         CHECK (month GLOB '[12][0-9][0-9][0-9]-[01][0-9]'),
    number               TEXT NOT NULL DEFAULT '',
    symbol               TEXT NOT NULL DEFAULT 'KH-UBND',
    issued_on            TEXT,
    place                TEXT NOT NULL DEFAULT '',
    parent_body          TEXT NOT NULL DEFAULT '',
    issuing_body         TEXT NOT NULL DEFAULT '',
    issuer_name          TEXT NOT NULL DEFAULT '',
    doc_type             TEXT NOT NULL DEFAULT 'KẾ HOẠCH',
    subject              TEXT NOT NULL DEFAULT '',
    grounds              TEXT NOT NULL DEFAULT '',
    general_tasks        TEXT NOT NULL DEFAULT '[]',   -- JSON list of strings
    specific_tasks_text  TEXT NOT NULL DEFAULT '',
    implementation       TEXT NOT NULL DEFAULT '',
    report_deadline      TEXT,
    report_via_agency_id INTEGER REFERENCES agencies(id),
    recipients           TEXT NOT NULL DEFAULT '[]',   -- JSON list of strings
    signer_authority     TEXT NOT NULL DEFAULT '',
    signer_title         TEXT NOT NULL DEFAULT '',
    signer_name          TEXT NOT NULL DEFAULT '',
    appendix_title       TEXT NOT NULL DEFAULT '',
    appendix_reference   TEXT NOT NULL DEFAULT '',
    status               TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'issued'))
);

CREATE TABLE tasks (
    id              INTEGER PRIMARY KEY,
    plan_id         INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    position        INTEGER NOT NULL,
    content         TEXT NOT NULL DEFAULT '',
    lead_agency_id  INTEGER REFERENCES agencies(id),
    deadline_text   TEXT NOT NULL DEFAULT '',
    due_date        TEXT,
    status          TEXT NOT NULL DEFAULT 'todo' CHECK (status IN ('todo', 'doing', 'done', 'dropped')),
    result_note     TEXT NOT NULL DEFAULT '',
    carried_from_id INTEGER REFERENCES tasks(id) ON DELETE SET NULL
);
CREATE INDEX tasks_plan ON tasks(plan_id, position);
CREATE INDEX tasks_lead ON tasks(lead_agency_id);
CREATE INDEX tasks_carried_from ON tasks(carried_from_id);

CREATE TABLE task_coordinators (
    task_id   INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
    agency_id INTEGER NOT NULL REFERENCES agencies(id),
    position  INTEGER NOT NULL,
    PRIMARY KEY (task_id, agency_id)
);
CREATE INDEX task_coordinators_agency ON task_coordinators(agency_id);
"""


def _create_tables(db: sqlite_utils.Database) -> None:
    db.executescript(_V1)


def _add_search_index(db: sqlite_utils.Database) -> None:
    """Diacritics-insensitive search: a folded shadow column (đ → d, see ``khdesk.domain.text.fold``)
    indexed by FTS5. The tokenizer cannot fold đ itself, hence the shadow column."""
    db.execute("ALTER TABLE agencies ADD COLUMN search_text TEXT NOT NULL DEFAULT ''")
    db.execute("ALTER TABLE tasks ADD COLUMN search_text TEXT NOT NULL DEFAULT ''")
    db.execute(f"UPDATE agencies SET search_text = {AGENCY_SEARCH_TEXT_SQL}")
    # (the agency names are added by the next step, which knows where the lead agencies are)
    db.execute("UPDATE tasks SET search_text = khdesk_fold(tasks.content)")
    db["tasks"].enable_fts(
        ["search_text"], tokenize="unicode61 remove_diacritics 2", create_triggers=True
    )


def _add_joint_leads(db: sqlite_utils.Database) -> None:
    """A task may have several lead agencies, in order (``task_leads``, like ``task_coordinators``).
    The lead of each task moves there; ``tasks.lead_agency_id`` stays in the table, always NULL,
    because SQLite cannot drop a column a foreign key names without rebuilding the table (and with
    it the search triggers) outside a transaction."""
    db.executescript("""
        CREATE TABLE task_leads (
            task_id   INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
            agency_id INTEGER NOT NULL REFERENCES agencies(id),
            position  INTEGER NOT NULL,
            PRIMARY KEY (task_id, agency_id)
        );
        CREATE INDEX task_leads_agency ON task_leads(agency_id);
        INSERT INTO task_leads (task_id, agency_id, position)
            SELECT id, lead_agency_id, 1 FROM tasks WHERE lead_agency_id IS NOT NULL;
        UPDATE tasks SET lead_agency_id = NULL WHERE lead_agency_id IS NOT NULL;
        DROP INDEX IF EXISTS tasks_lead;
    """)
    # (as the search text was then: content and leads; ``given_in`` came with version 8)
    db.execute("""UPDATE tasks SET search_text = khdesk_fold(tasks.content) || ' ' ||
        coalesce((SELECT group_concat(a.search_text, ' ') FROM task_leads l JOIN agencies a ON a.id = l.agency_id
                  WHERE l.task_id = tasks.id), '')""")


def _add_reopening(db: sqlite_utils.Database) -> None:
    """An issued plan is read-only until the clerk chooses to edit it; when (local time, ISO) is kept."""
    db.execute("ALTER TABLE plans ADD COLUMN reopened_at TEXT")


def _add_results(db: sqlite_utils.Database) -> None:
    """The end of the month: the day a task was done, the day its result was reported, and why a
    task is not done."""
    db.execute("ALTER TABLE tasks ADD COLUMN completed_on TEXT")
    db.execute("ALTER TABLE tasks ADD COLUMN reported_on TEXT")
    db.execute("ALTER TABLE tasks ADD COLUMN status_reason TEXT NOT NULL DEFAULT ''")


def _index_without_triggers(db: sqlite_utils.Database) -> None:
    """The search index kept by khdesk's code (``search_text.refresh_task_search``) instead of the
    triggers sqlite-utils made: SQLite calls a trigger that writes an FTS5 table unsafe under
    ``PRAGMA trusted_schema = OFF``, which every connection now runs with, so that no SQL stored in a
    file ever runs. The index holds its own copy of the folded text (no external content)."""
    db.executescript("""
        DROP TRIGGER IF EXISTS tasks_ai;
        DROP TRIGGER IF EXISTS tasks_ad;
        DROP TRIGGER IF EXISTS tasks_au;
        DROP TABLE tasks_fts;
        CREATE VIRTUAL TABLE tasks_fts USING fts5(search_text, tokenize = 'unicode61 remove_diacritics 2');
        INSERT INTO tasks_fts (rowid, search_text) SELECT id, search_text FROM tasks;
    """)


def _add_secret(db: sqlite_utils.Database) -> None:
    """A secret of this database alone (32 random bytes), for signing what khdesk sends out and
    expects back — an agency's result sheet (``khdesk.formats.excel.results``): a sheet whose hidden part was
    altered, or that another database exported, does not carry this file's signature."""
    db.executescript("""
        CREATE TABLE secret (
            id  INTEGER PRIMARY KEY CHECK (id = 1),
            key BLOB NOT NULL CHECK (length(key) = 32)
        );
        INSERT INTO secret (id, key) VALUES (1, randomblob(32));
    """)


def _add_given_in(db: sqlite_utils.Database) -> None:
    """Where a task was given when it came from another document (a conclusion notice, a plan): its
    number and date and the item's label, shown in the task pane and searched."""
    db.execute("ALTER TABLE tasks ADD COLUMN given_in TEXT NOT NULL DEFAULT ''")
    # every given_in is empty: the search text stays as it is (TASK_SEARCH_TEXT_SQL adds "" to it)


def _add_identity(db: sqlite_utils.Database) -> None:
    """Each file its own identity (``identity.py``): where it was made, so that a copy is told apart from
    its original; and what each imported result sheet wrote (``results.py``), so that an agency's corrected
    resend of the same sheet updates its own earlier value instead of being taken for a conflict. The path
    is recorded at the first opening for writing (an upgrade does not know it)."""
    db.executescript("""
        CREATE TABLE file_identity (
            id       INTEGER PRIMARY KEY CHECK (id = 1),
            made_for TEXT NOT NULL,
            file_key TEXT NOT NULL
        );
        INSERT INTO file_identity (id, made_for, file_key) VALUES (1, '', '');
        CREATE TABLE result_imports (
            sheet   TEXT NOT NULL,
            task_id INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
            field   TEXT NOT NULL,
            value   TEXT,
            PRIMARY KEY (sheet, task_id, field)
        );
        CREATE INDEX result_imports_task ON result_imports(task_id);
    """)


def _add_signature_images(db: sqlite_utils.Database) -> None:
    """Ký số (Nghị định 30, Phụ lục I): the office's own images — a competent person's handwritten signature
    (blue, transparent PNG) by their name, the agency's seal (red, transparent PNG, its real size) — and the
    files khdesk signed for a plan: the signed file's SHA-256 and a digest of what the plan said then, so
    that a plan changed after it was signed is told."""
    db.executescript("""
        CREATE TABLE issued_files (
            plan_id   INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
            sha256    TEXT NOT NULL,
            file_name TEXT NOT NULL,
            content   TEXT NOT NULL,
            signed_at TEXT NOT NULL,
            signer    TEXT NOT NULL,
            PRIMARY KEY (plan_id, sha256)
        );
        CREATE TABLE signature_images (
            kind TEXT NOT NULL CHECK (kind IN ('person', 'seal')),
            name TEXT NOT NULL,
            png  BLOB NOT NULL,
            PRIMARY KEY (kind, name)
        );
    """)


def _add_reporting(db: sqlite_utils.Database) -> None:
    """The month as the province counts it (``domain.periods``, ``domain.working_days``): the reporting rule
    (the cut-off day, the working days to send), the office's edits of the working-day calendar, and the day a
    task's follow-up was last recorded in its plan — none: «chưa có báo cáo». A task that already had a
    follow-up is given the day it was reported or done, else its plan's last day (recorded, day unknown)."""
    db.executescript("""
        CREATE TABLE reporting_rule (
            id          INTEGER PRIMARY KEY CHECK (id = 1),
            cutoff_day  INTEGER NOT NULL DEFAULT 14 CHECK (cutoff_day BETWEEN 0 AND 28),
            send_within INTEGER NOT NULL DEFAULT 2 CHECK (send_within BETWEEN 0 AND 30)
        );
        INSERT INTO reporting_rule (id) VALUES (1);
        CREATE TABLE calendar_days (
            day  TEXT PRIMARY KEY,
            kind TEXT NOT NULL CHECK (kind IN ('off', 'work')),
            note TEXT NOT NULL DEFAULT ''
        );
        ALTER TABLE tasks ADD COLUMN followed_up_on TEXT;
        UPDATE tasks SET followed_up_on = coalesce(reported_on, completed_on,
            (SELECT date(p.month || '-01', '+1 month', '-1 day') FROM plans p WHERE p.id = tasks.plan_id))
        WHERE status <> 'todo' OR result_note <> '' OR completed_on IS NOT NULL OR reported_on IS NOT NULL
              OR status_reason <> '';
    """)


# UPGRADES[n] brings a file from version n to version n + 1.
UPGRADES: list[Callable[[sqlite_utils.Database], None]] = [
    _create_tables,      # 0 → 1
    _add_search_index,   # 1 → 2
    _add_joint_leads,    # 2 → 3
    _add_reopening,      # 3 → 4
    _add_results,        # 4 → 5
    _index_without_triggers,  # 5 → 6
    _add_secret,         # 6 → 7
    _add_given_in,       # 7 → 8
    _add_identity,       # 8 → 9
    _add_signature_images,  # 9 → 10
    _add_reporting,      # 10 → 11
]
SCHEMA_VERSION = len(UPGRADES)


def version_of(db: sqlite_utils.Database) -> int:
    return db.execute("PRAGMA user_version").fetchone()[0]


def upgrade(db: sqlite_utils.Database, target: int = SCHEMA_VERSION) -> None:
    """Apply the missing steps up to ``target``, one transaction per step. The steps before 5 → 6 fire
    the FTS5 triggers of their time, which SQLite runs only with a trusted schema: the file's schema
    was checked to be khdesk's own for its version before (``foreign_objects``), so it is trusted for
    the upgrade alone."""
    current = version_of(db)
    trusted = db.execute("PRAGMA trusted_schema").fetchone()[0]
    db.execute("PRAGMA trusted_schema = ON")
    try:
        while current < target:
            with db.atomic():
                UPGRADES[current](db)
                current += 1
                db.execute(f"PRAGMA user_version = {current}")
                db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    finally:
        db.execute(f"PRAGMA trusted_schema = {int(trusted)}")


# ----- only khdesk's own schema is opened ---------------------------------------------------------
# A database someone sends (a copy from a colleague, a USB stick) may carry SQL of its own: a trigger
# that deletes tasks at the next edit, a view, a changed CHECK. Before a file is used, upgraded or
# backed up, its schema objects are compared with the ones khdesk itself makes for that version;
# anything else refuses the file. (And every connection runs with PRAGMA trusted_schema = OFF.)
_KINDS = {"table": "bảng", "index": "chỉ mục", "trigger": "trigger", "view": "view"}


def _objects(conn: sqlite3.Connection) -> dict[tuple[str, str], str | None]:
    rows = conn.execute("SELECT type, name, sql FROM sqlite_master").fetchall()
    return {(kind, name): (re.sub(r"\s+", " ", sql).strip() if sql else None) for kind, name, sql in rows}


@cache
def _own_objects(version: int) -> dict[tuple[str, str], str | None]:
    """What khdesk's own upgrades make, step by step, up to ``version`` (built in memory)."""
    from ..domain.text import fold

    conn = sqlite3.connect(":memory:")
    try:
        conn.create_function("khdesk_fold", 1, fold, deterministic=True)
        upgrade(sqlite_utils.Database(conn), version)
        return _objects(conn)
    finally:
        conn.close()


def foreign_objects(conn: sqlite3.Connection, version: int) -> list[str]:
    """What in this file's schema khdesk did not make for ``version``, one phrase each
    ("trigger «xoa_het» (thêm vào)"); empty when the schema is khdesk's own."""
    if version > SCHEMA_VERSION:
        return []                        # a newer khdesk's file: refused for that reason instead
    theirs, ours = _objects(conn), _own_objects(version)
    found = []
    for key in sorted(theirs.keys() | ours.keys()):
        kind, name = key
        what = f"{_KINDS.get(kind, kind)} «{name}»"
        if key not in ours:
            found.append(f"{what} (thêm vào)")
        elif key not in theirs:
            found.append(f"{what} (bị xóa)")
        elif theirs[key] != ours[key]:
            found.append(f"{what} (bị sửa)")
    return found
