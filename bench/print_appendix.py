"""How long `python main.py print --part appendix` takes, as the clerk waits for it (whole process).

    .venv/bin/python bench/print_appendix.py [--runs 5]

Builds databases with the 47-task sample plan and with 500 and 5,000 tasks of real-shaped text (the
seed's tasks, cycled, in agency groups of varying size), prints each several times in a fresh
process, and prints a table: tasks, pages, median and min–max seconds, milliseconds per task.
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


def measure(db: Path, month: str, out: Path, runs: int) -> tuple[list[float], str]:
    times = []
    message = ""
    for _ in range(runs):
        start = time.perf_counter()
        result = subprocess.run([sys.executable, str(ROOT / "main.py"), "print", "--db", str(db), "--plan", month,
                                 "-o", str(out)], capture_output=True, text=True)
        times.append(time.perf_counter() - start)
        if result.returncode:
            raise SystemExit(result.stderr)
        message = result.stdout.strip()
    return times, message


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    print(machine_line())
    print(f"{'tasks':>6} {'pages':>6} {'median s':>9} {'min–max s':>12} {'ms/task':>8}")
    medians = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for n, month in ((47, "2024-05"), (500, "2024-06"), (5000, "2024-06")):
            db = plan_database(folder, n)
            times, message = measure(db, month, folder / f"out-{n}.pdf", args.runs if n < 5000 else max(3, args.runs // 2))
            pages = message.split("(")[-1].split()[0]
            med = statistics.median(times)
            medians[n] = med
            print(f"{n:>6} {pages:>6} {med:>9.2f} {min(times):>5.2f}–{max(times):<6.2f} {1000 * med / n:>8.2f}")
        (folder / "lo").mkdir()
        reference = libreoffice_reference(folder, plan_database(folder / "lo", 47), args.runs)
    low = (medians[500] - medians[47]) / (500 - 47)
    high = (medians[5000] - medians[500]) / (5000 - 500)
    print(f"cost of one more task: {1000 * low:.2f} ms (47→500), {1000 * high:.2f} ms (500→5000) "
          f"— linear when these agree")
    if reference:
        print(f"reference: the same 47 rows as .docx through LibreOffice (soffice --headless --convert-to pdf): "
              f"median {statistics.median(reference):.2f} s, min–max {min(reference):.2f}–{max(reference):.2f} s")
    else:
        print("reference: LibreOffice (soffice) is not installed here, not measured")


def libreoffice_reference(folder: Path, db: Path, runs: int) -> list[float]:
    """Seconds to turn the appendix, exported as .docx, into a PDF with LibreOffice."""
    import shutil

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        return []
    subprocess.run([sys.executable, str(ROOT / "main.py"), "export-docx", "--db", str(db), "--plan", "2024-05",
                    "--part", "appendix", "-o", str(folder / "lo" / "phu-luc.docx")], check=True, capture_output=True)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([soffice, "--headless", "--convert-to", "pdf", "--outdir", str(folder / "lo"),
                        str(folder / "lo" / "phu-luc.docx")], check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return times


if __name__ == "__main__":
    main()
