"""The open database as the window sees it: the store, the undo stack, and signals saying what
changed, so that every view refreshes from the file after each edit.

Every change goes through ``Session.execute(command)``: the command runs (one transaction in the
store), and only when it succeeded is it put on the undo stack. A failure (disk full, file gone,
a refused action) is shown as a Vietnamese message and the views reload what the file really holds.
"""
from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from ..db import Store
from ..errors import KhdeskError

UNDO_LIMIT = 200


class Session(QObject):
    tasksChanged = Signal(int)          # the plan whose tasks changed
    agenciesChanged = Signal()
    plansChanged = Signal()
    errorRaised = Signal(str)           # a message for the clerk

    def __init__(self, store: Store, parent=None):
        super().__init__(parent)
        self.store = store
        self.undo_stack = QUndoStack(self)
        self.undo_stack.setUndoLimit(UNDO_LIMIT)

    def execute(self, command: "Command") -> bool:
        """Run a command and, if it worked, make it undoable. Returns whether it worked."""
        if not self.guard(command.apply):
            self.refresh_all()
            return False
        command.done_once = True
        self.undo_stack.push(command)     # push() calls redo(), which knows the work is done
        command.notify()
        return True

    def guard(self, work) -> bool:
        """Run ``work``; a KhdeskError or a database failure becomes a message, not a crash."""
        try:
            work()
            return True
        except KhdeskError as err:
            self.errorRaised.emit(str(err))
        except Exception as err:          # sqlite3 errors: disk full, locked, I/O
            import sqlite3

            if not isinstance(err, sqlite3.Error):
                raise
            from ..db.store import sqlite_reason

            self.errorRaised.emit(f"Không lưu được thay đổi: {sqlite_reason(err)}. Dữ liệu trong tệp vẫn như trước.")
        return False

    def refresh_all(self) -> None:
        self.agenciesChanged.emit()
        self.plansChanged.emit()
        for summary in self.store.plans.summaries():
            self.tasksChanged.emit(summary.plan.id)


class Command(QUndoCommand):
    """An undoable change. Subclasses implement ``apply`` (do or redo) and ``revert`` (undo),
    each a store call in one transaction, and ``notify`` (which signals to send)."""

    def __init__(self, session: Session, text: str):
        super().__init__(text)
        self.session = session
        self.store = session.store
        self.done_once = False
        self._skip_next_redo = True

    def apply(self) -> None:
        raise NotImplementedError

    def revert(self) -> None:
        raise NotImplementedError

    def notify(self) -> None:
        raise NotImplementedError

    def redo(self) -> None:
        if self._skip_next_redo:          # the first redo is the push after execute() did the work
            self._skip_next_redo = False
            return
        self._run(self.apply)

    def undo(self) -> None:
        self._run(self.revert)

    def _run(self, work) -> None:
        if self.session.guard(work):
            self.notify()
        else:                              # the history no longer matches the file: start afresh
            self.setObsolete(True)
            self.session.refresh_all()
