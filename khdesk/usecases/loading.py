"""What a document is built from, read from the store: a month's plan with its tasks and the printed names
of the agencies, and the month's report as of a day."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..db import Store
from ..document.comparison import ComparisonTables, comparison_tables
from ..document.month_report import MonthReport, build_period_report
from ..domain.carrying import Carry, histories
from ..domain.models import Plan, Task
from ..domain.month_compare import compare
from ..domain.periods import MONTH, Period, ReportingRule, period_of
from ..domain.progress import Counting
from .new_month import previous_plan


def plan_tasks_names(store: Store, month: str) -> tuple[Plan, list[Task], dict[int, str]]:
    """The plan of ``month`` (``NotFound`` when there is none), its tasks in order, each agency's printed name."""
    plan = store.plans.by_month(month)
    return plan, store.tasks.of_plan(plan.id), {a.id: a.print_name for a in store.agencies.all()}


def report_of(store: Store, month: str, today: date | None = None, kind: str = MONTH) -> MonthReport:
    """The report written ``today`` (the computer's date by default) of the period of ``kind`` that holds
    ``month`` — the month's plan, or every plan of the quarter, six or nine months, year — its figures as of
    the period's cut-off (the database's rule and working-day calendar)."""
    store.plans.by_month(month)                      # (``NotFound`` for a month with no plan)
    period = period_of(store.reporting.rule(), kind, month)
    plans = [s.plan for s in store.plans.summaries() if s.plan.month in period.months]
    return build_period_report([(p, store.tasks.of_plan(p.id)) for p in plans], store.agencies.all(),
                               today or date.today(), period, store.reporting.calendar())


def counting_of(store: Store, plan: Plan, today: date) -> Counting:
    """How ``plan``'s tasks are counted on ``today``: its last day, whether and when it was issued, the
    database's working-day calendar (what the grid, the task pane and the panel mark as overdue)."""
    return Counting.of(plan, today, store.reporting.calendar())


@dataclass(frozen=True)
class PeriodCount:
    """A month's plan as its reporting period counts it: the period, the counting as of its cut-off (or of
    today while it runs), the day the report must be sent, the rule."""
    period: Period
    counting: Counting
    send_by: date
    rule: ReportingRule


def period_count(store: Store, plan: Plan, today: date) -> PeriodCount:
    """What the panel and the report count ``plan`` by (the database's rule and calendar)."""
    rule, calendar = store.reporting.rule(), store.reporting.calendar()
    period = period_of(rule, MONTH, plan.month)
    return PeriodCount(period, Counting.of(plan, period.as_of(today), calendar), period.send_by(rule, calendar), rule)


def carry_of(store: Store, task: Task) -> Carry:
    """How long ``task`` has been carried: the month it was first given in, how many times since."""
    return histories(store.tasks.carry_links(), [task.id])[task.id]


def comparison_of(store: Store, month: str, today: date) -> ComparisonTables:
    """``month``'s plan beside the plan before it (``domain.month_compare``), counted to its period's
    cut-off (or today while it runs), as the tables the panel, ``compare`` and its .xlsx show."""
    plan = store.plans.by_month(month)
    previous = previous_plan(store, month)
    tasks = store.tasks.of_plan(plan.id)
    history = histories(store.tasks.carry_links(), [t.id for t in tasks])
    count = period_count(store, plan, today)
    agencies = store.agencies.all()
    comparison = compare(plan, tasks, previous, store.tasks.of_plan(previous.id) if previous else [],
                         store.tasks.carried_into(plan.id), history, count.counting, [a.id for a in agencies])
    return comparison_tables(comparison, {a.id: a.print_name for a in agencies}, count.period)
