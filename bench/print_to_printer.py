"""Printing from the print preview, as the clerk waits for it: the pages go to the printer on a worker
thread while the window keeps answering. For the 9-page sample plan and a 50-page plan, through a
QPrinter at HighResolution (1,200 dpi) writing a PDF (the printer a test machine has), it prints a
table: pages, seconds from «In» to the last page sent, the longest the window went without handling
an event meanwhile, the process's peak memory, and the output's size.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/print_to_printer.py

Each size runs in a fresh process (peak memory is the whole process's: Qt, the preview, the pages).
Before (2026-12-04): 9 pages took about 60 s on the UI thread with no repaint, peak 1.3 GB, 73 MB out.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from datasets import ROOT, machine_line, plan_database

CHILD = r"""
import json, resource, sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication
from khdesk.db import Store
from khdesk.ui.main_window import MainWindow

app = QApplication([])
store = Store.open(sys.argv[2])
window = MainWindow(store, QSettings(sys.argv[4] + ".ini", QSettings.Format.IniFormat))
window.show()
window.select_plan(store.plans.by_month(sys.argv[3]).id)
preview = window.print_plan()
while not preview.print_button.isEnabled():
    app.processEvents(); time.sleep(0.01)
printer = QPrinter(QPrinter.PrinterMode.HighResolution)
printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
printer.setOutputFileName(sys.argv[4])
printer.setFullPage(True)
gaps, last = [], [time.perf_counter()]
def tick():
    now = time.perf_counter(); gaps.append(now - last[0]); last[0] = now
timer = QTimer(); timer.timeout.connect(tick); timer.start(10)
start = time.perf_counter()
worker = preview.print_pages(printer)
while not (worker.isFinished() and preview.print_button.isEnabled()):
    app.processEvents(); time.sleep(0.002)
seconds = time.perf_counter() - start
timer.stop()
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
print(json.dumps({"pages": preview.pages, "seconds": seconds, "gap": max(gaps or [0]), "peak": peak,
                  "status": preview.status.text()}))
preview.reject(); window.close(); store.close()
"""


def main() -> None:
    print(machine_line())
    print(f"{'tasks':>6} {'pages':>6} {'seconds':>8} {'longest UI gap':>15} {'peak memory':>12} {'output':>9}")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for n_tasks, month in ((47, "2024-05"), (450, "2024-06")):
            db = plan_database(folder, n_tasks)
            out = folder / f"printed-{n_tasks}.pdf"
            env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
                       KHDESK_DATA_DIR=str(folder / "data"))
            result = subprocess.run([sys.executable, "-c", CHILD, str(ROOT), str(db), month, str(out)],
                                    capture_output=True, text=True, env=env)
            line = next((text for text in result.stdout.splitlines() if text.startswith("{")), None)
            if result.returncode or line is None:
                raise SystemExit(result.stderr[-2000:])
            f = json.loads(line)
            print(f"{n_tasks:>6} {f['pages']:>6} {f['seconds']:>8.2f} {f['gap'] * 1000:>12.0f} ms "
                  f"{f['peak'] / 2**20:>9.0f} MB {out.stat().st_size / 2**20:>6.1f} MB")


if __name__ == "__main__":
    time.perf_counter()
    main()
