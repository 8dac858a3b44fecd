"""One change notice: each view refreshes only what a step changed, the view that made an edit
does not reload what the clerk is typing, and a failed step leaves no trace on the undo stack."""
from PySide6.QtCore import Qt
from test_editing import type_into

from khdesk.ui import main_window as mw
from khdesk.ui.task_model import CONTENT, LEAD


class Counter:
    def __init__(self, obj, name):
        self.calls = 0
        original = getattr(obj, name)

        def counted(*args, **kwargs):
            self.calls += 1
            return original(*args, **kwargs)
        setattr(obj, name, counted)


def test_a_content_edit_updates_one_row_and_leaves_the_tree_and_the_pane_alone(window, qtbot):
    window.select_row(5)
    fills, rebuilds = Counter(window.detail, "_fill"), Counter(window.tree, "rebuild")
    resets, rows = [], []
    window.model.modelReset.connect(lambda: resets.append(1))
    window.model.dataChanged.connect(lambda a, b: rows.append((a.row(), b.row())))
    content = window.detail.content
    content.setFocus()
    content.moveCursor(content.textCursor().MoveOperation.End)
    type_into(content, " (bổ sung)")
    cursor = content.textCursor().position()
    window.table.setFocus()                                     # leaving the box saves it
    qtbot.waitUntil(lambda: window.model.task(5).content.endswith(" (bổ sung)"))
    task = window.model.task(5)
    assert task.content.endswith(" (bổ sung)") and window.proxy.index(5, CONTENT).data() == task.content
    assert rows == [(5, 5)] and resets == [] and rebuilds.calls == 0
    assert fills.calls == 1 and content.textCursor().position() == cursor   # (only the title and lists)
    window.undo_action.trigger()                                # undo comes from the stack: the pane reloads
    assert not window.detail.content.toPlainText().endswith(" (bổ sung)")


def test_a_lead_edit_rebuilds_the_tree_once(window, qtbot):
    store = window.session.store
    rebuilds = Counter(window.tree, "rebuild")
    y_te = store.agencies.find("Sở Y tế")
    assert window.proxy.setData(window.proxy.index(0, LEAD), y_te.id, Qt.ItemDataRole.EditRole)
    assert rebuilds.calls == 1
    assert window.tree.model.findItems("Sở Y tế (4)", Qt.MatchFlag.MatchRecursive)


def test_a_failed_step_is_not_on_the_undo_stack(window, monkeypatch):
    messages = []
    monkeypatch.setattr(mw, "show_error", lambda parent, message, *a: messages.append(message))
    store = window.session.store
    before = window.session.undo_stack.count()
    pages = store.db.execute("PRAGMA page_count").fetchone()[0]
    store.db.execute(f"PRAGMA max_page_count = {pages}")
    window.select_row(0)
    window.detail.content.setPlainText("Nội dung rất dài " * 3000)
    window.session.flush_pending()
    assert messages and window.session.undo_stack.count() == before
    store.db.execute(f"PRAGMA max_page_count = {pages * 1000}")
    assert window.proxy.setData(window.proxy.index(1, LEAD), store.agencies.find("Sở Y tế").id,
                                Qt.ItemDataRole.EditRole)
    assert window.session.undo_stack.count() == before + 1


def test_typed_text_is_saved_before_any_menu_action(window, qtbot, monkeypatch):
    """Ctrl+P while the cursor is still in the content box: what is typed is saved first."""
    from khdesk.errors import KhdeskError
    from khdesk.usecases import printing

    seen = {}

    def prepare(store, month, part, **options):
        seen["content"] = store.tasks.get(window.current_task_id()).content
        raise KhdeskError("dừng ở đây")

    monkeypatch.setattr(printing, "prepare", prepare)
    monkeypatch.setattr("khdesk.ui.printing_area.show_error", lambda *a: None)
    window.select_row(2)
    content = window.detail.content
    content.setFocus()
    content.moveCursor(content.textCursor().MoveOperation.End)
    type_into(content, " — đã sửa")
    qtbot.keyClick(content, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert seen["content"].endswith(" — đã sửa")
    assert window.undo_action.text() == "Hoàn tác Sửa nội dung"
