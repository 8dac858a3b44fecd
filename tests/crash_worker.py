"""Makes edits as fast as it can and reports each one the moment it is committed, until it is
killed. Used by test_crash_safety.py.

    python crash_worker.py DB SEED window   # through the window's own code (Session + undoable commands)
    python crash_worker.py DB SEED store    # through the database layer alone (no Qt: runs under Wine)
"""
import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from khdesk.db import Store

TEXT = "Nhiệm vụ {} – Đà Nẵng & <KH&CN>"


def through_window(store: Store, plan, lead: int) -> None:
    from PySide6.QtCore import QCoreApplication

    from khdesk.ui.commands import AddTask, EditTask
    from khdesk.ui.session import Session

    app = QCoreApplication([])
    session = Session(store, app)
    n = 0
    while True:
        n += 1
        marker = f"{SEED}-{n}"
        add = AddTask(session, plan.id, None, content=TEXT.format(marker), lead_agency_ids=(lead,))
        if session.execute(add):
            print(f"add {marker}", flush=True)
        if n % 2 == 0 and session.execute(EditTask(session, add.task.id, result_note=f"kết quả {marker}")):
            print(f"edit {marker}", flush=True)
        if n % 5 == 0:                         # undo the last step (the edit, or the add when n is odd)
            print(f"undo-start {marker}", flush=True)
            session.undo_stack.undo()
            print(f"undo {marker}", flush=True)


def through_store(store: Store, plan, lead: int) -> None:
    n = 0
    while True:
        n += 1
        marker = f"{SEED}-{n}"
        task = store.tasks.add(plan.id, TEXT.format(marker), (lead,))
        print(f"add {marker}", flush=True)
        if n % 2 == 0:
            store.tasks.update(task.id, result_note=f"kết quả {marker}")
            print(f"edit {marker}", flush=True)


if __name__ == "__main__":
    path, SEED, how = sys.argv[1:4]
    opened = Store.open(path, daily_backup=False)
    plan = opened.plans.summaries()[0].plan
    if plan.locked:                     # the clerk chose «Sửa kế hoạch đã ban hành…» (the sample plan is issued)
        plan = opened.plans.update(plan.id, reopened_at="2024-05-14 08:00")
    print("ready", flush=True)
    {"window": through_window, "store": through_store}[how](opened, plan,
                                                           opened.agencies.find("Sở Y tế").id)
