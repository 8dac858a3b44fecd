"""Makes edits through the window's own code (Session + undoable commands) as fast as it can and
reports each one the moment it is committed, until it is killed. Used by test_crash_safety.py.

    python crash_worker.py DB SEED
"""
import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication  # noqa: E402

from khdesk.db import Store  # noqa: E402
from khdesk.ui.commands import AddTask, EditTask  # noqa: E402
from khdesk.ui.session import Session  # noqa: E402


def main() -> None:
    path, seed = sys.argv[1], sys.argv[2]
    app = QCoreApplication([])
    store = Store.open(path, daily_backup=False)
    session = Session(store, app)
    plan = store.plans.summaries()[0].plan
    lead = store.agencies.find("Sở Y tế").id
    print("ready", flush=True)
    n = 0
    while True:
        n += 1
        marker = f"{seed}-{n}"
        add = AddTask(session, plan.id, None, content=f"Nhiệm vụ {marker} – Đà Nẵng & <KH&CN>", lead_agency_ids=(lead,))
        if session.execute(add):
            print(f"add {marker}", flush=True)
        if n % 2 == 0 and session.execute(EditTask(session, add.task.id, result_note=f"kết quả {marker}")):
            print(f"edit {marker}", flush=True)
        if n % 5 == 0:                         # undo the last step (the edit, or the add when n is odd)
            print(f"undo-start {marker}", flush=True)
            session.undo_stack.undo()
            print(f"undo {marker}", flush=True)


if __name__ == "__main__":
    main()
