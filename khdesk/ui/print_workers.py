"""The print preview's two worker threads: laying out and writing the PDF (``PdfWorker``, page by page, with
Cancel), and sending the same pages to a printer one page in memory at a time (``PrintWorker``);
``render_page`` draws one PDF page (pypdfium2)."""
from __future__ import annotations

import threading
from pathlib import Path

import pypdfium2
from PySide6.QtCore import QRect, QRectF, Qt, QThread, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPen
from PySide6.QtPrintSupport import QPrinter

from ..errors import KhdeskError
from ..usecases.printing import PrintJob

PRINT_DPI = 300                # pages sent to a printer are rendered at its resolution, at most this


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
            from ..system.error_log import write_error_log

            log = write_error_log(err)
            self.failed.emit(f"Không tạo được bản in ({type(err).__name__}); chi tiết trong «{log}».")
        else:
            self.finishedOk.emit(pages)


# PDFium may not be called from two threads at once, not even on two documents: the preview draws
# pages on the UI thread while PrintWorker renders them for the printer.
PDFIUM = threading.Lock()


def render_page(document: pypdfium2.PdfDocument, index: int, scale: float) -> QImage:
    with PDFIUM:
        bitmap = document[index].render(scale=scale, rev_byteorder=True)
        image = QImage(bytes(bitmap.buffer), bitmap.width, bitmap.height, bitmap.stride, QImage.Format.Format_RGB888)
        return image.copy()


MARK_COLOUR = QColor(0, 120, 215)
MARK_WORDS = {"NguoiKy": "chữ ký người có thẩm quyền", "CoQuan": "chữ ký số của cơ quan (con dấu)"}


def draw_marks(image: QImage, places, page_height: float, scale: float) -> None:
    """Where each signature of the issuing form goes, drawn on the preview's picture of the page (dashed, with
    its words; not in the file): ``places`` in points from the page's lower left."""
    painter = QPainter(image)
    try:
        pen = QPen(MARK_COLOUR, max(1.0, scale))
        pen.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(pen)
        font = painter.font()
        font.setPixelSize(max(8, int(7 * scale)))
        painter.setFont(font)
        for place in places:
            x0, y0, x1, y1 = place.box
            rect = QRectF(x0 * scale, (page_height - y1) * scale, (x1 - x0) * scale, (y1 - y0) * scale)
            painter.drawRect(rect)
            words = MARK_WORDS.get(place.field, place.field)
            if place.field == "CoQuan" and "NguoiKy" not in {p.field for p in places}:
                words = "chữ ký số của cơ quan (số, ký hiệu; thời gian)"
            corner = (Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom if place.field == "NguoiKy"
                      else Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)     # (the seal covers its left)
            painter.drawText(rect.adjusted(2, 2, -2, -2), int(corner | Qt.TextFlag.TextWordWrap), words)
    finally:
        painter.end()


class PrintWorker(QThread):
    """Sends the laid-out pages to ``printer`` off the UI thread (Qt paints on a QPrinter in any thread):
    each page rendered at the printer's resolution, at most PRINT_DPI, and drawn scaled by the printer
    itself — one page in memory at a time. (Drawing an image enlarged to the printer's 1,200 dpi held
    1.3 GB and froze the window for a minute on the 9-page plan.)"""
    pageDone = Signal(int)
    finishedOk = Signal(int)
    failed = Signal(str)

    def __init__(self, pdf_path: Path, printer: QPrinter, parent=None):
        super().__init__(parent)
        self.pdf_path, self.printer = pdf_path, printer
        self.cancelled = False
        self.pages = 0

    def run(self):
        with PDFIUM:
            document = pypdfium2.PdfDocument(str(self.pdf_path))
            self.pages = len(document)
        painter = QPainter()
        try:
            if not painter.begin(self.printer):
                self.failed.emit("Không mở được máy in.")
                return
            scale = min(PRINT_DPI, max(72, self.printer.resolution())) / 72
            for index in range(self.pages):
                if self.cancelled:
                    self.printer.abort()
                    self.failed.emit("")
                    return
                if index:
                    self.printer.newPage()
                image = render_page(document, index, scale)
                target = painter.viewport()
                size = image.size().scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
                painter.drawImage(QRect(target.topLeft(), size), image)
                self.pageDone.emit(index + 1)
        except Exception as err:      # a printer driver's failure must not take the window down
            from ..system.error_log import write_error_log

            log = write_error_log(err)
            self.failed.emit(f"Không in được ({type(err).__name__}); chi tiết trong «{log}».")
            return
        finally:
            if painter.isActive():
                painter.end()
            with PDFIUM:
                document.close()
        self.finishedOk.emit(self.pages)
