"""Message boxes with Vietnamese buttons (Qt ships no Vietnamese translation of its own)."""
from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox, QMessageBox, QWidget


def show_error(parent: QWidget | None, message: str, title: str = "khdesk — Lỗi") -> None:
    box = QMessageBox(QMessageBox.Icon.Warning, title, message, parent=parent)
    box.addButton("Đóng", QMessageBox.ButtonRole.AcceptRole)
    box.exec()


def show_info(parent: QWidget | None, message: str, title: str = "khdesk") -> None:
    box = QMessageBox(QMessageBox.Icon.Information, title, message, parent=parent)
    box.addButton("Đóng", QMessageBox.ButtonRole.AcceptRole)
    box.exec()


def confirm(parent: QWidget | None, message: str, yes: str = "Đồng ý", no: str = "Hủy",
            title: str = "khdesk") -> bool:
    box = QMessageBox(QMessageBox.Icon.Question, title, message, parent=parent)
    yes_button = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    box.addButton(no, QMessageBox.ButtonRole.RejectRole)
    box.exec()
    return box.clickedButton() is yes_button


def vietnamese_buttons(buttons: QDialogButtonBox) -> QDialogButtonBox:
    """Give a dialog's standard buttons Vietnamese labels."""
    labels = {QDialogButtonBox.StandardButton.Ok: "Đồng ý", QDialogButtonBox.StandardButton.Cancel: "Hủy",
              QDialogButtonBox.StandardButton.Save: "Lưu", QDialogButtonBox.StandardButton.Close: "Đóng",
              QDialogButtonBox.StandardButton.Yes: "Có", QDialogButtonBox.StandardButton.No: "Không"}
    for standard, label in labels.items():
        button = buttons.button(standard)
        if button is not None:
            button.setText(label)
    return buttons


def ok_cancel_buttons(dialog) -> QDialogButtonBox:
    """"Đồng ý" and "Hủy" buttons wired to the dialog's accept and reject."""
    buttons = vietnamese_buttons(QDialogButtonBox(QDialogButtonBox.StandardButton.Ok |
                                                  QDialogButtonBox.StandardButton.Cancel))
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


def fit_to_screen(widget: QWidget, width: int, height: int) -> None:
    """Resize a window or dialog to the size it wants, but never larger than the screen it opens on."""
    screen = widget.screen() or (widget.parentWidget().screen() if widget.parentWidget() else None)
    if screen is not None:
        area = screen.availableGeometry()
        width, height = min(width, int(area.width() * 0.95)), min(height, int(area.height() * 0.9))
    widget.resize(width, height)
