"""Monthly plans: one per month, with the parts of the plan document itself."""
from __future__ import annotations

import dataclasses

import sqlite_utils

from ..domain.models import PLAN_STATUS_LABELS, Plan, PlanSummary
from ..domain.months import checked_month, month_label
from ..errors import NotFound, Refused
from . import values
from .rows import check_fields, exists, update_columns
from .search_text import forget_tasks

_TEXT_FIELDS = ("number", "symbol", "place", "parent_body", "issuing_body", "issuer_name", "doc_type", "subject",
                "grounds", "specific_tasks_text", "implementation", "signer_authority", "signer_title",
                "signer_name", "appendix_title", "appendix_reference")
_DATE_FIELDS = ("issued_on", "report_deadline")
_LIST_FIELDS = ("general_tasks", "recipients")
_FIELDS = {f.name for f in dataclasses.fields(Plan)} - {"id", "month"}
_LOCK_FIELDS = {"status", "reopened_at"}       # what changes on an issued plan: its lock itself


def _plan(row: dict) -> Plan:
    row = dict(row)
    for name in _DATE_FIELDS:
        row[name] = values.to_date(row[name])
    for name in _LIST_FIELDS:
        row[name] = values.from_text_list(row[name])
    return Plan(**{f.name: row[f.name] for f in dataclasses.fields(Plan)})


class Plans:
    def __init__(self, db: sqlite_utils.Database):
        self.db = db

    def get(self, plan_id: int) -> Plan:
        rows = list(self.db.query("SELECT * FROM plans WHERE id = ?", [plan_id]))
        if not rows:
            raise NotFound(f"Không tìm thấy kế hoạch số {plan_id} (có thể đã bị xóa).")
        return _plan(rows[0])

    def by_month(self, month: str) -> Plan:
        month = checked_month(month)
        rows = list(self.db.query("SELECT * FROM plans WHERE month = ?", [month]))
        if not rows:
            raise NotFound(f"Chưa có kế hoạch tháng {month_label(month)} trong cơ sở dữ liệu này.")
        return _plan(rows[0])

    def summaries(self) -> list[PlanSummary]:
        """Every plan, oldest month first, with its number of tasks."""
        rows = self.db.query(
            "SELECT p.*, (SELECT count(*) FROM tasks WHERE plan_id = p.id) AS task_count FROM plans p ORDER BY month"
        )
        return [PlanSummary(plan=_plan(r), task_count=r["task_count"]) for r in rows]

    def create(self, month: str, **fields) -> Plan:
        """A new plan for ``month`` ("YYYY-MM"); a month has at most one plan."""
        month = checked_month(month)
        with self.db.atomic():
            if self.db.execute("SELECT 1 FROM plans WHERE month = ?", [month]).fetchone():
                raise Refused(f"Đã có kế hoạch tháng {month_label(month)}; mỗi tháng chỉ có một kế hoạch.")
            plan_id = self.db.execute("INSERT INTO plans (month) VALUES (?)", [month]).lastrowid
            if fields:
                self.update(plan_id, **fields)
            return self.get(plan_id)

    def update(self, plan_id: int, **fields) -> Plan:
        check_fields(fields, _FIELDS)
        columns = {}
        for name, value in fields.items():
            if name in _TEXT_FIELDS:
                columns[name] = values.text(value)
            elif name in _DATE_FIELDS:
                columns[name] = values.iso_date(value)
            elif name in _LIST_FIELDS:
                columns[name] = values.text_list(value)
            elif name == "status":
                columns[name] = values.choice(value, PLAN_STATUS_LABELS, "trạng thái kế hoạch")
            elif name == "reopened_at":
                columns[name] = values.optional_text(value)
            elif name == "report_via_agency_id":
                columns[name] = value
        with self.db.atomic():
            plan = self.get(plan_id)
            # an update that lifts the lock itself (back to draft, or reopened — the undo of «issue this plan»)
            # may carry other fields; one that leaves the plan issued changes only the lock
            lifts = columns.get("status", plan.status) != "issued" or columns.get("reopened_at") is not None
            if plan.locked and not lifts and not set(columns) <= _LOCK_FIELDS:
                raise Refused(f"Kế hoạch tháng {plan.month_number}/{plan.year} (số {plan.number_symbol}) đã ban hành: "
                              "phần đầu, các mục và nơi nhận giữ như đã ký. Nếu thật cần sửa, chọn «Sửa kế hoạch đã ban "
                              "hành…» (dòng lệnh: --edit-issued).")
            via = columns.get("report_via_agency_id")
            if via is not None and not exists(self.db, "agencies", via):
                raise NotFound(f"Không tìm thấy cơ quan số {via}.")
            update_columns(self.db, "plans", plan_id, columns)
            return self.get(plan_id)

    def restore(self, plan: Plan) -> Plan:
        """Put a deleted plan back with its id (undo); its tasks are restored one by one after it."""
        with self.db.atomic():
            if self.db.execute("SELECT 1 FROM plans WHERE id = ? OR month = ?", [plan.id, plan.month]).fetchone():
                raise Refused(f"Đã có kế hoạch tháng {month_label(plan.month)}.")
            self.db.execute("INSERT INTO plans (id, month) VALUES (?, ?)", [plan.id, checked_month(plan.month)])
            fields = {f.name: getattr(plan, f.name) for f in dataclasses.fields(Plan)}
            del fields["id"], fields["month"]
            if fields["report_via_agency_id"] is not None and not exists(self.db, "agencies",
                                                                          fields["report_via_agency_id"]):
                fields["report_via_agency_id"] = None
            return self.update(plan.id, **fields)

    def delete(self, plan_id: int) -> Plan:
        """Delete the plan and its tasks. Tasks of later months carried over from it keep their
        text; only their link back is cleared."""
        with self.db.atomic():
            plan = self.get(plan_id)
            forget_tasks(self.db, [r[0] for r in self.db.execute("SELECT id FROM tasks WHERE plan_id = ?", [plan_id])])
            self.db.execute("DELETE FROM plans WHERE id = ?", [plan_id])
            return plan
