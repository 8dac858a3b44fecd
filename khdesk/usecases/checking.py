"""The plan checker on a month of the store: ``khdesk check`` and the window's «Kiểm tra kế hoạch…» (and the
note before printing). The checks themselves are ``khdesk.document.plan_check``."""
from __future__ import annotations

from ..db import Store
from ..document.plan_check import Finding, check_plan


def check_month(store: Store, month: str) -> list[Finding]:
    """The findings for the plan of ``month`` in ``store`` (the previous plan is last month's, if any)."""
    plan = store.plans.by_month(month)
    earlier = [s.plan for s in store.plans.summaries() if s.plan.month < plan.month]
    previous = (earlier[-1], store.tasks.of_plan(earlier[-1].id)) if earlier else None
    return check_plan(plan, store.tasks.of_plan(plan.id), {a.id: a for a in store.agencies.all()}, previous)
