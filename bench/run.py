"""Every speed figure of khdesk in one table: figure, median, min–max, target, pass/fail.

    .venv/bin/python bench/run.py [--runs 5] [--big /tmp/khdesk-10-years.db]      (or: make bench)

The GUI figures are measured on the real window (offscreen): time to first paint in a fresh process,
switching month, filtering as you type, searching all months. The ten-year database (120 plans,
100,000 tasks) is built by make_dataset.py the first time and kept for the next runs.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from datasets import ROOT, machine_line, plan_database

ROWS: list[tuple] = []


def record(figure: str, seconds: list[float], target: float, unit: str = "s") -> None:
    scale = 1000 if unit == "ms" else 1
    med = statistics.median(seconds)
    ROWS.append((figure, f"{med * scale:.2f} {unit}" if unit == "s" else f"{med * scale:.0f} {unit}",
                 f"{min(seconds) * scale:.2f}–{max(seconds) * scale:.2f}" if unit == "s"
                 else f"{min(seconds) * scale:.0f}–{max(seconds) * scale:.0f}",
                 f"≤ {target * scale:g} {unit}", "pass" if med <= target else "FAIL"))


def first_paint(db: Path | None, home: Path) -> tuple[float, int]:
    """Seconds from starting `python main.py` to the grid's first paint."""
    env = dict(os.environ, KHDESK_DATA_DIR=str(home), XDG_CONFIG_HOME=str(home), QT_QPA_PLATFORM="offscreen")
    args = [sys.executable, str(ROOT / "bench" / "painted.py")] + (["--db", str(db)] if db else [])
    start = time.time()
    child = subprocess.Popen(args, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    out, _ = child.communicate(timeout=120)
    painted = next(float(line.split()[1]) for line in out.splitlines() if line.startswith("first-paint "))
    return painted - start, 0


def peak_memory_mb(db: Path, home: Path) -> float:
    env = dict(os.environ, KHDESK_DATA_DIR=str(home), XDG_CONFIG_HOME=str(home), QT_QPA_PLATFORM="offscreen")
    code = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True, capture_output=True); "
            "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    out = subprocess.run([sys.executable, "-c", code, sys.executable, str(ROOT / "bench" / "painted.py"), "--db", str(db)],
                         env=env, capture_output=True, text=True, check=True).stdout
    return int(out.split()[-1]) / 1024


def window_figures(db: Path, home: Path, runs: int) -> None:
    os.environ.update(QT_QPA_PLATFORM="offscreen", KHDESK_DATA_DIR=str(home))
    sys.path.insert(0, str(ROOT))
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from khdesk.db import Store
    from khdesk.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    store = Store.open(db)
    window = MainWindow(store, QSettings(str(home / "bench.ini"), QSettings.Format.IniFormat))
    window.resize(1366, 800)
    window.show()
    app.processEvents()

    def timed(action) -> float:
        start = time.perf_counter()
        action()
        app.processEvents()
        window.table.viewport().repaint()
        return time.perf_counter() - start

    months = [window.plan_box.itemData(i) for i in range(window.plan_box.count())]
    counts = {s.plan.id: s.task_count for s in store.plans.summaries()}
    ordinary = [m for m in months if 700 <= counts[m] <= 900][: runs * 2]
    switches = [timed(lambda m=m: window.plan_box.setCurrentIndex(window.plan_box.findData(m))) for m in ordinary]
    record(f"switch to another month ({counts[ordinary[0]]} tasks)", switches, 0.150, "ms")

    biggest = max(months, key=counts.get)
    window.plan_box.setCurrentIndex(window.plan_box.findData(biggest))
    app.processEvents()
    keystrokes = []
    for _ in range(runs):
        for word in ("so y te", "quy hoach", "giai ngan"):
            for n in range(1, len(word) + 1):
                keystrokes.append(timed(lambda t=word[:n]: window.search.setText(t)))
            window.search.clear()
    record(f"filter the grid as you type ({counts[biggest]:,} tasks), per keystroke", keystrokes, 0.050, "ms")

    window.all_months.setChecked(True)
    searches = []
    for _ in range(runs):
        for query in ("so y te", "quy hoach chung", "da nang", "giai ngan von dau tu cong", "Tư pháp"):
            searches.append(timed(lambda q=query: window.search.setText(q)))
            window.search.clear()
    total = store.db.execute("SELECT count(*) FROM tasks").fetchone()[0]
    record(f"search all months, without diacritics ({total:,} tasks)", searches, 0.100, "ms")
    window.close()
    store.close()


def report_figures(big: Path, home: Path, runs: int) -> None:
    """The month's report and the plan checker on the ten-year database's biggest plan, whole process."""
    sys.path.insert(0, str(ROOT))
    from khdesk.cli import open_for_reading

    with open_for_reading(big) as store:
        summary = max(store.plans.summaries(), key=lambda s: s.task_count)
    month, count = summary.plan.month, summary.task_count
    for command, extra, target in (("report", ["-o", str(home / "report.pdf")], 10.0), ("check", [], 5.0)):
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            done = subprocess.run([sys.executable, str(ROOT / "main.py"), command, "--db", str(big), "--plan", month,
                                   *extra], capture_output=True, text=True)
            if done.returncode not in (0, 1) or (command == "report" and done.returncode):   # check: 1 = findings
                raise SystemExit(f"{command} failed: {done.stderr}")
            times.append(time.perf_counter() - start)
        what = "report PDF" if command == "report" else "plan checker"
        record(f"{what}, ten-year database, plan of {count:,} tasks (whole process)", times, target)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--big", type=Path, default=Path(tempfile.gettempdir()) / "khdesk-10-years.db")
    args = parser.parse_args()
    if not args.big.exists():
        subprocess.run([sys.executable, str(ROOT / "bench" / "make_dataset.py"), str(args.big)], check=True)
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        first_paint(None, home)                              # the first start creates the sample database
        record("window shown with the sample plan (first paint)",
               [first_paint(None, home)[0] for _ in range(args.runs)], 1.5)
        first_paint(args.big, home)                          # the day's first opening makes its backup copy
        record("same, 120 plans and 100,000 tasks", [first_paint(args.big, home)[0] for _ in range(args.runs)], 2.0)
        memory = peak_memory_mb(args.big, home)
        ROWS.append(("memory, window open on the 100,000-task database", f"{memory:.0f} MB", "", "≤ 300 MB",
                     "pass" if memory <= 300 else "FAIL"))
        window_figures(args.big, home, args.runs)
        report_figures(args.big, home, args.runs)
        for n, month in ((47, "2024-05"), (500, "2024-06"), (5000, "2024-06")):
            db = plan_database(home, n)
            times = []
            for _ in range(args.runs if n < 5000 else 3):
                start = time.perf_counter()
                subprocess.run([sys.executable, str(ROOT / "main.py"), "print", "--db", str(db), "--plan", month,
                                "--part", "appendix", "-o", str(home / "out.pdf")], check=True, capture_output=True)
                times.append(time.perf_counter() - start)
            record(f"appendix PDF, {n:,} tasks (whole process)", times, {47: 0.6, 500: 2.0, 5000: 10.0}[n])
        (home / "excel").mkdir()
        db = plan_database(home / "excel", 10_000)
        xlsx = home / "plan.xlsx"
        exports, imports = [], []
        for run in range(3):
            start = time.perf_counter()
            subprocess.run([sys.executable, str(ROOT / "main.py"), "export-xlsx", "--db", str(db), "--plan", "2024-06",
                            "-o", str(xlsx)], check=True, capture_output=True)
            exports.append(time.perf_counter() - start)
            target = home / f"import-{run}.db"
            subprocess.run([sys.executable, str(ROOT / "main.py"), "init", str(target)], check=True, capture_output=True)
            start = time.perf_counter()
            subprocess.run([sys.executable, str(ROOT / "main.py"), "import-xlsx", "--db", str(target), "--plan",
                            "2024-07", str(xlsx)], check=True, capture_output=True)
            imports.append(time.perf_counter() - start)
        record("export 10,000 tasks to Excel (whole process)", exports, 5.0)
        record("import 10,000 rows of Excel (whole process)", imports, 5.0)
    print(machine_line())
    widths = [max(len(str(r[i])) for r in ROWS + [("figure", "median", "min–max", "target", "")]) for i in range(5)]
    print(" | ".join(h.ljust(w) for h, w in zip(("figure", "median", "min–max", "target", ""), widths)))
    for row in ROWS:
        print(" | ".join(str(c).ljust(w) for c, w in zip(row, widths)))


if __name__ == "__main__":
    main()
