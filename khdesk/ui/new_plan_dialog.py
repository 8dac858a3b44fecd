"""A new monthly plan from the previous one: the month, the header carried over with the words that name
the old month rolled on (and shown, a doubt in another colour), and the tasks to carry on evidence: those
reported not done checked, those with no report listed unchecked for the clerk to decide."""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QBrush, QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTabWidget,
    QTextEdit,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from ..domain.models import Plan, Task
from ..domain.months import (
    DOUBT,
    ROLLED,
    ROLLED_FIELDS,
    RolledText,
    field_value,
    last_months_words,
    month_label,
    month_shift,
    new_plan_header,
)
from ..domain.text import fold, nfc
from ..domain.typed_dates import show as show_date
from .date_field import DateField
from .messages import fit_to_screen, ok_cancel_buttons
from .plan_dialogs import form

FOLDED = Qt.ItemDataRole.UserRole + 1
ROLLED_COLOUR = QColor(200, 235, 200)       # changed by a rule (light green; darker in grey than white)
DOUBT_COLOUR = QColor(255, 225, 120)        # left as written, to look at (amber)
UNKNOWN_BRUSH = QBrush(QColor(255, 240, 190))   # a task with no report: to decide (pale amber)


class RolledBox(QPlainTextEdit):
    """A copied text after the month rules, editable, its changed dates green and doubtful ones amber
    (underlined too, for a grey-scale screen); the rule is the tooltip of each."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self.marks = ()
        self.setMouseTracking(True)

    def show_rolled(self, rolled: RolledText) -> None:
        self.setPlainText(rolled.text)
        self.document().setModified(False)
        self.marks = rolled.marks
        selections = []
        for mark in rolled.marks:
            selection = QTextEdit.ExtraSelection()
            cursor = QTextCursor(self.document())
            cursor.setPosition(mark.start)
            cursor.setPosition(mark.end, QTextCursor.MoveMode.KeepAnchor)
            selection.cursor = cursor
            text_format = QTextCharFormat()
            text_format.setBackground(ROLLED_COLOUR if mark.kind == ROLLED else DOUBT_COLOUR)
            text_format.setFontUnderline(True)
            if mark.kind == DOUBT:
                text_format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
            text_format.setToolTip(f"{mark.note} (trước: «{mark.before}»)")
            selection.format = text_format
            selections.append(selection)
        self.setExtraSelections(selections)
        lines = max(2, min(8, rolled.text.count("\n") + len(rolled.text) // 90 + 1))
        self.setFixedHeight(lines * self.fontMetrics().lineSpacing() + 12)

    def event(self, event):
        if event.type() == QEvent.Type.ToolTip:
            position = self.cursorForPosition(event.pos()).position()
            for selection in self.extraSelections():
                if selection.cursor.selectionStart() <= position < selection.cursor.selectionEnd():
                    QToolTip.showText(event.globalPos(), selection.format.toolTip(), self)
                    return True
            QToolTip.hideText()
            return True
        return super().event(event)


class NewPlanDialog(QDialog):
    """Two steps: the month and the unfinished tasks to carry over; then the copied wording with
    its month and dates moved to the new month (``khdesk.domain.months``), highlighted for review and
    editable. Number and issue date start empty: the new plan is a draft."""

    def __init__(self, parent, previous: Plan | None, proposed: list[Task], to_decide: list[Task], agency_name,
                 taken: set[str]):
        super().__init__(parent)
        self.setWindowTitle("Kế hoạch tháng mới")
        self.previous = previous
        self.taken = taken
        self.unfinished = {task.id: task for task in proposed + to_decide}
        self.to_decide = {task.id for task in to_decide}
        today = date.today()
        if previous:
            year, month = previous.year + (previous.month_number == 12), previous.month_number % 12 + 1
        else:
            year, month = today.year, today.month
        self.month = QSpinBox()
        self.month.setRange(1, 12)
        self.month.setValue(month)
        self.year = QSpinBox()
        self.year.setRange(2000, 2999)
        self.year.setValue(year)
        self.warning = QLabel("")
        self.warning.setStyleSheet("color: #b00")
        self.tasks = QListWidget()
        for task in sorted(proposed + to_decide, key=lambda t: t.position):
            unknown = task.id in self.to_decide
            item = QListWidgetItem(f"{task.position}. {'[CHƯA CÓ BÁO CÁO] ' if unknown else ''}"
                                   f"[{'; '.join(agency_name(a) for a in task.lead_agency_ids)}] {task.content[:160]}")
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked if unknown else Qt.CheckState.Checked)
            if unknown:                       # nobody knows whether it is done: the clerk decides, not khdesk
                item.setBackground(UNKNOWN_BRUSH)
            item.setData(Qt.ItemDataRole.UserRole, task.id)
            item.setToolTip(task.content)
            item.setData(FOLDED, fold(f"{item.text()} {task.content}"))      # the whole task, not the shown part
            self.tasks.addItem(item)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Lọc: gõ không dấu cũng được, ví dụ «so y te»")
        self.filter.setClearButtonEnabled(True)
        self.check_all = QPushButton("Chọn tất cả")
        self.uncheck_all = QPushButton("Bỏ chọn tất cả")
        for button, state in ((self.check_all, Qt.CheckState.Checked), (self.uncheck_all, Qt.CheckState.Unchecked)):
            button.setToolTip("Áp dụng cho các nhiệm vụ đang hiện (theo bộ lọc)")
            button.clicked.connect(lambda _=False, s=state: self._set_shown(s))
        self.count = QLabel("")
        self.count.setWordWrap(True)            # (one long line made the dialog wider than the screen)
        tools = QHBoxLayout()
        tools.addWidget(self.filter, 1)
        tools.addWidget(self.check_all)
        tools.addWidget(self.uncheck_all)
        month_form = form([("Tháng:", self.month), ("Năm:", self.year)])
        source = f"tháng {month_label(previous.month)}" if previous else "(chưa có kế hoạch trước)"
        first = QWidget()
        first_layout = QVBoxLayout(first)
        first_layout.addLayout(month_form)
        first_layout.addWidget(self.warning)
        first_layout.addWidget(QLabel(f"Phần đầu kế hoạch và nhiệm vụ chung được chép từ kế hoạch {source}; "
                                      "ngày tháng trong đó được chuyển sang tháng mới ở bước 2 để xem lại."))
        first_layout.addWidget(self.count)
        first_layout.addLayout(tools)
        first_layout.addWidget(self.tasks, 1)

        # --- step 2: the copied wording for the new month ---------------------------------------
        self.summary = QLabel("")
        self.summary.setWordWrap(True)
        self.boxes: dict[str, RolledBox] = {}
        review_form = QFormLayout()
        for field, label in ROLLED_FIELDS.items():
            box = RolledBox()
            box.setAccessibleName(label)
            self.boxes[field] = box
            review_form.addRow(label + ":", box)
        self.report_deadline = DateField(placeholder="để trống nếu không có hạn báo cáo")
        review_form.addRow("Hạn báo cáo:", self.report_deadline)
        draft = QLabel("Số và ngày ban hành để trống — kế hoạch mới là dự thảo, in «Số:       /KH-UBND» và "
                       "«ngày … tháng … năm …» cho đến khi điền (Kế hoạch › Thông tin kế hoạch).")
        draft.setWordWrap(True)
        inner = QWidget()
        inner_layout = QVBoxLayout(inner)
        inner_layout.addWidget(self.summary)
        self.stale = QLabel("")              # carried tasks that still name last month (fixed after creating)
        self.stale.setWordWrap(True)
        self.stale.setStyleSheet(f"background: {DOUBT_COLOUR.name()}; padding: 4px")
        inner_layout.addWidget(self.stale)
        inner_layout.addLayout(review_form)
        inner_layout.addWidget(draft)
        inner_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)

        self.steps = QTabWidget()
        self.steps.addTab(first, "1. Tháng và nhiệm vụ chuyển tiếp")
        self.steps.addTab(scroll, "2. Xem lại ngày tháng")
        self.steps.setTabEnabled(1, previous is not None)
        self.reviewed = previous is None
        layout = QVBoxLayout(self)
        layout.addWidget(self.steps, 1)
        self.buttons = ok_cancel_buttons(self)
        layout.addWidget(self.buttons)
        self.month.valueChanged.connect(self._check)
        self.year.valueChanged.connect(self._check)
        self.filter.textChanged.connect(self._filter)
        self.tasks.itemChanged.connect(self._count)
        self.steps.currentChanged.connect(self._step_changed)
        self._check()
        self._count()
        fit_to_screen(self, 820, 620)

    def chosen_month(self) -> str:
        return f"{self.year.value():04d}-{self.month.value():02d}"

    def carry_ids(self) -> list[int]:
        return [self.tasks.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.tasks.count())
                if self.tasks.item(i).checkState() == Qt.CheckState.Checked]

    def header(self) -> dict:
        """The new plan's fields: copied, rolled, and as the clerk corrected them in step 2."""
        header, _ = new_plan_header(self.previous, self.chosen_month())
        if self.previous is not None:
            for field, box in self.boxes.items():
                header[field] = field_value(field, nfc(box.toPlainText()))
            header["report_deadline"] = self.report_deadline.date()
        return header

    def accept(self) -> None:
        """The first OK shows step 2 (what changed is seen before the plan exists)."""
        if not self.reviewed:
            self.steps.setCurrentIndex(1)
            self.buttons.button(QDialogButtonBox.StandardButton.Ok).setFocus()    # Enter again creates it
            return
        self.report_deadline._typed()
        if not self.report_deadline.is_valid():
            self.steps.setCurrentIndex(1)
            self.report_deadline.setFocus()
            return
        super().accept()

    def _step_changed(self, index: int) -> None:
        if index == 1:
            self.reviewed = True
        self._button_text()

    def _button_text(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("&Tạo kế hoạch" if self.reviewed else "&Tiếp: xem lại ngày tháng ›")     # Alt+T, both steps

    def _roll(self) -> None:
        """The copied texts for the chosen month; a text the clerk already corrected is kept."""
        if self.previous is None:
            return
        header, rolled = new_plan_header(self.previous, self.chosen_month())
        rolled_marks = doubts = 0
        for item in rolled:
            box = self.boxes[item.field]
            if not box.document().isModified():
                box.show_rolled(item)
            rolled_marks += sum(m.kind == ROLLED for m in box.marks)
            doubts += sum(m.kind == DOUBT for m in box.marks)
        if not self.report_deadline.edit.isModified():
            self.report_deadline.setDate(header.get("report_deadline"))
        moved = header.get("report_deadline") != self.previous.report_deadline
        self.report_deadline.edit.setStyleSheet(
            f"background: {ROLLED_COLOUR.name()}" if moved and header.get("report_deadline") else "")
        self.report_deadline.setToolTip(f"Hạn báo cáo của kế hoạch trước: {show_date(self.previous.report_deadline)}"
                                        if self.previous.report_deadline else "")
        self.summary.setText(
            f"<b>{rolled_marks}</b> chỗ ngày tháng đã chuyển sang tháng {month_label(self.chosen_month())} "
            f"(<span style='background:{ROLLED_COLOUR.name()}'>tô xanh</span>) và <b>{doubts}</b> chỗ cần xem "
            f"(<span style='background:{DOUBT_COLOUR.name()}'>tô vàng</span>, giữ nguyên). Trỏ chuột vào chỗ tô "
            "để xem quy tắc. Quy tắc: tháng của kế hoạch → tháng mới; tháng trước nó (phiên họp thường kỳ) → "
            "tháng trước tháng mới; hạn «trước/đến ngày …» trong tháng cũ → tháng mới (ngày cuối tháng vẫn là "
            "ngày cuối tháng); ngày của văn bản giữ nguyên. Sửa trực tiếp ở đây nếu cần.")
        self.rolled_count = rolled_marks + doubts
        self._show_stale()

    def stale_tasks(self) -> list[tuple[int, list[str]]]:
        """(position in the previous plan, words) of the chosen carried tasks whose wording still names a
        date or a month of the month before the new one («dự kiến vào tháng 5», «từ ngày 16-17/5/2024»)."""
        found = []
        for task_id in self.carry_ids():
            task = self.unfinished.get(task_id)
            words = last_months_words(task.content, self.chosen_month()) if task is not None else []
            if words:
                found.append((task.position, words))
        return found

    def _show_stale(self) -> None:
        stale = self.stale_tasks() if self.previous is not None else []
        year, number = month_shift(self.chosen_month(), -1)
        self.stale.setText(
            f"Nhiệm vụ chuyển sang còn ghi ngày tháng của tháng {number}/{year} — hãy sửa sau khi tạo (Kế hoạch › "
            "Kiểm tra kế hoạch cũng nhắc): " + "; ".join(f"nhiệm vụ {position} của tháng trước: "
                                                         + ", ".join(f"«{w}»" for w in words)
                                                         for position, words in stale) + "." if stale else "")
        self.stale.setVisible(bool(stale))
        self.steps.setTabText(1, f"2. Xem lại ngày tháng ({getattr(self, 'rolled_count', 0) + len(stale)})")

    def _filter(self, text: str) -> None:
        needle = fold(text)
        for i in range(self.tasks.count()):
            item = self.tasks.item(i)
            item.setHidden(bool(needle) and needle not in item.data(FOLDED))

    def _set_shown(self, state) -> None:
        for i in range(self.tasks.count()):
            if not self.tasks.item(i).isHidden():
                self.tasks.item(i).setCheckState(state)

    def _count(self, *_args) -> None:
        chosen = self.carry_ids()
        unknown = sum(1 for task_id in chosen if task_id in self.to_decide)
        self.count.setText(f"Chuyển sang tháng mới: {len(chosen)} / {self.tasks.count()} được chọn — nhiệm vụ cơ quan "
                           f"đã báo cáo chưa xong được chọn sẵn; {len(self.to_decide)} nhiệm vụ CHƯA CÓ BÁO CÁO (nền "
                           f"vàng) chờ quyết định từng nhiệm vụ ({unknown} đã chọn). Nhiệm vụ đã hoàn thành hoặc không "
                           "thực hiện không chuyển.")
        if hasattr(self, "stale"):
            self._show_stale()

    def _check(self) -> None:
        taken = self.chosen_month() in self.taken
        self.warning.setText(f"Đã có kế hoạch tháng {month_label(self.chosen_month())}." if taken else "")
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not taken)
        self._roll()
        self._button_text()
