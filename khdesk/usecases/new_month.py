"""A new month's plan from the previous one: the window's «Kế hoạch tháng mới…» and ``khdesk new-month`` both
come here. The rules (what is copied, the month's words rolled on, which tasks are unfinished) are
``khdesk.domain.months``."""
from __future__ import annotations

from datetime import date

from ..db import Store
from ..domain.carrying import carry_proposal
from ..domain.models import Plan, Task
from ..domain.progress import Counting


def previous_plan(store: Store, month: str) -> Plan | None:
    """The latest plan before ``month`` (what a new month is made from), or None."""
    earlier = [s.plan for s in store.plans.summaries() if s.plan.month < month]
    return earlier[-1] if earlier else None


def carry_choices(store: Store, previous: Plan | None, today: date) -> tuple[list[Task], list[Task]]:
    """What the new month proposes to carry from ``previous`` (``domain.carrying.carry_proposal``): the tasks
    reported not done or in progress, and the «chưa có báo cáo» ones for the clerk to decide one by one."""
    if previous is None:
        return [], []
    counting = Counting.of(previous, today, store.reporting.calendar())
    return carry_proposal(store.tasks.of_plan(previous.id), counting)


def create_month(store: Store, month: str, header: dict, carry_ids) -> Plan:
    """The new month's plan (``header``: ``new_plan_header``'s fields, as reviewed) with the tasks
    ``carry_ids`` of earlier plans carried over — same text, leads, co-ordinators, deadline and where they
    were given, their status and result so far, each linked to the task it came from. One transaction:
    the window's «Kế hoạch tháng mới…» and ``khdesk new-month`` both come here."""
    with store.transaction():
        plan = store.plans.create(month, **header)
        for task_id in carry_ids:
            old = store.tasks.get(task_id)
            store.tasks.add(plan.id, old.content, old.lead_agency_ids, coordinator_ids=old.coordinator_ids,
                            deadline_text=old.deadline_text, due_date=old.due_date, status=old.status,
                            result_note=old.result_note, carried_from_id=old.id, given_in=old.given_in)
        return store.plans.get(plan.id)
