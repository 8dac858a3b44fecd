"""The database file: open, save a copy, back up and restore, recent files, the title (a part of
``MainWindow``)."""
from __future__ import annotations

from pathlib import Path

from ..db import Store
from .file_dialogs import ask
from .messages import confirm, show_error
from .opening import open_with_questions

MAX_RECENT = 8


class FilesArea:
    """Mixed into ``MainWindow``: uses its session, settings, model and panes."""

    def open_file(self, path: str | None = None) -> None:
        if not path:
            path = ask(self, self.settings, "Mở tệp dữ liệu khdesk", "Dữ liệu khdesk (*.db);;Mọi tệp (*)",
                       folder=str(self.session.store.path.parent))
        if not path:
            return
        store = open_with_questions(self, lambda: Store.open(path))
        if store is None:
            return
        if store.warning:
            show_error(self, store.warning, "khdesk — Lưu ý")
        old = self.session.store
        self.session.store = store
        self.session.undo_stack.clear()
        old.close()
        self.plan_id = None
        self.session.refresh_all()
        self._remember(store.path)
        self._set_title()

    def save_copy(self) -> None:
        store_path = self.session.store.path
        path = ask(self, self.settings, "Lưu bản sao", "Dữ liệu khdesk (*.db)", save_as=store_path.stem + "-ban-sao.db",
                   folder=str(store_path.parent))
        if path:
            self.session.guard(lambda: self.session.store.copy_to(path))

    def backup_now(self) -> None:
        def work():
            path = self.session.store.backup("thu-cong")
            self.statusBar().showMessage(f"Đã sao lưu vào «{path}».", 8000)
        self.session.guard(work)

    def restore_backup(self) -> None:
        from .backup_dialog import RestoreDialog

        dialog = RestoreDialog(self, self.session.store.path)
        if not dialog.exec() or dialog.chosen() is None:
            return
        chosen = dialog.chosen()
        if not confirm(self, f"Thay toàn bộ dữ liệu hiện tại bằng bản sao lưu lúc {chosen.taken:%H:%M %d/%m/%Y}? "
                             "Dữ liệu hiện tại được sao lưu trước.", yes="Khôi phục", no="Hủy"):
            return

        def work():
            safety = self.session.store.restore_from(chosen.path)
            self.statusBar().showMessage(f"Đã khôi phục. Dữ liệu trước đó được lưu ở «{safety.name}».", 10000)
        if self.session.guard(work):
            self.session.undo_stack.clear()
            self.plan_id = None
            self.session.refresh_all()
            self._reload_plans()

    def _remember(self, path: Path) -> None:
        recent = [p for p in self.settings.value("recent", [], list) if p != str(path)]
        self.settings.setValue("recent", [str(path)] + recent[:MAX_RECENT - 1])
        self.settings.setValue("last_file", str(path))
        self._rebuild_recent()

    def _rebuild_recent(self) -> None:
        self.recent_menu.clear()
        for path in self.settings.value("recent", [], list):
            action = self.recent_menu.addAction(path)
            action.triggered.connect(lambda _checked=False, p=path: self.open_file(p))
        self.recent_menu.setEnabled(bool(self.recent_menu.actions()))

    def _set_title(self) -> None:
        store = self.session.store
        self.setWindowTitle(f"khdesk — {store.path}" + (" (chỉ đọc)" if store.read_only else ""))
        self._apply_editability()
        self.tree.setEnabled(True)
        for button in self.tree.buttons.values():
            button.setVisible(not store.read_only)
