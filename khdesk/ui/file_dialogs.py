"""Choosing a file: Qt's own dialog in Vietnamese (Windows: the system's, in the system's language),
starting in the clerk's Documents folder, then in the folder used last (remembered)."""
from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtWidgets import QFileDialog

FOLDER_KEY = "last_folder"


def start_folder(settings: QSettings) -> str:
    """The folder used last, while it exists; else Documents; else the home folder."""
    last = settings.value(FOLDER_KEY, "", str)
    if last and Path(last).is_dir():
        return last
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return documents if documents and Path(documents).is_dir() else str(Path.home())


def file_dialog(parent, settings: QSettings, title: str, file_filter: str, save_as: str | None = None,
                folder: str | None = None) -> QFileDialog:
    """The dialog, not yet shown: opening a file, or saving one named ``save_as`` (in ``folder``
    when given: the database's own folder for database files)."""
    dialog = QFileDialog(parent, title, folder or start_folder(settings), file_filter)
    if sys.platform != "win32":
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog)    # Qt's own: the words come from our table
    if save_as is None:
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
    else:
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setFileMode(QFileDialog.FileMode.AnyFile)
        suffix = Path(save_as).suffix.lstrip(".")
        if suffix:
            dialog.setDefaultSuffix(suffix)
        dialog.selectFile(save_as)
    return dialog


def ask(parent, settings: QSettings, title: str, file_filter: str, save_as: str | None = None,
        folder: str | None = None) -> str:
    """The chosen path ("" when cancelled); its folder is where the next dialog starts."""
    dialog = file_dialog(parent, settings, title, file_filter, save_as, folder)
    if not dialog.exec() or not dialog.selectedFiles():
        return ""
    path = dialog.selectedFiles()[0]
    settings.setValue(FOLDER_KEY, str(Path(path).parent))
    return path
