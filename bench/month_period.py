"""The month as the province counts it, on the ten-year database (``make_dataset.py``: 120 plans, about
100,000 tasks, carried tasks linked month to month): the May report counted to its cut-off, the year's
report over twelve plans, the month-to-month view (which walks every task's carry history), the new-month
proposal on evidence, and the working-day calendar. Prints one table; not a test.

    .venv/bin/python bench/month_period.py [--db TEN_YEARS.db] [--runs 3]
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from datasets import machine_line

from khdesk.db import Store
from khdesk.domain.periods import MONTH, ReportingRule, period_of
from khdesk.domain.working_days import Calendar, _national
from khdesk.usecases.loading import comparison_of, report_of
from khdesk.usecases.new_month import carry_choices


def timed(runs: int, work) -> tuple[float, object]:
    seconds, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = work()
        seconds.append(time.perf_counter() - start)
    return statistics.median(seconds), result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    db = args.db
    if db is None:
        import make_dataset

        db = Path(tempfile.mkdtemp(prefix="khdesk-bench-")) / "ten-years.db"
        make_dataset.build(db, 100_000)
    print(machine_line())
    with Store.open(db, read_only=True) as store:
        tasks = sum(s.task_count for s in store.plans.summaries())
        print(f"database: {len(store.plans.summaries())} plans, {tasks:,} tasks".replace(",", "."))
        month = store.plans.summaries()[-2].plan.month
        plan = store.plans.by_month(month)
        today = date(int(month[:4]), int(month[5:]), 28)
        rows = []
        t, report = timed(args.runs, lambda: report_of(store, month, today))
        rows.append((f"report of {month} ({report.figures.total} tasks), counted to the cut-off", t))
        t, year = timed(args.runs, lambda: report_of(store, month, today, "year"))
        rows.append((f"report of the year {month[:4]} ({year.figures.total} tasks over its plans)", t))
        t, tables = timed(args.runs, lambda: comparison_of(store, month, today))
        rows.append((f"month-to-month view of {month} (every task's carry history)", t))
        t, (proposed, unknown) = timed(args.runs, lambda: carry_choices(store, plan, today))
        rows.append((f"new month on evidence ({len(proposed)} proposed, {len(unknown)} to decide)", t))
    def sending_days():
        _national.cache_clear()                      # each run computes the ten years' holidays afresh
        calendar = Calendar()
        return [period_of(ReportingRule(), MONTH, f"{y}-{m:02d}").send_by(ReportingRule(), calendar)
                for y in range(2016, 2026) for m in range(1, 13)]

    t, _ = timed(args.runs, sending_days)
    rows.append(("120 sending days (the holidays of ten years computed afresh)", t))
    print(f"{'what':78} {'median s':>9}")
    for what, seconds in rows:
        print(f"{what:78} {seconds:9.3f}")


if __name__ == "__main__":
    sys.exit(main())
