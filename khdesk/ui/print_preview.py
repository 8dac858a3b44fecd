"""Print: the appendix laid out on a worker thread (progress and Cancel), shown page by page as
the PDF renders it (pypdfium2), then saved as PDF or sent to a printer (the same pages)."""
from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pypdfium2
from PySide6.QtCore import QThread, Qt, Signal
from PySide6.QtGui import QImage, QPageSize, QPainter, QPixmap
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (QDialog, QFileDialog, QHBoxLayout, QLabel, QProgressBar, QPushButton, QScrollArea,
                               QVBoxLayout, QWidget)

from ..errors import KhdeskError
from ..files import write_atomically
from ..printing import PrintJob
from .messages import fit_to_screen, show_error, show_info

PREVIEW_SCALE = 1.25          # 90 dpi on screen
PRINT_DPI = 300


class _Cancelled(Exception):
    pass


class PdfWorker(QThread):
    """Lays out and writes the PDF off the UI thread."""
    pageDone = Signal(int)
    finishedOk = Signal(int)
    failed = Signal(str)

    def __init__(self, job: PrintJob, output: Path, parent=None):
        super().__init__(parent)
        self.job, self.output = job, output
        self.cancelled = False

    def run(self):
        def on_page(n):
            if self.cancelled:
                raise _Cancelled()
            self.pageDone.emit(n)
        try:
            pages = self.job.write(self.output, on_page=on_page)
        except _Cancelled:
            self.failed.emit("")
        except KhdeskError as err:
            self.failed.emit(str(err))
        except Exception as err:      # a layout bug must not take the window down
            from ..cli import write_error_log

            log = write_error_log(err)
            self.failed.emit(f"Không tạo được bản in ({type(err).__name__}); chi tiết trong «{log}».")
        else:
            self.finishedOk.emit(pages)


def render_page(document: pypdfium2.PdfDocument, index: int, scale: float) -> QImage:
    bitmap = document[index].render(scale=scale, rev_byteorder=True)
    image = QImage(bytes(bitmap.buffer), bitmap.width, bitmap.height, bitmap.stride, QImage.Format.Format_RGB888)
    return image.copy()


class PrintPreview(QDialog):
    def __init__(self, parent, job: PrintJob, suggested_name: str):
        super().__init__(parent)
        self.setWindowTitle("Xem trước bản in — kế hoạch và phụ lục")
        fit_to_screen(self, 900, 1000)
        self.job = job
        self.suggested_name = suggested_name
        self.folder = Path(tempfile.mkdtemp(prefix="khdesk-in-"))
        self.pdf_path = self.folder / "ke-hoach.pdf"
        self.pages = 0

        self.status = QLabel("Đang dàn trang…")
        self.progress = QProgressBar()
        self.progress.setRange(0, max(1, job.task_count // 7 + 1))
        self.cancel_button = QPushButton("Hủy")
        self.save_button = QPushButton("Lưu PDF…")
        self.print_button = QPushButton("In…")
        close_button = QPushButton("Đóng")
        for b in (self.save_button, self.print_button):
            b.setEnabled(False)
        self.pages_box = QWidget()
        self.pages_layout = QVBoxLayout(self.pages_box)
        self.pages_layout.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.pages_box)
        scroll.setStyleSheet("QScrollArea { background: #777; }")

        top = QHBoxLayout()
        top.addWidget(self.status, 1)
        top.addWidget(self.progress)
        top.addWidget(self.cancel_button)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.print_button)
        buttons.addWidget(close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(scroll, 1)
        layout.addLayout(buttons)

        self.worker = PdfWorker(job, self.pdf_path, self)
        self.worker.pageDone.connect(self._page_done)
        self.worker.finishedOk.connect(self._laid_out)
        self.worker.failed.connect(self._failed)
        self.cancel_button.clicked.connect(self._cancel)
        self.save_button.clicked.connect(self.save_pdf)
        self.print_button.clicked.connect(self.print_pages)
        close_button.clicked.connect(self.reject)
        self.worker.start()

    # ----- laying out ----------------------------------------------------------------------
    def _page_done(self, n: int) -> None:
        if n > self.progress.maximum():
            self.progress.setMaximum(n + 1)
        self.progress.setValue(n)
        self.status.setText(f"Đang dàn trang… {n} trang")

    def _cancel(self) -> None:
        self.worker.cancelled = True
        self.status.setText("Đang hủy…")

    def _failed(self, message: str) -> None:
        self.progress.hide()
        self.cancel_button.hide()
        self.status.setText("Đã hủy." if not message else "Không tạo được bản in.")
        if message:
            show_error(self, message)

    def _laid_out(self, pages: int) -> None:
        self.pages = pages
        self.progress.hide()
        self.cancel_button.hide()
        self.status.setText(f"{pages} trang, khổ A4.")
        document = pypdfium2.PdfDocument(str(self.pdf_path))
        try:
            for index in range(len(document)):
                label = QLabel()
                label.setPixmap(QPixmap.fromImage(render_page(document, index, PREVIEW_SCALE)))
                label.setStyleSheet("background: white; margin: 6px;")
                self.pages_layout.addWidget(label)
        finally:
            document.close()
        self.save_button.setEnabled(True)
        self.print_button.setEnabled(True)

    # ----- output --------------------------------------------------------------------------
    def save_pdf(self, path: str | None = None) -> Path | None:
        if not path:
            path, _ = QFileDialog.getSaveFileName(self, "Lưu PDF", self.suggested_name, "Tệp PDF (*.pdf)")
        if not path:
            return None
        target = Path(path)
        try:
            write_atomically(target, "tệp PDF", lambda tmp: shutil.copyfile(self.pdf_path, tmp))
        except KhdeskError as err:
            show_error(self, str(err))
            return None
        show_info(self, f"Đã lưu «{target}».")
        return target

    def print_pages(self, printer: QPrinter | None = None) -> bool:
        if printer is None:
            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
            printer.setFullPage(True)          # the PDF pages carry their own margins
            dialog = QPrintDialog(printer, self)
            dialog.setWindowTitle("In kế hoạch")
            if not dialog.exec():
                return False
        document = pypdfium2.PdfDocument(str(self.pdf_path))
        painter = QPainter()
        try:
            if not painter.begin(printer):
                show_error(self, "Không mở được máy in.")
                return False
            for index in range(len(document)):
                if index:
                    printer.newPage()
                image = render_page(document, index, PRINT_DPI / 72)
                target = painter.viewport()
                scaled = image.size().scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
                painter.drawImage(target.x(), target.y(), image.scaled(scaled, Qt.AspectRatioMode.KeepAspectRatio,
                                                                       Qt.TransformationMode.SmoothTransformation))
            return True
        finally:
            if painter.isActive():
                painter.end()
            document.close()

    def done(self, result):
        if self.worker.isRunning():
            self.worker.cancelled = True
            self.worker.wait()
        shutil.rmtree(self.folder, ignore_errors=True)
        super().done(result)
