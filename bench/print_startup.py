"""What `main.py print` of the 47-task sample costs against a plain reportlab table of the same rows, both as
whole processes (start-up and imports included), and what importing the command line costs (issue 28: aim at
most 1.2×).

    .venv/bin/python bench/print_startup.py [--runs 7]
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from datasets import machine_line

ROOT = Path(__file__).resolve().parent.parent

# The floor: the seed's 47 rows in a three-column reportlab table, the bundled font, nothing of khdesk.
PLAIN = r"""
import json, sys
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle
fonts, rows, out = sys.argv[1], json.loads(open(sys.argv[2], encoding="utf-8").read()), sys.argv[3]
pdfmetrics.registerFont(TTFont("S", fonts + "/LiberationSerif-Regular.ttf"))
style = ParagraphStyle("t", fontName="S", fontSize=13, leading=16)
data = [[Paragraph(str(i), style), Paragraph(text, style), Paragraph(lead, style)] for i, (text, lead) in
        enumerate(rows, 1)]
table = Table(data, colWidths=[12 * mm, 106 * mm, 47 * mm], repeatRows=0)
table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "black"), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
SimpleDocTemplate(out, pagesize=A4, leftMargin=30 * mm, rightMargin=15 * mm).build([table])
"""


# As installed: the bundle's modules are compiled once; a shell with PYTHONDONTWRITEBYTECODE=1 would compile
# every module of khdesk from source on every run (about 0.1 s here) and measure that instead.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def timed(args: list[str], runs: int) -> list[float]:
    subprocess.run(args, check=True, capture_output=True, env=ENV)          # a first run writes the .pyc files
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(args, check=True, capture_output=True, env=ENV)
        times.append(time.perf_counter() - start)
    return times


def line(name: str, times: list[float]) -> str:
    return f"{name:52} {statistics.median(times):6.2f} s  ({min(times):.2f}–{max(times):.2f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    sys.path.insert(0, str(ROOT))
    from khdesk.usecases.sample_data import new_database

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        with new_database(folder / "k.db", sample=True) as store:
            plan = store.plans.by_month("2024-05")
            names = {a.id: a.print_name for a in store.agencies.all()}
            rows = [(t.content, names[t.lead_agency_ids[0]]) for t in store.tasks.of_plan(plan.id)]
        (folder / "rows.json").write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
        khdesk = timed([sys.executable, str(ROOT / "main.py"), "print", "--db", str(folder / "k.db"), "--plan",
                        "2024-05", "-o", str(folder / "a.pdf")], runs)
        plain = timed([sys.executable, "-c", PLAIN, str(ROOT / "resources" / "fonts"), str(folder / "rows.json"),
                       str(folder / "b.pdf")], runs)
        version = timed([sys.executable, str(ROOT / "main.py"), "--version"], runs)
        bare = timed([sys.executable, "-c", "pass"], runs)
    print(machine_line())
    print(line("main.py print, the 47-task sample appendix", khdesk))
    print(line("plain reportlab table of the same 47 rows", plain))
    print(line("main.py --version (start-up and the command line)", version))
    print(line("python -c pass", bare))
    print(f"ratio print / plain reportlab: {statistics.median(khdesk) / statistics.median(plain):.2f}× (aim ≤ 1.2×)")


if __name__ == "__main__":
    main()
