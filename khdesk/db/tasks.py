"""The tasks of a plan, kept in print order (position 1 … N, no gaps)."""
from __future__ import annotations

import re
from datetime import date

import sqlite_utils

from ..domain.limits import TASKS_PER_PLAN
from ..domain.limits import count as limit_count
from ..domain.models import FOLLOW_UP_FIELDS, TASK_STATUS_LABELS, SearchHit, Task
from ..domain.progress import follow_up_day
from ..domain.text import fold
from ..errors import InvalidInput, NotFound, Refused
from . import values
from .plans import Plans
from .rows import check_fields, exists, set_agency_list, update_columns
from .search_text import forget_tasks, refresh_task_search

_UPDATABLE = {"content", "lead_agency_ids", "coordinator_ids", "deadline_text", "due_date", "status",
              "result_note", "carried_from_id", "completed_on", "reported_on", "status_reason", "given_in",
              "followed_up_on"}

_COLUMNS = """t.id, t.plan_id, t.position, t.content,
              (SELECT json_group_array(agency_id) FROM
                   (SELECT agency_id FROM task_leads WHERE task_id = t.id ORDER BY position)),
              t.deadline_text, t.due_date, t.status, t.result_note, t.carried_from_id,
              (SELECT json_group_array(agency_id) FROM
                   (SELECT agency_id FROM task_coordinators WHERE task_id = t.id ORDER BY position)),
              t.completed_on, t.reported_on, t.status_reason, t.given_in, t.followed_up_on"""
_EXTRA = 16          # the columns after _COLUMNS in a query start here


def _task(r) -> Task:
    return Task(id=r[0], plan_id=r[1], position=r[2], content=r[3], lead_agency_ids=values.from_text_list(r[4]),
                deadline_text=r[5], due_date=values.to_date(r[6]), status=r[7], result_note=r[8],
                carried_from_id=r[9], coordinator_ids=values.from_text_list(r[10]),
                completed_on=values.to_date(r[11]), reported_on=values.to_date(r[12]), status_reason=r[13],
                given_in=r[14], followed_up_on=values.to_date(r[15]))


def _match(query: str) -> str | None:
    """The FTS5 phrase for a typed query, or None when it has no word."""
    words = re.findall(r"\w+", fold(query))
    return '"' + " ".join(words) + '"*' if words else None        # \w+ holds no quote: the phrase is safe


class Tasks:
    def __init__(self, db: sqlite_utils.Database):
        self.db = db

    # ----- reading -------------------------------------------------------------------------
    def get(self, task_id: int) -> Task:
        r = self.db.execute(f"SELECT {_COLUMNS} FROM tasks t WHERE t.id = ?", [task_id]).fetchone()
        if r is None:
            raise NotFound(f"Không tìm thấy nhiệm vụ số {task_id} (có thể đã bị xóa).")
        return _task(r)

    def of_plan(self, plan_id: int) -> list[Task]:
        """The plan's tasks in print order."""
        rows = self.db.execute(
            f"SELECT {_COLUMNS} FROM tasks t WHERE t.plan_id = ? ORDER BY t.position", [plan_id]
        ).fetchall()
        return [_task(r) for r in rows]

    def carry_links(self) -> dict[int, tuple[int | None, str]]:
        """Every task's (the task it was carried from, its plan's month): what ``domain.carrying.histories``
        walks back (one read of two small columns, a few thousand rows a year)."""
        rows = self.db.execute("SELECT t.id, t.carried_from_id, p.month FROM tasks t JOIN plans p ON p.id = t.plan_id")
        return {task_id: (source, month) for task_id, source, month in rows}

    def carried_into(self, plan_id: int) -> dict[int, int]:
        """The tasks of other plans carried into ``plan_id``: the source task's id → the task it became."""
        rows = self.db.execute("SELECT carried_from_id, id FROM tasks WHERE plan_id = ? AND carried_from_id IS NOT "
                               "NULL", [plan_id])
        return {source: task_id for source, task_id in rows}

    def count(self, plan_id: int) -> int:
        """How many tasks the plan has (positions run 1…N, so this is the last position; the
        index answers it without reading the rows)."""
        return self.db.execute("SELECT coalesce(max(position), 0) FROM tasks WHERE plan_id = ?",
                               [plan_id]).fetchone()[0]

    def search(self, query: str, plan_id: int | None = None, limit: int | None = None,
               offset: int = 0) -> list[SearchHit]:
        """Tasks whose content or lead agency contains the words of ``query`` one after another, the
        last one possibly unfinished ("so y" finds "Sở Y tế"), ignoring case, punctuation and
        diacritics (đ = d). Newest month first, then print order; ``limit`` and ``offset`` page."""
        match = _match(query)
        if match is None:
            return []
        sql = f"""SELECT {_COLUMNS}, p.month,
                         coalesce((SELECT group_concat(coalesce(a.short_name, a.name), '; ') FROM
                                       (SELECT agency_id FROM task_leads WHERE task_id = t.id ORDER BY position) l
                                   JOIN agencies a ON a.id = l.agency_id), '')
                  FROM tasks_fts f JOIN tasks t ON t.id = f.rowid JOIN plans p ON p.id = t.plan_id
                  WHERE tasks_fts MATCH ? {"AND t.plan_id = ?" if plan_id is not None else ""}
                  ORDER BY p.month DESC, t.position LIMIT ? OFFSET ?"""
        params = [match] + ([plan_id] if plan_id is not None else []) + [limit if limit else -1, offset]
        return [SearchHit(task=_task(r), month=r[_EXTRA], agency_name=r[_EXTRA + 1])
                for r in self.db.execute(sql, params)]

    def search_count(self, query: str) -> int:
        """How many tasks ``search`` finds (all months)."""
        match = _match(query)
        if match is None:
            return 0
        return self.db.execute("SELECT count(*) FROM tasks_fts WHERE tasks_fts MATCH ?", [match]).fetchone()[0]

    # ----- writing -------------------------------------------------------------------------
    def add(self, plan_id: int, content: str = "", lead_agency_ids=(), *,
            position: int | None = None, coordinator_ids=(), deadline_text: str = "", due_date=None,
            status: str = "todo", result_note: str = "", carried_from_id: int | None = None,
            completed_on=None, reported_on=None, status_reason: str = "", given_in: str = "",
            followed_up_on=None) -> Task:
        """A new task, last in the plan unless ``position`` (1-based) is given; the tasks from
        that position on move down by one. A new task that comes with a follow-up (an imported plan's
        results) has it recorded (``progress.follow_up_day``) unless ``followed_up_on`` says; a carried task
        starts with none in its new plan."""
        if followed_up_on is None and carried_from_id is None:
            followed_up_on = follow_up_day(status, result_note, completed_on, reported_on, status_reason,
                                           date.today())
        with self.db.atomic():
            if not exists(self.db, "plans", plan_id):
                raise NotFound(f"Không tìm thấy kế hoạch số {plan_id}.")
            self._refuse_if_issued(plan_id)
            count = self.count(plan_id)
            if count >= TASKS_PER_PLAN:
                raise InvalidInput(f"Kế hoạch đã có {limit_count(count)} nhiệm vụ, giới hạn của một kế hoạch là "
                                   f"{limit_count(TASKS_PER_PLAN)}; không thêm.")
            position = count + 1 if position is None else max(1, min(int(position), count + 1))
            if position <= count:
                self.db.execute(
                    "UPDATE tasks SET position = position + 1 WHERE plan_id = ? AND position >= ?", [plan_id, position]
                )
            task_id = self.db.execute(
                """INSERT INTO tasks (plan_id, position, content, deadline_text, due_date,
                                      status, result_note, carried_from_id, completed_on, reported_on,
                                      status_reason, given_in, followed_up_on)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                [plan_id, position, values.text(content, "nội dung"),
                 values.text(deadline_text, "thời hạn"), values.iso_date(due_date, "hạn hoàn thành"),
                 values.choice(status, TASK_STATUS_LABELS, "trạng thái"), values.text(result_note, "kết quả"),
                 self._source(carried_from_id), values.iso_date(completed_on, "ngày hoàn thành"),
                 values.iso_date(reported_on, "ngày báo cáo"), values.text(status_reason, "lý do"),
                 values.text(given_in, "nơi giao"), values.iso_date(followed_up_on, "ngày ghi báo cáo")],
            ).lastrowid
            self._set_agencies("task_leads", task_id, lead_agency_ids)
            self._set_agencies("task_coordinators", task_id, coordinator_ids)
            self._refresh_search(task_id)
            return self.get(task_id)

    def update(self, task_id: int, **changes) -> Task:
        """Change the fields ``changes`` names. A change of the follow-up (status, result, dates, reason)
        records the day it was recorded (``followed_up_on``: today) unless it says that day itself (undo
        puts the old one back)."""
        check_fields(changes, _UPDATABLE)
        if "followed_up_on" not in changes and FOLLOW_UP_FIELDS & changes.keys():
            changes["followed_up_on"] = date.today()
        convert = {
            "content": lambda v: values.text(v, "nội dung"),
            "deadline_text": lambda v: values.text(v, "thời hạn"),
            "due_date": lambda v: values.iso_date(v, "hạn hoàn thành"),
            "status": lambda v: values.choice(v, TASK_STATUS_LABELS, "trạng thái"),
            "result_note": lambda v: values.text(v, "kết quả"),
            "carried_from_id": self._source,
            "completed_on": lambda v: values.iso_date(v, "ngày hoàn thành"),
            "reported_on": lambda v: values.iso_date(v, "ngày báo cáo"),
            "status_reason": lambda v: values.text(v, "lý do"),
            "given_in": lambda v: values.text(v, "nơi giao"),
            "followed_up_on": lambda v: values.iso_date(v, "ngày ghi báo cáo"),
        }
        with self.db.atomic():
            self._refuse_if_issued(self.get(task_id).plan_id, changes)
            columns = {k: convert[k](v) for k, v in changes.items() if k in convert}
            if columns.get("carried_from_id") == task_id:
                raise InvalidInput("Một nhiệm vụ không thể được chuyển tiếp từ chính nó.")
            update_columns(self.db, "tasks", task_id, columns)
            if "lead_agency_ids" in changes:
                self._set_agencies("task_leads", task_id, changes["lead_agency_ids"])
            if "coordinator_ids" in changes:
                self._set_agencies("task_coordinators", task_id, changes["coordinator_ids"])
            self._refresh_search(task_id)
            return self.get(task_id)

    def restore(self, task: Task) -> Task:
        """Put a deleted task back exactly as it was: same id, same place, same fields (undo)."""
        with self.db.atomic():
            if exists(self.db, "tasks", task.id):
                raise InvalidInput(f"Nhiệm vụ số {task.id} vẫn còn, không cần khôi phục.")
            position = max(1, min(task.position, self.count(task.plan_id) + 1))
            self.db.execute("UPDATE tasks SET position = position + 1 WHERE plan_id = ? AND position >= ?",
                            [task.plan_id, position])
            source = task.carried_from_id if exists(self.db, "tasks", task.carried_from_id) else None
            self.db.execute(
                """INSERT INTO tasks (id, plan_id, position, content, deadline_text, due_date,
                                      status, result_note, carried_from_id, completed_on, reported_on,
                                      status_reason, given_in, followed_up_on)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                [task.id, task.plan_id, position, task.content,
                 task.deadline_text, values.iso_date(task.due_date), task.status, task.result_note, source,
                 values.iso_date(task.completed_on), values.iso_date(task.reported_on), task.status_reason,
                 task.given_in, values.iso_date(task.followed_up_on)])
            self._set_agencies("task_leads", task.id, task.lead_agency_ids)
            self._set_agencies("task_coordinators", task.id, task.coordinator_ids)
            self._refresh_search(task.id)
            return self.get(task.id)

    def delete(self, task_id: int) -> Task:
        """Delete the task; the tasks after it move up. Returns what was deleted."""
        with self.db.atomic():
            task = self.get(task_id)
            self._refuse_if_issued(task.plan_id)
            self.db.execute("DELETE FROM tasks WHERE id = ?", [task_id])
            forget_tasks(self.db, [task_id])
            self.db.execute(
                "UPDATE tasks SET position = position - 1 WHERE plan_id = ? AND position > ?",
                [task.plan_id, task.position],
            )
            return task

    def move(self, task_id: int, position: int) -> Task:
        """Put the task at ``position`` (1-based) in its plan."""
        with self.db.atomic():
            task = self.get(task_id)
            self._refuse_if_issued(task.plan_id)
            position = max(1, min(int(position), self.count(task.plan_id)))
            if position > task.position:
                self.db.execute(
                    "UPDATE tasks SET position = position - 1 WHERE plan_id = ? AND position > ? AND position <= ?",
                    [task.plan_id, task.position, position],
                )
            elif position < task.position:
                self.db.execute(
                    "UPDATE tasks SET position = position + 1 WHERE plan_id = ? AND position >= ? AND position < ?",
                    [task.plan_id, position, task.position],
                )
            self.db.execute("UPDATE tasks SET position = ? WHERE id = ?", [position, task_id])
            return self.get(task_id)

    def reorder(self, plan_id: int, task_ids: list[int]) -> None:
        """Give the plan's tasks the order of ``task_ids``, which must name each of them once."""
        with self.db.atomic():
            self._refuse_if_issued(plan_id)
            present = [r[0] for r in self.db.execute("SELECT id FROM tasks WHERE plan_id = ?", [plan_id])]
            if sorted(present) != sorted(task_ids):
                raise InvalidInput("Thứ tự mới phải gồm đúng các nhiệm vụ của kế hoạch, mỗi nhiệm vụ một lần.")
            self.db.conn.executemany(
                "UPDATE tasks SET position = ? WHERE id = ?", [(i, t) for i, t in enumerate(task_ids, 1)]
            )

    # ----- internals -----------------------------------------------------------------------
    def _refuse_if_issued(self, plan_id: int, fields=None) -> None:
        """An issued plan's wording, leads, deadlines and order stay as signed until the clerk chooses to edit
        it (``Plan.allows``): refused here, whatever asks — the window, the command line, an import. Its
        follow-up (``fields`` all in ``FOLLOW_UP_FIELDS``) is recorded all the same. (``restore`` — undo
        putting back what was — is not refused.)"""
        plan = Plans(self.db).get(plan_id)
        if not plan.allows(fields if fields is not None else {"content"}):
            raise Refused(f"Kế hoạch tháng {plan.month_number}/{plan.year} (số {plan.number_symbol}) đã ban hành: nội "
                          "dung, cơ quan, thời hạn và thứ tự nhiệm vụ giữ như đã ký. Nếu thật cần sửa, chọn «Sửa kế "
                          "hoạch đã ban hành…» (dòng lệnh: --edit-issued).")

    def _agency(self, agency_id: int | None) -> int | None:
        if agency_id is not None and not exists(self.db, "agencies", agency_id):
            raise NotFound(f"Không tìm thấy cơ quan số {agency_id}.")
        return agency_id

    def _source(self, task_id: int | None) -> int | None:
        if task_id is not None:
            self.get(task_id)
        return task_id

    def _set_agencies(self, table: str, task_id: int, agency_ids) -> None:
        if isinstance(agency_ids, int) or agency_ids is None:
            raise TypeError("the lead agencies and co-ordinators of a task are lists of ids")
        set_agency_list(self.db, table, task_id, [self._agency(a) for a in agency_ids])

    def _refresh_search(self, task_id: int) -> None:
        refresh_task_search(self.db, [task_id])
