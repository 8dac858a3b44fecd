"""Every value khdesk will read, checked when a file is opened: a file that passes SQLite's own check and
khdesk's schema check may still hold a task's text as bytes, «2024-13-45» as a due date, recipients that
are not a JSON list of texts, a month «2024-19», a status or a kind khdesk does not know, or no secret.
Such a file is a damaged file, said once with the table, the row and the column — not «lỗi không mong đợi»
in every command and in the window. Plain SQL over the connection (SQLite's JSON and date functions)."""
from __future__ import annotations

import sqlite3

from ..domain.limits import FIELD_CHARS, MAX_IMAGE_BYTES, TASKS_PER_PLAN, count
from ..domain.models import AGENCY_KIND_LABELS, PLAN_STATUS_LABELS, RESULT_FIELDS, TASK_STATUS_LABELS
from .identity import MAX_PATH_CHARS


def _in(values) -> str:
    return "(" + ", ".join("'" + v.replace("'", "''") + "'" for v in values) + ")"


def _text(column: str) -> str:
    return f"typeof({column}) <> 'text'"


def _date(column: str) -> str:
    """Not NULL and not a real ISO day («2024-13-45», 20240531, «31/05/2024»)."""
    # (SQLite's date() takes «2024-02-31» as it is; a '+0 days' step moves it to 03-02, and Python refuses it)
    return (f"({column} IS NOT NULL AND (typeof({column}) <> 'text' OR date({column}, '+0 days') IS NULL "
            f"OR date({column}, '+0 days') <> {column}))")


def _text_list(column: str) -> str:
    return (f"(typeof({column}) <> 'text' OR NOT json_valid({column}) OR json_type({column}) <> 'array' "
            f"OR EXISTS (SELECT 1 FROM json_each({column}) WHERE type <> 'text'))")


def _integer(column: str, nullable: bool = False) -> str:
    test = f"typeof({column}) <> 'integer'"
    return f"({column} IS NOT NULL AND {test})" if nullable else test


# (table, the column named in the message, what is wrong with it as an SQL condition)
CHECKS: list[tuple[str, str, str]] = [
    ("plans", "month", "(typeof(month) <> 'text' OR month NOT GLOB '[12][0-9][0-9][0-9]-[01][0-9]' "
                       "OR substr(month, 6, 2) NOT BETWEEN '01' AND '12')"),
    ("plans", "status", f"status NOT IN {_in(PLAN_STATUS_LABELS)}"),
    ("plans", "issued_on", _date("issued_on")),
    ("plans", "report_deadline", _date("report_deadline")),
    ("plans", "general_tasks", _text_list("general_tasks")),
    ("plans", "recipients", _text_list("recipients")),
    ("plans", "reopened_at", "(reopened_at IS NOT NULL AND typeof(reopened_at) <> 'text')"),
    ("plans", "report_via_agency_id", _integer("report_via_agency_id", nullable=True)),
    *[("plans", c, _text(c)) for c in ("number", "symbol", "place", "parent_body", "issuing_body", "issuer_name",
                                         "doc_type", "subject", "grounds", "specific_tasks_text", "implementation",
                                         "signer_authority", "signer_title", "signer_name", "appendix_title",
                                         "appendix_reference")],
    ("tasks", "plan_id", _integer("plan_id")),
    ("tasks", "position", _integer("position")),
    ("tasks", "status", f"status NOT IN {_in(TASK_STATUS_LABELS)}"),
    ("tasks", "carried_from_id", _integer("carried_from_id", nullable=True)),
    *[("tasks", c, _date(c)) for c in ("due_date", "completed_on", "reported_on", "followed_up_on")],
    *[("tasks", c, _text(c)) for c in ("content", "deadline_text", "result_note", "status_reason", "given_in")],
    ("agencies", "name", f"({_text('name')} OR trim(name) = '')"),
    ("agencies", "short_name", "(short_name IS NOT NULL AND typeof(short_name) <> 'text')"),
    ("agencies", "kind", f"kind NOT IN {_in(AGENCY_KIND_LABELS)}"),
    ("agencies", "active", "active NOT IN (0, 1)"),
    ("agencies", "position", _integer("position")),
    ("agencies", "parent_id", _integer("parent_id", nullable=True)),
    ("agencies", "replaced_by_id", _integer("replaced_by_id", nullable=True)),
    ("agencies", "note", _text("note")),
    ("file_identity", "made_for", f"({_text('made_for')} OR length(made_for) > {MAX_PATH_CHARS})"),
    ("file_identity", "file_key", f"({_text('file_key')} OR length(file_key) > 100)"),
    ("result_imports", "sheet", f"({_text('sheet')} OR length(sheet) > 100)"),
    ("result_imports", "task_id", _integer("task_id")),
    ("result_imports", "field", f"field NOT IN {_in(RESULT_FIELDS)}"),
    ("signature_images", "kind", "kind NOT IN ('person', 'seal')"),
    ("signature_images", "name", f"({_text('name')} OR length(name) > 300)"),
    ("signature_images", "png", f"(typeof(png) <> 'blob' OR length(png) > {MAX_IMAGE_BYTES} "
                                "OR substr(png, 1, 8) <> X'89504E470D0A1A0A')"),
    ("issued_files", "plan_id", _integer("plan_id")),
    ("reporting_rule", "cutoff_day", "(typeof(cutoff_day) <> 'integer' OR cutoff_day NOT BETWEEN 0 AND 28)"),
    ("reporting_rule", "send_within", "(typeof(send_within) <> 'integer' OR send_within NOT BETWEEN 0 AND 30)"),
    ("calendar_days", "day", _date("day").replace("day IS NOT NULL AND ", "")),
    ("calendar_days", "kind", "kind NOT IN ('off', 'work')"),
    ("calendar_days", "note", f"({_text('note')} OR length(note) > 300)"),
    *[("issued_files", c, f"({_text(c)} OR length({c}) > 300)") for c in ("sha256", "file_name", "content",
                                                                          "signed_at", "signer")],
    ("result_imports", "value", "(value IS NOT NULL AND (typeof(value) <> 'text' OR length(value) > "
                                f"{FIELD_CHARS} OR (field = 'completed_on' AND {_date('value')}) "
                                f"OR (field = 'status' AND value NOT IN {_in(TASK_STATUS_LABELS)})))"),
]
LISTS = [("task_leads", "agency_id"), ("task_coordinators", "agency_id"), ("task_leads", "position"),
         ("task_coordinators", "position")]


def damaged_value(conn: sqlite3.Connection) -> str | None:
    """«bảng tasks, dòng 12, cột due_date» of the first value khdesk cannot read, or None."""
    for table, column, wrong in CHECKS:
        row = conn.execute(f"SELECT rowid FROM {table} WHERE {wrong} LIMIT 1").fetchone()
        if row is not None:
            return f"bảng {table}, dòng {row[0]}, cột {column}"
    for table, column in LISTS:
        row = conn.execute(f"SELECT task_id FROM {table} WHERE {_integer(column)} LIMIT 1").fetchone()
        if row is not None:
            return f"bảng {table}, nhiệm vụ {row[0]}, cột {column}"
    row = conn.execute("SELECT agency_id FROM agency_aliases WHERE typeof(alias) <> 'text' LIMIT 1").fetchone()
    if row is not None:
        return f"bảng agency_aliases, cơ quan {row[0]}, cột alias"
    row = conn.execute(f"SELECT plan_id, count(*) FROM tasks GROUP BY plan_id HAVING count(*) > {TASKS_PER_PLAN} "
                       "LIMIT 1").fetchone()
    if row is not None:                 # (a crafted plan of 1,000,000 tasks: check took 3 GB, print never ended)
        return f"bảng tasks, kế hoạch {row[0]}: {count(row[1])} nhiệm vụ, quá {count(TASKS_PER_PLAN)} của một kế hoạch"
    secret = conn.execute("SELECT count(*), min(typeof(key) = 'blob' AND length(key) = 32) FROM secret").fetchone()
    if secret[0] != 1 or not secret[1]:
        return "bảng secret (khóa ký bảng kết quả)"
    if conn.execute("SELECT count(*) FROM file_identity").fetchone()[0] != 1:
        return "bảng file_identity (nơi tạo tệp)"
    if conn.execute("SELECT count(*) FROM reporting_rule").fetchone()[0] != 1:
        return "bảng reporting_rule (quy định kỳ báo cáo)"
    return None
