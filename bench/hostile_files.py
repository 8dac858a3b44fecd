"""How long a crafted spreadsheet takes to be refused (or clipped), and the memory it costs, as
`main.py import-xlsx` meets it (whole process). Issue 13's files, built by tests/hostile_xlsx.py.

    .venv/bin/python bench/hostile_files.py
"""
from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

from datasets import machine_line

ROOT = Path(__file__).resolve().parent.parent
# name → (builder in tests/hostile_xlsx.py, its keyword arguments)
FILES = {
    "one merged range D1:XFD1048576": ("merged_to_the_end", {}),
    "one cell at XFD1048576": ("cell_at_the_end", {}),
    "a 1,000,000-char shared string in 500 rows": ("huge_shared_string", {}),
    "a 30,000-char shared string in 1,000 rows": ("huge_shared_string", {"length": 30_000, "rows": 1000}),
    "zip headers lying about 400 MB": ("lying_sizes", {}),
    "a plain zip bomb of 400 MB": ("lying_sizes", {"honest_headers": True}),
    "a NUL in the sheet XML": ("nul_in_sheet", {}),
}
# built in a process of its own: a child started from a process that grew keeps its high-water mark
BUILD = "import sys; sys.path.insert(0, sys.argv[1]); import hostile_xlsx, pathlib; " \
        "getattr(hostile_xlsx, sys.argv[2])(pathlib.Path(sys.argv[3]), **eval(sys.argv[4]))"


MEASURED = """
import resource, runpy, sys
out, sys.argv = sys.argv[1], sys.argv[2:]
try:
    runpy.run_path(sys.argv[0], run_name="__main__")
except SystemExit as stop:
    code = stop.code
else:
    code = 0
open(out, "w").write(str(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024))
sys.exit(code)
"""


def main() -> None:
    from khdesk.usecases.sample_data import new_database

    print(machine_line())
    print(f"{'file':46} {'size':>9} {'seconds':>8} {'max MB':>7}  result")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for i, (name, (builder, kwargs)) in enumerate(FILES.items()):
            db = folder / f"{i}.db"
            new_database(db, sample=True).close()
            path = folder / f"{i}.xlsx"
            subprocess.run([sys.executable, "-c", BUILD, str(ROOT / "tests"), builder, str(path), repr(kwargs)],
                           check=True)
            start = time.perf_counter()
            result = subprocess.run([sys.executable, "-c", MEASURED, str(folder / "rss"), str(ROOT / "main.py"),
                                     "import-xlsx", "--db", str(db), "--plan", "2026-01", str(path)],
                                    capture_output=True, text=True)
            seconds = time.perf_counter() - start
            peak = int((folder / "rss").read_text())
            outcome = (result.stderr or result.stdout).strip().splitlines()[0][:60]
            print(f"{name:46} {path.stat().st_size:>9,} {seconds:>8.2f} {peak:>7}  {result.returncode}: {outcome}")


if __name__ == "__main__":
    main()
