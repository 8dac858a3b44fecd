"""Khôi phục từ bản sao lưu: the backup copies of the open file, with date, reason and plan count."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout

from ..db.backups import BACKUP_DIR_NAME, Backup, list_backups
from .messages import fit_to_screen, ok_cancel_buttons


class RestoreDialog(QDialog):
    def __init__(self, parent, db_path: Path):
        super().__init__(parent)
        self.setWindowTitle("Khôi phục từ bản sao lưu")
        self.backups: list[Backup] = list_backups(db_path)
        self.list = QTreeWidget()
        self.list.setHeaderLabels(["Thời điểm", "Lý do", "Số kế hoạch", "Tệp"])
        self.list.setRootIsDecorated(False)
        for backup in self.backups:
            count = backup.plan_count()
            item = QTreeWidgetItem([backup.taken.strftime("%d/%m/%Y %H:%M:%S"), backup.reason_label,
                                    "không đọc được" if count is None else str(count), backup.path.name])
            self.list.addTopLevelItem(item)
        if self.backups:
            self.list.setCurrentItem(self.list.topLevelItem(0))
        for column, width in ((0, 150), (1, 260), (2, 90)):
            self.list.setColumnWidth(column, width)
        note = QLabel(f"Các bản sao lưu nằm trong thư mục «{BACKUP_DIR_NAME}» bên cạnh tệp dữ liệu. "
                      "Khôi phục sẽ sao lưu dữ liệu hiện tại trước."
                      if self.backups else "Chưa có bản sao lưu nào cho tệp này.")
        note.setWordWrap(True)
        buttons = ok_cancel_buttons(self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Khôi phục bản đã chọn")
        buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.backups))
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        fit_to_screen(self, 760, 420)

    def chosen(self) -> Backup | None:
        index = self.list.indexOfTopLevelItem(self.list.currentItem()) if self.list.currentItem() else -1
        return self.backups[index] if index >= 0 else None
