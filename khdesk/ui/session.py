"""The open database as the window sees it: the store, the undo stack, and one change notice
saying what each step changed, so that every view refreshes only what it shows.

Every change goes through ``Session.execute(command, source)``: the undo stack pushes the command,
which runs it (one transaction in the store) — the same path as every later redo and undo. A
command that fails (disk full, file gone, a refused action) marks itself obsolete, so the stack
drops it; the clerk gets a Vietnamese message and the views reload what the file really holds.

Text typed but not yet saved (the detail pane's boxes) is flushed in one place: before any command
runs (``flush_pending``), and by the window before it prints, exports, switches plan or closes.
"""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from ..db import Store
from ..errors import KhdeskError

UNDO_LIMIT = 200


@dataclass(frozen=True)
class Change:
    """What one step changed. ``task_ids`` None means rows came or went or moved (the plan's list
    must be read again); a set means those tasks were edited in place, in ``fields``."""
    plan_id: int | None = None
    task_ids: frozenset[int] | None = None
    fields: frozenset[str] = frozenset()
    plans: bool = False                 # a plan was added, removed or its header edited
    agencies: bool = False              # agencies added, renamed, moved, merged, retired
    everything: bool = False            # read it all again (after a failure, a restore, another file)
    source: object = None               # who made it (that view already shows it); None for undo/redo

    def touches(self, plan_id: int | None) -> bool:
        """Whether the tasks of ``plan_id`` may look different now."""
        return self.everything or self.agencies or (plan_id is not None and self.plan_id == plan_id)

    @property
    def rows_changed(self) -> bool:
        return self.everything or self.agencies or (self.plan_id is not None and self.task_ids is None)

    @property
    def leads_changed(self) -> bool:
        """Whether which agency leads which task (the tree's counts) may have changed."""
        return self.rows_changed or "lead_agency_ids" in self.fields

    def made_by(self, view) -> bool:
        return self.source is not None and self.source is view


EVERYTHING = Change(plans=True, agencies=True, everything=True)


class Session(QObject):
    changed = Signal(object)            # a Change
    errorRaised = Signal(str)           # a message for the clerk

    def __init__(self, store: Store, parent=None):
        super().__init__(parent)
        self.store = store
        self.undo_stack = QUndoStack(self)
        self.undo_stack.setUndoLimit(UNDO_LIMIT)
        self._flushers: list = []
        self._flushing = False

    # ----- unsaved text ----------------------------------------------------------------------
    def add_flusher(self, owner, flush) -> None:
        """``flush()`` saves what ``owner`` holds typed but not yet saved (it may execute commands)."""
        self._flushers.append((owner, flush))

    def flush_pending(self, skip=None) -> None:
        """Save every view's unsaved text (but ``skip``'s: it is saving its own right now)."""
        if self._flushing:
            return
        self._flushing = True
        try:
            for owner, flush in self._flushers:
                if owner is not skip:
                    flush()
        finally:
            self._flushing = False

    # ----- commands --------------------------------------------------------------------------
    def execute(self, command: Command, source=None) -> bool:
        """Run a command and, if it worked, make it undoable. Returns whether it worked.
        ``source`` is the view that made the edit (it already shows it)."""
        self.flush_pending(skip=source)      # what was typed elsewhere is saved first, as its own step
        command.source = source
        self.undo_stack.push(command)        # push() runs redo(); a failed command is obsolete and dropped
        return command.ok

    def guard(self, work) -> bool:
        """Run ``work``; a KhdeskError or a database failure becomes a message, not a crash."""
        try:
            work()
            return True
        except KhdeskError as err:
            self.errorRaised.emit(str(err))
        except Exception as err:          # the database's own failures: disk full, locked, I/O
            from ..db.failures import database_failure

            reason = database_failure(err)
            if reason is None:
                raise
            self.errorRaised.emit(f"Không lưu được thay đổi: {reason}. Dữ liệu trong tệp vẫn như trước.")
        return False

    def notify(self, change: Change) -> None:
        self.changed.emit(change)

    def refresh_all(self) -> None:
        self.changed.emit(EVERYTHING)


class Command(QUndoCommand):
    """An undoable change. Subclasses implement ``apply`` (do or redo) and ``revert`` (undo),
    each a store call in one transaction, and ``change`` (what the step changed)."""

    def __init__(self, session: Session, text: str):
        super().__init__(text)
        self.session = session
        self.store = session.store
        self.source = None
        self.ok = False

    def apply(self) -> None:
        raise NotImplementedError

    def revert(self) -> None:
        raise NotImplementedError

    def change(self) -> Change:
        raise NotImplementedError

    def redo(self) -> None:
        self._run(self.apply)
        self.source = None               # later redos come from the stack: every view reloads

    def undo(self) -> None:
        self._run(self.revert)

    def _run(self, work) -> None:
        self.ok = self.session.guard(work)
        if self.ok:
            self.session.notify(self._stamped())
        else:                              # the history no longer matches the file: start afresh
            self.setObsolete(True)
            self.session.refresh_all()

    def _stamped(self) -> Change:
        from dataclasses import replace

        return replace(self.change(), source=self.source)
