"""A hard crash leaves its trace: the window once vanished with nothing on stderr and no log. A fault
in native code ends the process before any Python handler runs; the stack goes to khdesk-loi.log."""
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CRASH = """
import faulthandler, sys
sys.path.insert(0, sys.argv[1])
from khdesk.system.error_log import enable_crash_log
print(enable_crash_log(), flush=True)
def paste_five_thousand_rows():
    faulthandler._sigsegv()          # what a fault inside Qt does to the process
paste_five_thousand_rows()
"""


def test_a_hard_crash_writes_the_stack_into_the_error_log(tmp_path):
    env = {**os.environ, "KHDESK_DATA_DIR": str(tmp_path / "data"), "PYTHONIOENCODING": "utf-8"}
    result = subprocess.run([sys.executable, "-c", CRASH, str(ROOT)], capture_output=True, env=env, timeout=120)
    assert result.returncode != 0                                    # the process did die
    log = tmp_path / "data" / "khdesk-loi.log"
    assert result.stdout.decode("utf-8").strip() == str(log)
    text = log.read_text(encoding="utf-8")
    assert "Fatal Python error" in text and "paste_five_thousand_rows" in text

