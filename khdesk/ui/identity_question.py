"""The question for a file found away from where it was made (``db/identity.py``), asked when it matters:
before a result sheet is exported or taken in. «Tệp dữ liệu mới» gives the file its own signing key;
«Vẫn là tệp đó» keeps it (not offered while the original is still where it was made)."""
from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from ..errors import KhdeskError
from .messages import show_error

NEW, MOVED = "Tệp dữ liệu mới (bản sao)", "Vẫn là tệp đó, đã chuyển chỗ"


def identity_box(parent: QWidget | None, store) -> QMessageBox:
    found = store.identity()
    if found.original_there:
        text = (f"Tệp này là bản sao của «{found.made_for}» — tệp đó vẫn còn.\n\nBảng kết quả xuất từ bản sao "
                "sẽ chỉ nhập được vào bản sao, và bảng của tệp gốc không nhập vào bản sao. Coi bản sao này là một "
                "tệp dữ liệu mới?")
    else:
        text = (f"Tệp này được tạo ở «{found.made_for}» và đã được chép hoặc chuyển sang «{store.path}».\n\n"
                "Nếu vẫn là tệp đó (đã chuyển chỗ), bảng kết quả đã gửi cho các cơ quan vẫn nhập được. Nếu là một "
                "bản sao (tệp dữ liệu mới), bảng của tệp kia không nhập vào tệp này và ngược lại.")
    box = QMessageBox(QMessageBox.Icon.Question, "khdesk — Tệp đã chép hoặc chuyển chỗ", text, parent=parent)
    box.addButton(NEW, QMessageBox.ButtonRole.YesRole)
    if not found.original_there:
        box.addButton(MOVED, QMessageBox.ButtonRole.NoRole)
    box.setEscapeButton(box.addButton("Hủy", QMessageBox.ButtonRole.RejectRole))
    return box


def settle_identity(parent: QWidget | None, store) -> bool:
    """True when the file may sign and take result sheets: it is where it was made, or the clerk has
    just said what it is."""
    if store.identity().settled:
        return True
    box = identity_box(parent, store)
    box.exec()
    chosen = box.clickedButton().text() if box.clickedButton() is not None else ""
    if chosen not in (NEW, MOVED):
        return False
    try:
        store.confirm_identity(new_database=chosen == NEW)
    except KhdeskError as err:
        show_error(parent, str(err))
        return False
    return True
