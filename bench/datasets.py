"""Databases of real-shaped plans for the benchmarks: the seed's tasks, cycled, in agency groups of
varying size."""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from khdesk.usecases.sample_data import new_database  # noqa: E402

GROUP_SIZES = (1, 3, 5, 8, 2, 13, 4, 30)


def machine_line() -> str:
    """The line every benchmark table starts with: which machine, which Python, which day."""
    import os
    import platform
    from datetime import date

    return (f"machine: {platform.node()} · {os.cpu_count()} cores · {platform.machine()} · "
            f"Python {platform.python_version()} · {date.today()}")


def plan_database(folder: Path, n_tasks: int, month: str = "2024-06") -> Path:
    """The sample database plus, unless ``n_tasks`` is 47, a plan of ``n_tasks`` tasks for ``month``."""
    path = folder / f"plan-{n_tasks}.db"
    with new_database(path, sample=True) as store:
        if n_tasks == 47:
            return path
        seed = store.tasks.of_plan(store.plans.by_month("2024-05").id)
        leads = [a.id for a in store.agencies.all() if a.kind in ("department", "district")]
        plan = store.plans.create(month, number="5100", appendix_title=f"Nhiệm vụ trọng tâm tháng {month}")
        with store.transaction():
            i = g = 0
            while i < n_tasks:
                for _ in range(min(GROUP_SIZES[g % len(GROUP_SIZES)], n_tasks - i)):
                    store.tasks.add(plan.id, seed[i % len(seed)].content, [leads[g % len(leads)]])
                    i += 1
                g += 1
    return path
