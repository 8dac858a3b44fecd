"""Time from `python main.py` to the first paint of the task grid, on the real window.

    .venv/bin/python bench/first_paint.py [--runs 7] [--platform offscreen|xcb]

The app is started as a clerk starts it (a fresh process, the default database with the sample
plan) through bench/painted.py, which prints the moment the grid has painted and quits.
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

from datasets import machine_line

ROOT = Path(__file__).resolve().parent.parent


def once(env: dict) -> float:
    start = time.time()
    out = subprocess.run([sys.executable, str(ROOT / "bench" / "painted.py")], env=env, capture_output=True, text=True,
                         timeout=120)
    for line in out.stdout.splitlines():
        if line.startswith("first-paint "):
            return float(line.split()[1]) - start
    raise SystemExit(f"no first paint: {out.stderr[-500:]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--platform", default="offscreen")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as data:
        # as installed: compiled modules (a shell with PYTHONDONTWRITEBYTECODE=1 compiles every start)
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env.update(KHDESK_DATA_DIR=data, QT_QPA_PLATFORM=args.platform, XDG_CONFIG_HOME=data)
        once(env)                                   # the first start creates the database
        times = [once(env) for _ in range(args.runs)]
    print(machine_line())
    print(f"window shown with the sample plan, time to first paint of the grid: median "
          f"{statistics.median(times):.2f} s, min–max {min(times):.2f}–{max(times):.2f} s ({args.runs} runs; "
          "target ≤ 1.5 s)")


if __name__ == "__main__":
    main()
