"""The commands that read a whole plan, on a plan at the limit (5,000 tasks, ``khdesk/limits.py``) and on a
crafted database whose one plan holds 1,000,000 tasks (refused at opening as a damaged file): seconds and
peak memory of the whole process (issue 27: `check` took 40 s and 3.1 GB there, `print` and
`export-results` did not finish in 100 s).

    .venv/bin/python bench/at_the_limit.py
"""
from __future__ import annotations

import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from datasets import machine_line, plan_database
from hostile_files import MEASURED

ROOT = Path(__file__).resolve().parent.parent


def crafted(folder: Path, tasks: int) -> Path:
    """The sample database with ``tasks`` more tasks written straight into its May plan (as an attacker
    would: khdesk itself refuses the 5,001st)."""
    from khdesk.usecases.sample_data import new_database

    path = folder / f"crafted-{tasks}.db"
    new_database(path, sample=True).close()
    conn = sqlite3.connect(path)
    with conn:
        plan_id, first = conn.execute("SELECT plan_id, min(id) FROM tasks").fetchone()
        conn.execute("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?) "
                     "INSERT INTO tasks (plan_id, position, content) SELECT ?, 47 + i, 'Nhiệm vụ ' || i FROM n",
                     (tasks, plan_id))
    conn.close()
    return path


def run(folder: Path, *args: str) -> tuple[float, int, int, str]:
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-c", MEASURED, str(folder / "rss"), str(ROOT / "main.py"), *args],
                            capture_output=True, text=True, timeout=600)
    seconds = time.perf_counter() - start
    line = (result.stderr or result.stdout).strip().splitlines()
    return seconds, int((folder / "rss").read_text()), result.returncode, (line[-1] if line else "")[:70]


def main() -> None:
    print(machine_line())
    print(f"{'database':28} {'command':16} {'seconds':>8} {'max MB':>7}  result")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        cases = [("plan of 5,000 tasks", plan_database(folder, 5000), "2024-06"),
                 ("one plan of 1,000,000 tasks", crafted(folder, 1_000_000), "2024-05")]
        for name, db, month in cases:
            with sqlite3.connect(db) as conn:
                agency = conn.execute("SELECT a.name FROM task_leads l JOIN tasks t ON t.id = l.task_id JOIN plans p "
                                      "ON p.id = t.plan_id JOIN agencies a ON a.id = l.agency_id WHERE p.month = ? "
                                      "GROUP BY a.id ORDER BY count(*) DESC LIMIT 1", (month,)).fetchone()[0]
            commands = {"check": ["check", "--db", str(db), "--plan", month],
                        "print appendix": ["print", "--db", str(db), "--plan", month, "-o", str(folder / "a.pdf")],
                        "report": ["report", "--db", str(db), "--plan", month, "-o", str(folder / "r.pdf")],
                        "export-results": ["export-results", "--db", str(db), "--plan", month, "--agency", agency,
                                           "-o", str(folder / "k.xlsx")]}
            for command, args in commands.items():
                seconds, peak, code, line = run(folder, *args)
                print(f"{name:28} {command:16} {seconds:>8.2f} {peak:>7}  {code}: {line}")
                for out in folder.glob("[ark].*"):
                    out.unlink()


if __name__ == "__main__":
    main()
