"""Export and import of a 10,000-task plan through the command line (whole process each time).

    .venv/bin/python bench/excel_io.py [--runs 3] [--tasks 10000]
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from datasets import ROOT, machine_line, plan_database


def timed(args: list[str]) -> tuple[float, str]:
    start = time.perf_counter()
    result = subprocess.run([sys.executable, str(ROOT / "main.py"), *args], capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode:
        raise SystemExit(result.stderr)
    return elapsed, result.stdout.strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--tasks", type=int, default=10_000)
    args = parser.parse_args()
    print(machine_line())
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        db = plan_database(folder, args.tasks)
        xlsx = folder / "plan.xlsx"
        exports = [timed(["export-xlsx", "--db", str(db), "--plan", "2024-06", "-o", str(xlsx)])[0]
                   for _ in range(args.runs)]
        imports, message = [], ""
        for run in range(args.runs):
            target = folder / f"import-{run}.db"
            subprocess.run([sys.executable, str(ROOT / "main.py"), "init", str(target)], check=True,
                           capture_output=True)
            elapsed, message = timed(["import-xlsx", "--db", str(target), "--plan", "2024-07", str(xlsx)])
            imports.append(elapsed)
        size = xlsx.stat().st_size / 1e6
    print(f"{'what':<32} {'median s':>9} {'min–max s':>12} target")
    for name, times in ((f"export {args.tasks:,} tasks ({size:.1f} MB)", exports),
                        (f"import {args.tasks:,} rows", imports)):
        print(f"{name:<32} {statistics.median(times):>9.2f} {min(times):>5.2f}–{max(times):<6.2f} ≤ 5 s")
    print(f"import said: {message}")


if __name__ == "__main__":
    main()
