"""Ten years of plans, deterministically: 120 monthly plans (2016–2025), about 100,000 tasks of
real-shaped text (the seed's tasks and the Lâm Đồng samples, varied), carried-over tasks linked to
the month before, agencies retired and replaced in the 2025 reorganisation. One month (12/2025) has
2,000 tasks for the typing benchmark.

    .venv/bin/python bench/make_dataset.py OUT.db [--tasks 100000]
"""
from __future__ import annotations

import argparse
import csv
import random
import sys
import time
from pathlib import Path

from datasets import ROOT

from khdesk.usecases.sample_data import new_database

SAMPLES = ROOT / "tests" / "fixtures" / "samples"
VERBS = ["Tiếp tục", "Đẩy nhanh", "Hoàn thiện", "Tham mưu UBND tỉnh", "Kiểm tra, đôn đốc", "Tổ chức", "Rà soát"]


def texts(store) -> list[str]:
    seed = [t.content for t in store.tasks.of_plan(store.plans.by_month("2024-05").id)]
    for path in sorted(SAMPLES.glob("*.csv")):
        seed += [row["noi_dung"] for row in csv.DictReader(path.open(encoding="utf-8"))]
    return seed


def build(path: Path, total: int) -> None:
    rng = random.Random(4969)
    store = new_database(path, sample=True)
    pool = texts(store)
    leads = [a for a in store.agencies.all() if a.kind in ("department", "district") and a.active]
    months = [f"{y}-{m:02d}" for y in range(2016, 2026) for m in range(1, 13) if f"{y}-{m:02d}" != "2024-05"]
    big_month = "2025-12"
    per_month = (total - 47 - 2000) // (len(months) - 1)
    # the 2025 reorganisation: some agencies retired, their successors take the later tasks
    finance = store.agencies.find("Sở Tài chính")
    store.agencies.retire(store.agencies.find("Sở Kế hoạch và Đầu tư").id, finance.id)
    construction = store.agencies.find("Sở Xây dựng")
    store.agencies.retire(store.agencies.find("Sở Giao thông vận tải").id, construction.id)
    retired = {a.id for a in store.agencies.all() if not a.active}
    previous: list[int] = []
    start = time.perf_counter()
    with store.transaction():
        for month in months:
            plan = store.plans.create(month, number=str(rng.randint(100, 9999)), issued_on=f"{month}-{rng.randint(3, 20):02d}",
                                      subject=f"Triển khai thực hiện nhiệm vụ trọng tâm phát triển kinh tế - xã hội "
                                              f"tháng {int(month[5:])} năm {month[:4]}", status="issued")
            n = 2000 if month == big_month else per_month
            current: list[int] = []
            i = 0
            while i < n:
                lead = rng.choice(leads)
                if month >= "2025-03" and lead.id in retired:
                    lead = finance
                for _ in range(min(rng.choice((1, 2, 3, 5, 8)), n - i)):
                    carried = rng.choice(previous) if previous and rng.random() < 0.1 else None
                    text = f"{rng.choice(VERBS)} {rng.choice(pool)[:rng.randint(80, 600)]}"
                    task = store.tasks.add(plan.id, text, [lead.id], carried_from_id=carried,
                                           status=rng.choice(("todo", "doing", "done", "done")))
                    current.append(task.id)
                    i += 1
            previous = current
    count = store.db.execute("SELECT count(*) FROM tasks").fetchone()[0]
    plans = len(store.plans.summaries())
    store.close()
    print(f"{path}: {plans} plans, {count} tasks, {path.stat().st_size / 1e6:.0f} MB, "
          f"built in {time.perf_counter() - start:.0f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--tasks", type=int, default=100_000)
    args = parser.parse_args()
    if args.out.exists():
        sys.exit(f"{args.out} exists")
    build(args.out, args.tasks)


if __name__ == "__main__":
    main()
