"""Print: the appendix laid out on a worker thread (progress and Cancel), shown page by page as
the PDF renders it (pypdfium2) — zoom, fit to width, page by page (only the pages in sight are
drawn) — then saved as PDF or sent to a printer (the same pages) on another worker thread, with its
progress and Cancel, one page in memory at a time, at the printer's resolution (at most PRINT_DPI)."""
from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pypdfium2
from PySide6.QtCore import QEvent, QSettings, QSize, Qt, QTimer
from PySide6.QtGui import QKeySequence, QPageSize, QPixmap, QShortcut
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..errors import KhdeskError
from ..system.files import write_atomically
from ..usecases.printing import PrintJob
from .file_dialogs import ask
from .messages import fit_to_screen, show_error, show_info
from .print_workers import PDFIUM, PdfWorker, PrintWorker, draw_marks, render_page

SCREEN_DPI = 96                # 100 % = the page's real size on a usual screen
ZOOMS = (50, 75, 100, 125, 150, 200, 300)
FIT_WIDTH, FIT_PAGE = "width", "page"
PAGE_GAP = 12


class PrintPreview(QDialog):
    def __init__(self, parent, job: PrintJob, suggested_name: str, settings: QSettings | None = None,
                 note: str = ""):
        super().__init__(parent)
        self.setWindowTitle("Xem trước bản in — kế hoạch và phụ lục")
        fit_to_screen(self, 900, 1000)
        self.job = job
        self.suggested_name = suggested_name
        self.settings = settings or QSettings("khdesk", "khdesk")
        self.folder = Path(tempfile.mkdtemp(prefix="khdesk-in-"))
        self.pdf_path = self.folder / "ke-hoach.pdf"
        self.pages = 0
        self.document: pypdfium2.PdfDocument | None = None
        self.page_sizes: list[tuple[float, float]] = []      # points
        self.marks: list = []         # the issuing form: where each signature goes (shown here, not printed)
        self.labels: list[QLabel] = []
        self.drawn: dict[int, float] = {}                    # page → the scale it is drawn at
        self.zoom: int | str = FIT_WIDTH
        self.shown_scale = SCREEN_DPI / 72

        self.status = QLabel("Đang dàn trang…")
        self.progress = QProgressBar()
        self.progress.setRange(0, max(1, job.task_count // 7 + 1))
        self.cancel_button = QPushButton("Hủy")
        self.save_button = QPushButton("Lưu PDF… (Ctrl+S)")
        self.print_button = QPushButton("In… (Ctrl+P)")
        close_button = QPushButton("Đóng")
        for b in (self.save_button, self.print_button):
            b.setEnabled(False)

        # --- page navigation and zoom --------------------------------------------------------------
        def tool(text: str, tip: str) -> QToolButton:
            button = QToolButton()
            button.setText(text)
            button.setToolTip(tip)
            return button

        self.previous_button = tool("◀", "Trang trước (Page Up)")
        self.next_button = tool("▶", "Trang sau (Page Down)")
        self.page_box = QSpinBox()
        self.page_box.setRange(1, 1)
        self.page_box.setPrefix("Trang ")
        self.page_count = QLabel("/ 0")
        self.zoom_out_button = tool("−", "Thu nhỏ (Ctrl+−)")
        self.zoom_in_button = tool("+", "Phóng to (Ctrl++)")
        self.zoom_box = QComboBox()
        self.zoom_box.addItem("Vừa chiều rộng", FIT_WIDTH)
        self.zoom_box.addItem("Vừa trang", FIT_PAGE)
        for z in ZOOMS:
            self.zoom_box.addItem(f"{z} %", z)
        self.zoom_box.setToolTip("Ctrl+0: vừa chiều rộng")
        for widget in (self.previous_button, self.next_button, self.page_box, self.zoom_out_button,
                       self.zoom_in_button, self.zoom_box):
            widget.setEnabled(False)
        navigation = QHBoxLayout()
        for widget in (self.previous_button, self.page_box, self.page_count, self.next_button):
            navigation.addWidget(widget)
        navigation.addSpacing(20)
        for widget in (self.zoom_out_button, self.zoom_box, self.zoom_in_button):
            navigation.addWidget(widget)
        navigation.addStretch(1)

        self.pages_box = QWidget()
        self.pages_layout = QVBoxLayout(self.pages_box)
        self.pages_layout.setSpacing(PAGE_GAP)
        self.pages_layout.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(self.pages_box)
        self.scroll.setStyleSheet("QScrollArea { background: #777; }")

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
        self.note = QLabel(note)                  # what the plan checker found (never blocks printing)
        self.note.setWordWrap(True)
        self.note.setStyleSheet("background: #fff4c2; padding: 3px")
        self.note.setVisible(bool(note))
        layout.addWidget(self.note)
        layout.addLayout(navigation)
        layout.addWidget(self.scroll, 1)
        layout.addLayout(buttons)

        self.printer_worker: PrintWorker | None = None
        self.worker = PdfWorker(job, self.pdf_path, self)
        self.worker.pageDone.connect(self._page_done)
        self.worker.finishedOk.connect(self._laid_out)
        self.worker.failed.connect(self._failed)
        self.cancel_button.clicked.connect(self._cancel)
        self.save_button.clicked.connect(self.save_pdf)
        # (clicked(bool) would hand its False to print_pages as the printer: the dialog was skipped)
        self.print_button.clicked.connect(lambda _checked=False: self.print_pages())
        close_button.clicked.connect(self.reject)
        self.previous_button.clicked.connect(lambda: self.go_to_page(self.current_page() - 1))
        self.next_button.clicked.connect(lambda: self.go_to_page(self.current_page() + 1))
        self.page_box.editingFinished.connect(lambda: self.go_to_page(self.page_box.value()))
        self.zoom_box.activated.connect(lambda _i: self.set_zoom(self.zoom_box.currentData()))
        self.zoom_in_button.clicked.connect(lambda: self.step_zoom(+1))
        self.zoom_out_button.clicked.connect(lambda: self.step_zoom(-1))
        for keys, slot in ((QKeySequence.StandardKey.ZoomIn, lambda: self.step_zoom(+1)), ("Ctrl+=", lambda: self.step_zoom(+1)),
                           (QKeySequence.StandardKey.ZoomOut, lambda: self.step_zoom(-1)),
                           ("Ctrl+0", lambda: self.set_zoom(FIT_WIDTH)),
                           ("Ctrl+Home", lambda: self.go_to_page(1)), ("Ctrl+End", lambda: self.go_to_page(self.pages)),
                           (QKeySequence.StandardKey.Save, lambda: self.save_button.isEnabled() and self.save_pdf()),
                           (QKeySequence.StandardKey.Print,
                            lambda: self.print_button.isEnabled() and self.print_pages())):
            QShortcut(QKeySequence(keys), self, slot)
        self.scroll.verticalScrollBar().valueChanged.connect(self._scrolled)
        self.scroll.installEventFilter(self)        # PgUp/PgDn turn whole pages (the area would scroll a screen)
        self._redraw_timer = QTimer(self, singleShot=True, interval=30)
        self._redraw_timer.timeout.connect(self._draw_visible)
        self.worker.start()

    # ----- laying out ----------------------------------------------------------------------
    def _page_done(self, n: int) -> None:
        if n > self.progress.maximum():
            self.progress.setMaximum(n + 1)
        self.progress.setValue(n)
        self.status.setText(f"Đang dàn trang… {n} trang")

    def _cancel(self) -> None:
        """Cancel stops what is running: the layout, or the pages being sent to the printer."""
        printing = self.printer_worker is not None and self.printer_worker.isRunning()
        (self.printer_worker if printing else self.worker).cancelled = True
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
        with PDFIUM:
            self.document = pypdfium2.PdfDocument(str(self.pdf_path))
            self.page_sizes = [self.document[i].get_size() for i in range(len(self.document))]
        self.marks = self.job.places() if self.job.fields else []
        for _ in range(len(self.document)):
            label = QLabel()
            label.setStyleSheet("background: white;")
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.pages_layout.addWidget(label)
            self.labels.append(label)
        self.page_box.setRange(1, max(1, pages))
        self.page_count.setText(f"/ {pages}")
        for widget in (self.previous_button, self.next_button, self.page_box, self.zoom_out_button,
                       self.zoom_in_button, self.zoom_box):
            widget.setEnabled(True)
        self.save_button.setEnabled(True)
        self.print_button.setEnabled(True)
        self.set_zoom(self.settings.value("preview_zoom", FIT_WIDTH))
        self.scroll.setFocus()                     # PgUp/PgDn turn pages (a focused spin box would take them)

    # ----- zoom and pages ------------------------------------------------------------------
    def scale(self) -> float:
        """Pixels per point at the current zoom."""
        if not self.page_sizes:
            return SCREEN_DPI / 72
        width, height = max(self.page_sizes)
        bar = 0 if self.scroll.verticalScrollBar().isVisible() else self.scroll.verticalScrollBar().sizeHint().width()
        room = self.scroll.viewport().size() - QSize(2 * PAGE_GAP + 4 + bar, 2 * PAGE_GAP)   # (room for the bar)
        if self.zoom == FIT_WIDTH:
            return max(0.2, room.width() / width)
        if self.zoom == FIT_PAGE:
            return max(0.2, min(room.width() / width, room.height() / height))
        return int(self.zoom) / 100 * SCREEN_DPI / 72

    def set_zoom(self, zoom) -> None:
        """A percentage, FIT_WIDTH or FIT_PAGE; the page in sight stays in sight; remembered."""
        if zoom not in (FIT_WIDTH, FIT_PAGE):
            try:
                zoom = max(ZOOMS[0], min(ZOOMS[-1], int(zoom)))
            except (TypeError, ValueError):
                zoom = FIT_WIDTH
        page = self.current_page()
        self.zoom = zoom
        index = self.zoom_box.findData(zoom)
        if index < 0:
            self.zoom_box.addItem(f"{zoom} %", zoom)
            index = self.zoom_box.count() - 1
        self.zoom_box.setCurrentIndex(index)
        self.settings.setValue("preview_zoom", zoom)
        scale = self.shown_scale = self.scale()
        for label, (width, height) in zip(self.labels, self.page_sizes):
            label.setFixedSize(round(width * scale), round(height * scale))
            label.clear()
        self.drawn.clear()
        self.pages_layout.activate()                 # the pages' new places, now
        self.pages_box.adjustSize()
        self.go_to_page(page)

    def step_zoom(self, step: int) -> None:
        """The next percentage up or down from what is shown now (also from a "fit" zoom)."""
        now = self.scale() / (SCREEN_DPI / 72) * 100
        bigger = [z for z in ZOOMS if z > now + 1]
        smaller = [z for z in ZOOMS if z < now - 1]
        if step > 0 and bigger:
            self.set_zoom(bigger[0])
        elif step < 0 and smaller:
            self.set_zoom(smaller[-1])

    def current_page(self) -> int:
        """The page at the top half of the view (1-based)."""
        if not self.labels:
            return 1
        middle = self.scroll.verticalScrollBar().value() + self.scroll.viewport().height() // 3
        for number, label in enumerate(self.labels, start=1):
            if label.geometry().bottom() + PAGE_GAP >= middle:
                return number
        return len(self.labels)

    def go_to_page(self, number: int) -> None:
        if not self.labels:
            return
        number = max(1, min(len(self.labels), number))
        self.scroll.verticalScrollBar().setValue(self.labels[number - 1].geometry().top() - PAGE_GAP // 2)
        self._scrolled()

    def _scrolled(self, *_args) -> None:
        page = self.current_page()
        self.page_box.blockSignals(True)
        self.page_box.setValue(page)
        self.page_box.blockSignals(False)
        self.previous_button.setEnabled(page > 1)
        self.next_button.setEnabled(page < self.pages)
        self._redraw_timer.start()

    def _draw_visible(self) -> None:
        """Draw the pages in sight (and one either side) at the current zoom; forget far ones."""
        if self.document is None:
            return
        scale = self.shown_scale
        top = self.scroll.verticalScrollBar().value()
        bottom = top + self.scroll.viewport().height()
        seen = [i for i, label in enumerate(self.labels)
                if label.geometry().bottom() >= top and label.geometry().top() <= bottom]
        if not seen:
            return
        wanted = set(range(max(0, seen[0] - 1), min(len(self.labels), seen[-1] + 2)))
        for index in list(self.drawn):
            if index not in wanted and abs(index - seen[0]) > 6:
                self.labels[index].clear()
                del self.drawn[index]
        for index in sorted(wanted):
            if self.drawn.get(index) != scale:
                image = render_page(self.document, index, scale)
                marks = [m for m in self.marks if m.page == index]
                if marks:
                    draw_marks(image, marks, self.page_sizes[index][1], scale)
                self.labels[index].setPixmap(QPixmap.fromImage(image))
                self.drawn[index] = scale

    def _page_key(self, event) -> bool:
        step = {Qt.Key.Key_PageDown: 1, Qt.Key.Key_PageUp: -1}.get(event.key())
        if step is None or not self.labels or event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            return False
        self.go_to_page(self.current_page() + step)
        return True

    def eventFilter(self, obj, event) -> bool:
        if obj is self.scroll and event.type() == QEvent.Type.KeyPress and self._page_key(event):
            return True
        return super().eventFilter(obj, event)

    def keyPressEvent(self, event) -> None:
        if not self._page_key(event):
            super().keyPressEvent(event)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self.labels and self.zoom in (FIT_WIDTH, FIT_PAGE):
            self.set_zoom(self.zoom)

    # ----- output --------------------------------------------------------------------------
    def save_pdf(self, path: str | None = None) -> Path | None:
        if not path:
            path = ask(self, self.settings, "Lưu PDF", "Tệp PDF (*.pdf)", save_as=self.suggested_name)
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

    def print_pages(self, printer: QPrinter | None = None) -> PrintWorker | None:
        """The print dialog (unless ``printer`` is given), then the pages sent on a worker thread: the
        window stays responsive, the bar shows the pages sent, Cancel stops. Returns the worker (None
        when the dialog was cancelled)."""
        if self.printer_worker is not None and self.printer_worker.isRunning():
            return None
        if printer is None:
            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
            printer.setFullPage(True)          # the PDF pages carry their own margins
            dialog = QPrintDialog(printer, self)
            dialog.setWindowTitle("In kế hoạch")
            if not dialog.exec():
                return None
        self.printer = printer                 # (kept alive while the worker paints on it)
        worker = PrintWorker(self.pdf_path, printer, self)
        self.printer_worker = worker
        worker.pageDone.connect(self._page_printed)
        worker.finishedOk.connect(self._printed)
        worker.failed.connect(self._print_failed)
        self.print_button.setEnabled(False)
        self.progress.setRange(0, max(1, self.pages))
        self.progress.setValue(0)
        self.progress.show()
        self.cancel_button.show()
        self.status.setText("Đang gửi tới máy in…")
        worker.start()
        return worker

    def _page_printed(self, n: int) -> None:
        self.progress.setValue(n)
        self.status.setText(f"Đang gửi tới máy in… trang {n}/{self.pages}")

    def _print_ended(self, text: str) -> None:
        self.progress.hide()
        self.cancel_button.hide()
        self.print_button.setEnabled(True)
        self.status.setText(text)

    def _printed(self, pages: int) -> None:
        name = self.printer.printerName() or self.printer.outputFileName()
        self._print_ended(f"Đã gửi {pages} trang tới máy in" + (f" «{name}»." if name else "."))

    def _print_failed(self, message: str) -> None:
        self._print_ended("Đã hủy lệnh in." if not message else "Không in được.")
        if message:
            show_error(self, message)

    def done(self, result):
        for worker in (self.worker, self.printer_worker):
            if worker is not None and worker.isRunning():
                worker.cancelled = True
                worker.wait()
        if self.document is not None:
            with PDFIUM:
                self.document.close()
            self.document = None
        shutil.rmtree(self.folder, ignore_errors=True)
        super().done(result)
