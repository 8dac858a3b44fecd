"""The plan checker on a month of the store: ``khdesk check`` and the window's «Kiểm tra kế hoạch…» (and the
note before printing). The checks themselves are ``khdesk.document.plan_check``."""
from __future__ import annotations

from ..db import Store
from ..document.model import plan_document
from ..document.plan_check import WARNING, Finding, check_plan


def check_month(store: Store, month: str) -> list[Finding]:
    """The findings for the plan of ``month`` in ``store`` (the previous plan is last month's, if any), and
    whether the plan still says what its last signed file says."""
    plan = store.plans.by_month(month)
    earlier = [s.plan for s in store.plans.summaries() if s.plan.month < plan.month]
    previous = (earlier[-1], store.tasks.of_plan(earlier[-1].id)) if earlier else None
    agencies = store.agencies.all()
    tasks = store.tasks.of_plan(plan.id)
    findings = check_plan(plan, tasks, {a.id: a for a in agencies}, previous)
    issued = store.issued_files.of_plan(plan.id)
    if issued:
        names = {a.id: a.print_name for a in agencies}
        if plan_document(plan, tasks, names, "all").digest() != issued[-1].content:
            findings.append(Finding(WARNING, "Bản đã ký số",
                                    f"kế hoạch đã sửa sau khi ký số tệp «{issued[-1].file_name}» (lúc "
                                    f"{issued[-1].signed_at}, {issued[-1].signer}): tệp đó không còn đúng nội dung "
                                    "kế hoạch. Hãy ký lại, hoặc ban hành văn bản sửa đổi."))
    return findings
