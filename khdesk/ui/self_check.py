"""The window's part of ``khdesk --self-test`` (khdesk/selftest.py): the Qt plugins, the PDF rasteriser
and a clerk's month in the real window, tried in the frozen bundle. On Windows it runs on the screen
(the platform plugin qwindows.dll, the Windows style, the print path through QPrinter), elsewhere
offscreen. With ``pictures`` each step leaves a PNG of what the clerk would see."""
from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from ..db import Store


def _application():
    if sys.platform != "win32":
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from .app import application

    return application()


def _wait(condition, seconds: float = 30.0) -> None:
    from PySide6.QtWidgets import QApplication

    end = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > end:
            raise TimeoutError(f"quá {seconds:.0f} s")
        QApplication.processEvents()
        time.sleep(0.02)


def _settle(seconds: float) -> None:
    """Let the window handle what is pending (layouts, paints) for ``seconds``."""
    from PySide6.QtWidgets import QApplication

    end = time.monotonic() + seconds
    while time.monotonic() < end:
        QApplication.processEvents()
        time.sleep(0.02)


def _picture(widget, pictures: Path | None, name: str) -> None:
    if pictures is not None:
        pictures.mkdir(parents=True, exist_ok=True)
        if not widget.grab().save(str(pictures / f"{name}.png")):
            raise OSError(f"không lưu được ảnh {name}.png")


def _window(store: Store, folder: Path):
    from PySide6.QtCore import QSettings

    from .main_window import MainWindow

    window = MainWindow(store, QSettings(str(folder / "khdesk.ini"), QSettings.Format.IniFormat))
    window.showMaximized()
    _wait(lambda: window.windowHandle() is not None and window.windowHandle().isExposed(), 20)
    return window


def _answer_next_dialog(pictures: Path | None, name: str, answer) -> list:
    """The next modal dialog (a message, the new-month dialog …) is photographed and answered by
    ``answer(dialog)``; what it said is kept in the list returned."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    seen = []

    def look():
        dialog = QApplication.activeModalWidget()
        if dialog is None or not dialog.isVisible():
            QTimer.singleShot(50, look)
            return
        seen.append(dialog.text() if isinstance(dialog, QMessageBox) else dialog.windowTitle())
        _picture(dialog, pictures, name)
        answer(dialog)

    QTimer.singleShot(50, look)
    return seen


def show_window(store: Store, folder: Path, pictures: Path | None = None) -> str:
    app = _application()
    window = _window(store, folder)
    rows = window.proxy.rowCount()
    window.table.selectRow(0)                  # the selected row as the clerk sees it
    app.processEvents()
    _picture(window, pictures, "cua-so")
    size = window.screen().size()
    window.close()
    assert rows == 47, rows
    return f"cửa sổ hiện {rows} nhiệm vụ ({app.platformName()}, {app.style().name()}, màn hình {size.width()}×{size.height()})"


def render_first_page(pdf: Path) -> str:
    import pypdfium2

    from .print_preview import render_page

    document = pypdfium2.PdfDocument(str(pdf))
    try:
        image = render_page(document, 0, 1.0)
    finally:
        document.close()
    assert image.width() > 500
    return f"trang 1: {image.width()}×{image.height()}"


def walk_the_month(store: Store, folder: Path, pictures: Path | None = None) -> str:
    """What a clerk does with the window, through its own commands: a new month (the dialog
    answered), a task edited and the edit undone, the print preview, printing through QPrinter into a
    file and saving the PDF, Excel out and back in through the import dialog, Word out, the new month
    undone and brought back from that Word file through its import preview."""
    import pypdfium2
    from PySide6.QtPrintSupport import QPrinter

    _application()
    window = _window(store, folder)
    try:
        # a new month, as «Kế hoạch › Tháng mới…» (Ctrl+N) offers it
        months = len(store.plans.summaries())
        last = store.plans.summaries()[-1].plan.month
        # (its first OK shows step 2, the copied wording with its dates moved; the second creates it)
        _answer_next_dialog(pictures, "thang-moi", lambda dialog: (dialog.accept(), dialog.accept()))
        window.new_plan()
        june = store.plans.summaries()[-1].plan
        assert len(store.plans.summaries()) == months + 1 and june.month > last, june.month
        # an edit in the grid, then Ctrl+Z
        from .task_model import CONTENT

        window.select_row(0)
        index = window.proxy.index(0, CONTENT)
        before = index.data()
        assert window.proxy.setData(index, "Nhiệm vụ sửa thử & <kiểm tra> «ệ ữ ỗ»")
        assert store.tasks.of_plan(june.id)[0].content == "Nhiệm vụ sửa thử & <kiểm tra> «ệ ữ ỗ»"
        window.undo_action.trigger()
        assert store.tasks.of_plan(june.id)[0].content == before
        # the sample plan's print preview; printing through QPrinter (the path a Windows printer takes)
        window.select_plan(store.plans.by_month("2024-05").id)
        preview = window.print_plan()
        _wait(lambda: preview.print_button.isEnabled(), 120)
        _wait(lambda: bool(preview.labels) and not preview.labels[0].pixmap().isNull(), 30)   # page 1 drawn
        _wait(lambda: preview.labels[0].isVisible() and preview.labels[0].width() > 100, 30)   # and laid out
        _settle(0.5)              # (on Windows the page is painted a few turns later: a grab came out blank)
        _picture(preview, pictures, "xem-truoc-ban-in")
        printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(folder / "qprinter.pdf"))
        printer.setFullPage(True)
        worker = preview.print_pages(printer)
        _wait(lambda: worker.isFinished() and preview.print_button.isEnabled(), 120)
        assert preview.status.text().startswith("Đã gửi"), preview.status.text()
        printed = len(pypdfium2.PdfDocument(str(folder / "qprinter.pdf")))
        said = _answer_next_dialog(None, "", lambda box: box.accept())
        assert preview.save_pdf(str(folder / "luu.pdf")) and (folder / "luu.pdf").stat().st_size > 20_000
        assert said and "Đã lưu" in said[0], said
        preview.reject()
        window.select_plan(june.id)
        # Excel out, and back in through the import dialog (into the new month), then undone
        window.export_excel(str(folder / "thang-moi.xlsx"))
        tasks = len(store.tasks.of_plan(june.id))
        _answer_next_dialog(pictures, "nhap-excel", lambda dialog: dialog.accept())
        window.import_excel(str(folder / "thang-moi.xlsx"))
        assert len(store.tasks.of_plan(june.id)) == 2 * tasks
        window.undo_action.trigger()
        assert len(store.tasks.of_plan(june.id)) == tasks
        # Word out; the new month undone; the month back from the Word file through its preview
        window.export_word(str(folder / "thang-moi.docx"))
        window.undo_action.trigger()
        assert june.month not in {summary.plan.month for summary in store.plans.summaries()}
        _answer_next_dialog(pictures, "nhap-word", lambda dialog: dialog.accept())
        window.import_word(str(folder / "thang-moi.docx"))
        back = store.plans.by_month(june.month)
        assert len(store.tasks.of_plan(back.id)) == tasks
    finally:
        window.close()
    return (f"tháng {june.month} mới; in qua QPrinter {printed} trang; Excel nhập lại {tasks} nhiệm vụ rồi hoàn tác; "
            f"tháng đó hoàn tác rồi nhập lại từ Word")
