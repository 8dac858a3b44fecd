"""Every change the window makes, as an undoable command over the store."""
from __future__ import annotations

from ..domain.models import FOLLOW_UP_FIELDS, Task
from ..domain.months import month_label
from ..usecases.new_month import create_month
from .session import Change, Command, Session

TASK_FIELD_NAMES = {"content": "nội dung", "lead_agency_ids": "cơ quan chủ trì", "coordinator_ids": "cơ quan phối hợp",
                    "deadline_text": "thời hạn", "due_date": "hạn hoàn thành", "status": "trạng thái",
                    "result_note": "kết quả", "completed_on": "ngày hoàn thành", "reported_on": "ngày báo cáo",
                    "status_reason": "lý do"}


class AddTask(Command):
    def __init__(self, session: Session, plan_id: int, position: int | None = None, **fields):
        super().__init__(session, "Thêm nhiệm vụ")
        self.plan_id, self.position, self.fields = plan_id, position, fields
        self.task: Task | None = None

    def apply(self):
        if self.task is None:
            self.task = self.store.tasks.add(self.plan_id, position=self.position, **self.fields)
        else:
            self.store.tasks.restore(self.task)

    def revert(self):
        self.store.tasks.delete(self.task.id)

    def change(self):
        return Change(plan_id=self.plan_id)


class DeleteTasks(Command):
    def __init__(self, session: Session, task_ids: list[int]):
        n = len(task_ids)
        super().__init__(session, "Xóa nhiệm vụ" if n == 1 else f"Xóa {n} nhiệm vụ")
        self.task_ids = task_ids
        self.deleted: list[Task] = []
        self.plan_id = None

    def apply(self):
        tasks = sorted((self.store.tasks.get(t) for t in self.task_ids), key=lambda t: -t.position)
        with self.store.transaction():
            for task in tasks:
                self.store.tasks.delete(task.id)
        self.deleted = tasks
        self.plan_id = tasks[0].plan_id if tasks else None

    def revert(self):
        with self.store.transaction():
            for task in reversed(self.deleted):
                self.store.tasks.restore(task)

    def change(self):
        return Change(plan_id=self.plan_id)


class EditTask(Command):
    def __init__(self, session: Session, task_id: int, **changes):
        names = ", ".join(TASK_FIELD_NAMES.get(k, k) for k in changes)
        super().__init__(session, f"Sửa {names}")
        self.task_id, self.changes = task_id, changes
        self.before: dict = {}
        self.plan_id = None

    def apply(self):
        old = self.store.tasks.get(self.task_id)
        # a follow-up records the day it was recorded (the store's rule): undo puts the old day back too
        kept = [*self.changes, "followed_up_on"] if FOLLOW_UP_FIELDS & self.changes.keys() else self.changes
        self.before = {k: getattr(old, k) for k in kept}
        self.plan_id = old.plan_id
        self.store.tasks.update(self.task_id, **self.changes)

    def revert(self):
        self.store.tasks.update(self.task_id, **self.before)

    def change(self):
        return Change(plan_id=self.plan_id, task_ids=frozenset({self.task_id}), fields=frozenset(self.changes))


class MoveTask(Command):
    def __init__(self, session: Session, task_id: int, position: int):
        super().__init__(session, "Di chuyển nhiệm vụ")
        self.task_id, self.position = task_id, position
        self.old_position = None
        self.plan_id = None

    def apply(self):
        task = self.store.tasks.get(self.task_id)
        self.old_position, self.plan_id = task.position, task.plan_id
        self.store.tasks.move(self.task_id, self.position)

    def revert(self):
        self.store.tasks.move(self.task_id, self.old_position)

    def change(self):
        return Change(plan_id=self.plan_id)


class ReorderTasks(Command):
    def __init__(self, session: Session, plan_id: int, task_ids: list[int], text: str):
        super().__init__(session, text)
        self.plan_id, self.task_ids = plan_id, task_ids
        self.old_ids: list[int] = []

    def apply(self):
        self.old_ids = [t.id for t in self.store.tasks.of_plan(self.plan_id)]
        self.store.tasks.reorder(self.plan_id, self.task_ids)

    def revert(self):
        self.store.tasks.reorder(self.plan_id, self.old_ids)

    def change(self):
        return Change(plan_id=self.plan_id)


def sort_by_agency(session: Session, plan_id: int) -> ReorderTasks:
    """Group the plan by the tree's order of agencies; within an agency the order stays."""
    order = {a.id: i for i, a in enumerate(session.store.agencies.all())}
    tasks = session.store.tasks.of_plan(plan_id)
    # by the first lead agency; tasks with the same leads in the same order stay together
    ordered = sorted(tasks, key=lambda t: ([order.get(a, len(order)) for a in t.lead_agency_ids] or [len(order)],
                                           t.position))
    return ReorderTasks(session, plan_id, [t.id for t in ordered], "Sắp xếp theo thứ tự cơ quan")


# ----- agencies -----------------------------------------------------------------------------------
class AgencyCommand(Command):
    def change(self):
        return Change(agencies=True)


class AddAgency(AgencyCommand):
    def __init__(self, session: Session, name: str, kind: str, parent_id: int | None, **fields):
        super().__init__(session, f"Thêm cơ quan «{name}»")
        self.args = dict(name=name, kind=kind, parent_id=parent_id, **fields)
        self.agency = None

    def apply(self):
        if self.agency is None:
            self.agency = self.store.agencies.add(**self.args)
        else:
            self.store.agencies.restore(self.agency)

    def revert(self):
        # the later steps that used it are undone first, so nothing refers to it now
        self.agency = self.store.agencies.get(self.agency.id)
        self.store.agencies.delete(self.agency.id)


class EditAgency(AgencyCommand):
    def __init__(self, session: Session, agency_id: int, text: str = "Sửa cơ quan", **changes):
        super().__init__(session, text)
        self.agency_id, self.changes = agency_id, changes
        self.before: dict = {}

    def apply(self):
        old = self.store.agencies.get(self.agency_id)
        self.before = {k: getattr(old, k) for k in self.changes}
        self.store.agencies.update(self.agency_id, **self.changes)

    def revert(self):
        self.store.agencies.update(self.agency_id, **self.before)


class MoveAgency(AgencyCommand):
    def __init__(self, session: Session, agency_id: int, position: int):
        super().__init__(session, "Đổi thứ tự cơ quan")
        self.agency_id, self.position = agency_id, position
        self.old = None

    def apply(self):
        self.old = self.store.agencies.get(self.agency_id).position
        self.store.agencies.move(self.agency_id, self.position)

    def revert(self):
        self.store.agencies.move(self.agency_id, self.old)


class RetireAgency(AgencyCommand):
    def __init__(self, session: Session, agency_id: int, replaced_by_id: int | None = None):
        super().__init__(session, "Ngừng sử dụng cơ quan")
        self.agency_id, self.replaced_by_id = agency_id, replaced_by_id

    def apply(self):
        self.store.agencies.retire(self.agency_id, self.replaced_by_id)

    def revert(self):
        self.store.agencies.reactivate(self.agency_id)


class MergeAgencies(AgencyCommand):
    def __init__(self, session: Session, agency_ids: list[int], into_id: int):
        into = session.store.agencies.get(into_id)
        super().__init__(session, f"Gộp cơ quan vào «{into.print_name}»")
        self.agency_ids, self.into_id = agency_ids, into_id
        self.record = None

    def apply(self):
        self.record = self.store.agencies.merge(self.agency_ids, self.into_id)

    def revert(self):
        self.store.agencies.unmerge(self.record)


# ----- plans --------------------------------------------------------------------------------------
class EditPlan(Command):
    def __init__(self, session: Session, plan_id: int, **changes):
        super().__init__(session, "Sửa thông tin kế hoạch")
        self.plan_id, self.changes = plan_id, changes
        self.before: dict = {}

    def apply(self):
        old = self.store.plans.get(self.plan_id)
        self.before = {k: getattr(old, k) for k in self.changes}
        self.store.plans.update(self.plan_id, **self.changes)

    def revert(self):
        self.store.plans.update(self.plan_id, **self.before)

    def change(self):
        return Change(plans=True)


class NewPlan(Command):
    """A new monthly plan, its header copied from a previous plan, with chosen unfinished tasks
    carried over (each keeps a link to the task it came from)."""

    def __init__(self, session: Session, month: str, header: dict, carry_ids: list[int]):
        super().__init__(session, f"Tạo kế hoạch tháng {month_label(month)}")
        self.month, self.header, self.carry_ids = month, header, carry_ids
        self.plan = None
        self.tasks: list[Task] = []

    def apply(self):
        with self.store.transaction():
            if self.plan is None:
                self.plan = create_month(self.store, self.month, self.header, self.carry_ids)
            else:
                self.store.plans.restore(self.plan)
                for task in self.tasks:
                    self.store.tasks.restore(task)

    def revert(self):
        self.tasks = self.store.tasks.of_plan(self.plan.id)
        self.plan = self.store.plans.get(self.plan.id)
        self.store.plans.delete(self.plan.id)

    def change(self):
        return Change(plans=True)


class ImportTasks(Command):
    """Rows of an Excel table appended to a month's plan, new agencies included: one undo step."""

    def __init__(self, session: Session, table, month: str, choices: dict):
        from ..formats.excel.pasting import PASTED

        super().__init__(session, f"Dán {len(table.rows)} nhiệm vụ" if table.path == PASTED
                         else f"Nhập {len(table.rows)} nhiệm vụ từ {'văn bản' if table.path.suffix.lower() in ('.docx', '.doc') else 'Excel'}")
        self.table, self.month, self.choices = table, month, choices
        self.result = None
        self.saved: tuple | None = None        # (plan or None, agencies, tasks) while undone

    def apply(self):
        from ..usecases.importing import apply_import

        if self.result is None:
            self.result = apply_import(self.store, self.table, self.month, self.choices)
            return
        plan, agencies, tasks = self.saved
        with self.store.transaction():
            if plan is not None:
                self.store.plans.restore(plan)
            for agency in agencies:
                self.store.agencies.restore(agency)
            for task in tasks:
                self.store.tasks.restore(task)

    def revert(self):
        r = self.result
        with self.store.transaction():
            tasks = [self.store.tasks.get(t) for t in r.task_ids]
            plan = self.store.plans.get(r.plan_id) if r.plan_created else None
            if plan is not None:
                self.store.plans.delete(plan.id)         # its tasks with it (an issued one refuses them one by one)
            else:
                for task in sorted(tasks, key=lambda t: -t.position):
                    self.store.tasks.delete(task.id)
            agencies = [self.store.agencies.get(a) for a in r.created_agency_ids]
            for agency in reversed(agencies):
                self.store.agencies.delete(agency.id)
        self.saved = (plan, agencies, tasks)

    def change(self):
        return Change(plan_id=self.result.plan_id, plans=True, agencies=bool(self.result.created_agency_ids))


class ImportResults(Command):
    """An agency's filled-in result sheet: every change in one undo step (conflicts are not written)."""

    def __init__(self, session: Session, sheet):
        super().__init__(session, f"Nhập kết quả của «{sheet.agency}»")
        self.sheet = sheet
        self.done: list[tuple[int, dict, dict]] | None = None
        self.plan_id = None

    def apply(self):
        from ..usecases.results import apply_results

        self.plan_id = self.store.plans.by_month(self.sheet.month).id
        if self.done is None:
            self.done = apply_results(self.store, self.sheet)
            return
        with self.store.transaction():
            for task_id, _before, after in self.done:
                self.store.tasks.update(task_id, **after)

    def revert(self):
        with self.store.transaction():
            for task_id, before, _after in reversed(self.done):
                self.store.tasks.update(task_id, **before)

    def change(self):
        return Change(plan_id=self.plan_id, task_ids=frozenset(t for t, _, _ in self.done or ()),
                      fields=frozenset(f for _, before, _ in self.done or () for f in before))


class ImportWordPlan(ImportTasks):
    """A whole plan from a Word file — its header fields and its tasks, new agencies included — as a
    new month: one undo step (undo removes the plan, its tasks and the agencies it created)."""

    def __init__(self, session: Session, plan, choices: dict):
        super().__init__(session, plan.table, plan.month, choices)
        self.setText(f"Nhập kế hoạch tháng {int(plan.month[5:])}/{plan.month[:4]} từ Word")
        self.plan = plan

    def apply(self):
        from ..usecases.importing import apply_word_plan

        if self.result is None:
            self.result = apply_word_plan(self.store, self.plan, self.choices)
            return
        super().apply()


class SetReporting(Command):
    """The reporting rule and the office's working-day edits as the settings dialog leaves them: one step."""

    def __init__(self, session: Session, rule, edits: dict):
        super().__init__(session, "Sửa kỳ báo cáo và ngày nghỉ")
        self.rule, self.edits = rule, edits
        self.before = None

    def apply(self):
        reporting = self.store.reporting
        if self.before is None:
            self.before = (reporting.rule(), reporting.calendar().edits)
        with self.store.transaction():
            reporting.set_rule(self.rule)
            reporting.replace_days(self.edits)

    def revert(self):
        with self.store.transaction():
            self.store.reporting.set_rule(self.before[0])
            self.store.reporting.replace_days(self.before[1])

    def change(self):
        return Change(everything=True)          # every plan's figures, due days and overdue marks
