"""A file that passes SQLite's check and khdesk's schema check but holds a value khdesk cannot read — a
task's text as bytes, «2024-13-45», recipients that are not a list of texts, a month «2024-19», an unknown
status or kind, no secret — is a damaged file, said once with the table, the row and the column, on the
command line and in the window; never «lỗi không mong đợi»."""
import sqlite3

import pytest
from test_cli import khdesk

from khdesk.db import Store
from khdesk.db.store import CorruptDatabase
from khdesk.usecases.sample_data import new_database

DAMAGES = {
    "a task's text as bytes": ("UPDATE tasks SET content = x'00ff' WHERE id = 3", "bảng tasks, dòng 3, cột content"),
    "a due date that is no day": ("UPDATE tasks SET due_date = '2024-13-45' WHERE id = 5",
                                  "bảng tasks, dòng 5, cột due_date"),
    "a due date of 31 February": ("UPDATE tasks SET due_date = '2024-02-31' WHERE id = 7",
                                  "bảng tasks, dòng 7, cột due_date"),
    "a done day as a number": ("UPDATE tasks SET completed_on = 20240531 WHERE id = 6",
                               "bảng tasks, dòng 6, cột completed_on"),
    "general tasks not JSON": ("UPDATE plans SET general_tasks = 'không phải JSON'", "bảng plans, dòng 1, cột general_tasks"),
    "recipients with a number": ("UPDATE plans SET recipients = '[\"Sở Y tế\", 7]'", "bảng plans, dòng 1, cột recipients"),
    "an issue date not ISO": ("UPDATE plans SET issued_on = '13/05/2024'", "bảng plans, dòng 1, cột issued_on"),
    "month 19": ("UPDATE plans SET month = '2024-19'", "bảng plans, dòng 1, cột month"),
    "month 00": ("UPDATE plans SET month = '2024-00'", "bảng plans, dòng 1, cột month"),
    "an unknown status": ("UPDATE tasks SET status = 'xong' WHERE id = 2", "bảng tasks, dòng 2, cột status"),
    "an unknown kind": ("UPDATE agencies SET kind = 'la' WHERE id = 4", "bảng agencies, dòng 4, cột kind"),
    "no secret": ("DELETE FROM secret", "bảng secret"),
    "a result sheet's landed day that is no day": (
        "INSERT INTO result_imports (sheet, task_id, field, value) VALUES ('ab', 1, 'completed_on', '2024-02-31')",
        "bảng result_imports, dòng 1, cột value"),
    "a copy's identity removed": ("DELETE FROM file_identity", "bảng file_identity"),
    "a follow-up day that is no day": ("UPDATE tasks SET followed_up_on = '2024-02-30' WHERE id = 8",
                                       "bảng tasks, dòng 8, cột followed_up_on"),
    "a cut-off day of 31": ("UPDATE reporting_rule SET cutoff_day = 31", "bảng reporting_rule, dòng 1, cột cutoff_day"),
    "a calendar day as a number": ("INSERT INTO calendar_days (day, kind) VALUES (20240515, 'off')",
                                   "bảng calendar_days, dòng 1, cột day"),
    "a calendar day neither off nor worked": ("INSERT INTO calendar_days (day, kind) VALUES ('2024-05-15', 'nghi')",
                                              "bảng calendar_days, dòng 1, cột kind"),
    "no reporting rule": ("DELETE FROM reporting_rule", "bảng reporting_rule"),
    "a plan of 6,000 tasks": ("WITH RECURSIVE n(v) AS (SELECT 1 UNION ALL SELECT v + 1 FROM n WHERE v < 6000) "
                              "INSERT INTO tasks (plan_id, position, content) SELECT 1, 100 + v, 'việc ' || v FROM n",
                              "bảng tasks, kế hoạch 1: 6.047 nhiệm vụ, quá 5.000 của một kế hoạch"),
}


@pytest.fixture
def damaged(tmp_path, request):
    path = tmp_path / "k.db"
    new_database(path, sample=True).close()
    sql, _ = DAMAGES[request.param]
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA ignore_check_constraints = ON")      # (a crafted file need not keep the CHECKs)
    conn.execute(sql)
    conn.commit()
    conn.close()
    return path, DAMAGES[request.param][1]


@pytest.mark.parametrize("damaged", list(DAMAGES), indirect=True)
def test_a_value_khdesk_cannot_read_is_a_damaged_file_said_once(damaged):
    path, where = damaged
    with pytest.raises(CorruptDatabase, match=f"giá trị không đọc được ở {where}"):
        Store.open(path)
    for command in (("plans", "--db", path), ("print", "--db", path, "--plan", "2024-05", "-o", path.with_suffix(".pdf"))):
        result = khdesk(*command)
        assert result.returncode == 1 and "lỗi không mong đợi" not in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1 and "bị hỏng" in result.stderr and where in result.stderr
    assert not path.with_suffix(".pdf").exists()
