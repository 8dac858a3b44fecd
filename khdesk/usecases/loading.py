"""What a document is built from, read from the store: a month's plan with its tasks and the printed names
of the agencies, and the month's report as of a day."""
from __future__ import annotations

from datetime import date

from ..db import Store
from ..document.month_report import MonthReport, build_report
from ..domain.models import Plan, Task


def plan_tasks_names(store: Store, month: str) -> tuple[Plan, list[Task], dict[int, str]]:
    """The plan of ``month`` (``NotFound`` when there is none), its tasks in order, each agency's printed name."""
    plan = store.plans.by_month(month)
    return plan, store.tasks.of_plan(plan.id), {a.id: a.print_name for a in store.agencies.all()}


def report_of(store: Store, month: str, today: date | None = None) -> MonthReport:
    """The report of ``month``'s plan with its figures as of ``today`` (the computer's date by default)."""
    plan = store.plans.by_month(month)
    return build_report(plan, store.tasks.of_plan(plan.id), store.agencies.all(), today or date.today())
