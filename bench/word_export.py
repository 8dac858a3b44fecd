"""How long `main.py export-docx --part appendix` takes for 500, 1,000 and 3,000 tasks (whole
process): the Word export must grow with the number of tasks, not with its square.

    .venv/bin/python bench/word_export.py [--runs 3]
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

SIZES = (500, 1000, 3000)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print(machine_line())
    print(f"{'tasks':>6} {'median s':>9} {'min–max s':>12} {'ms/task':>8}")
    medians = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for n in SIZES:
            db = plan_database(folder, n)
            times = []
            for _ in range(args.runs):
                start = time.perf_counter()
                subprocess.run([sys.executable, str(ROOT / "main.py"), "export-docx", "--db", str(db), "--plan",
                                "2024-06", "--part", "appendix", "-o", str(folder / "out.docx")],
                               check=True, capture_output=True)
                times.append(time.perf_counter() - start)
            medians[n] = statistics.median(times)
            print(f"{n:>6} {medians[n]:>9.2f} {min(times):>5.2f}–{max(times):<6.2f} {medians[n] / n * 1000:>8.2f}")
    a, b, c = SIZES
    print(f"cost of one more task: {(medians[b] - medians[a]) / (b - a) * 1000:.2f} ms ({a}→{b}), "
          f"{(medians[c] - medians[b]) / (c - b) * 1000:.2f} ms ({b}→{c}) — linear when these agree")


if __name__ == "__main__":
    main()
