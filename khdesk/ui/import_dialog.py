"""Import from Excel: what khdesk understood of the file, shown before anything is written; the
clerk can re-point each agency, choose the month, then "Nhập" stores all rows or none."""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..db import Store
from ..domain.agency_names import AMBIGUOUS, CLOSE, LEGACY, NOT_AN_AGENCY, OTHER_PROVINCE
from ..domain.months import month_label, next_month
from ..formats.excel.pasting import PASTED
from ..formats.tables import COLUMN_NAMES, ImportTable, column_letter
from ..usecases.importing import UNSORTED_GROUP, AgencyMatch
from .agency_picker import AgencyPicker
from .messages import fit_to_screen, ok_cancel_buttons

NEW_MONTH = "new"
GUESS_BRUSH = QBrush(QColor(255, 243, 205))
PROBLEM_BRUSH = QBrush(QColor(255, 205, 205))


class ImportDialog(QDialog):
    def __init__(self, parent, store: Store, table: ImportTable, matches: dict[str, AgencyMatch],
                 default_month: str | None, title: str | None = None, head_facts: list[str] = (),
                 fixed_month: str | None = None):
        """``title``, ``head_facts`` and ``fixed_month``: a whole plan from Word (its header shown
        above the tasks, its month the document's own)."""
        super().__init__(parent)
        pasted = table.path == PASTED
        self.setWindowTitle(title or ("Dán nhiệm vụ — xem trước khi nhập" if pasted else
                                      f"Nhập từ Excel — {table.path.name}"))
        self.table, self.matches = table, matches
        columns = ", ".join(f"{COLUMN_NAMES[k]} (cột {column_letter(c)})" for k, c in table.columns.items())
        where = (f"Bảng đã dán ({table.sheet})" if pasted else f"Trang «{table.sheet}»") + (
            f", dòng tiêu đề {table.header_row}" if table.header_row else ", không có dòng tiêu đề")
        from_text = not table.columns              # tasks a document gives in its text: no table, no columns
        facts = [*head_facts, "Cột TT là mục của văn bản; bỏ dấu ở ô TT để không nhập nhiệm vụ đó." if from_text
                 else f"{where}: {columns}.",
                 f"{len(table.rows)} nhiệm vụ, {len(matches)} cơ quan, {table.converted_cells} ô chuyển mã "
                 "từ phông cũ (TCVN3/VNI)."]
        if getattr(table, "month", None) and not fixed_month:
            facts.append(f"Bảng ghi tháng {month_label(table.month)}: «Nhập vào» chọn sẵn tháng đó.")
        if table.unplaced:
            facts.append("Cột không dùng: " + "; ".join(f"«{t}»" for t in table.unplaced) + ".")
        facts += table.notes[:8]
        if table.problems:                               # the whole table is shown; these cells block the import
            facts += [f"⚠ {text}." for text in list(table.problems.values())[:5]]
            facts.append("Sửa các ô này trong tệp (hoặc trong bảng đã chép) rồi nhập lại; chưa nhập dòng nào.")
        info = QLabel("\n".join(facts))
        info.setWordWrap(True)
        if not table.header_row and not from_text:       # the columns were guessed: shown as a guess
            info.setStyleSheet(f"background: {GUESS_BRUSH.color().name()}; padding: 4px")

        self.rows = QTableWidget(len(table.rows), 3)
        self.rows.setHorizontalHeaderLabels(["TT", "Nội dung", "Cơ quan chủ trì (trong tệp)"])
        for r, row in enumerate(table.rows):
            for c, text in enumerate((row.tt, " ".join(row.content.split()), "; ".join(row.leads))):
                item = QTableWidgetItem(text)
                item.setToolTip(table.problems.get(row.source_row) or (row.content if c == 1 else text))
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                if c == 0:                                # each row can be left out
                    item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                    item.setCheckState(Qt.CheckState.Checked)
                    if row.given_in:
                        item.setToolTip(row.given_in)
                if c == 2 and not row.leads:
                    item.setText("(chưa rõ — chọn sau trong ô Cơ quan chủ trì)")
                    item.setBackground(GUESS_BRUSH)
                if row.source_row in table.problems:
                    item.setBackground(PROBLEM_BRUSH)
                self.rows.setItem(r, c, item)
        self.rows.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        # TT with its check box: wide enough for «II.2.đ» or «VII.3.4.b»
        longest = max((self.rows.fontMetrics().horizontalAdvance(row.tt) for row in table.rows), default=0)
        self.rows.setColumnWidth(0, max(60, longest + 44))
        self.rows.setColumnWidth(2, 240)
        self.rows.verticalHeader().setVisible(False)

        self.agencies = QTableWidget(len(matches), 3)
        self.agencies.setHorizontalHeaderLabels(["Tên trong tệp", "Khớp", "Cơ quan trong danh mục"])
        self.pickers: dict[str, AgencyPicker] = {}
        catalogue = store.agencies.all()
        for r, (name, match) in enumerate(matches.items()):
            self.agencies.setItem(r, 0, QTableWidgetItem(name))
            how = QTableWidgetItem(match.how)
            if match.how == AMBIGUOUS:                   # never decided for the clerk
                options = " hoặc ".join(f"«{store.agencies.get(a).print_name}»" for a in match.candidates)
                how.setToolTip(f"Có thể là {options}. Hãy chọn ở cột bên phải; để trống sẽ tạo cơ quan mới.")
            elif match.how == CLOSE:
                how.setToolTip("Tên viết gần giống; hãy kiểm tra lại cơ quan được chọn.")
            elif match.how == LEGACY:
                how.setToolTip("Tên gõ bằng phông cũ (TCVN3/VNI); khớp sau khi chuyển mã. Hãy kiểm tra lại.")
            elif match.how == NOT_AN_AGENCY:
                how.setToolTip("Ô này không ghi tên một cơ quan: giữ thành chữ «Chủ trì: …» trong nội dung nhiệm vụ, "
                               "không tạo cơ quan mới. Chọn một cơ quan ở cột bên phải nếu biết.")
            elif match.how == OTHER_PROVINCE:
                how.setToolTip("Cơ quan của tỉnh khác: chọn cơ quan của tỉnh này nếu đúng; để trống sẽ tạo mới.")
            if match.how in (AMBIGUOUS, CLOSE, LEGACY, OTHER_PROVINCE, NOT_AN_AGENCY):  # a guess, shown as one
                for item in (how, self.agencies.item(r, 0)):
                    item.setBackground(GUESS_BRUSH)
            self.agencies.setItem(r, 1, how)
            picker = AgencyPicker(self.agencies)
            picker.set_agencies(catalogue)
            picker.set_agency_id(match.agency_id)
            if match.how == AMBIGUOUS:
                picker.lineEdit().setPlaceholderText(f"Chọn: {options} (để trống: tạo mới)")
            elif match.how == NOT_AN_AGENCY:
                picker.lineEdit().setPlaceholderText("(giữ thành chữ trong nội dung)")
            else:
                picker.lineEdit().setPlaceholderText(f"(tạo mới trong «{UNSORTED_GROUP}»)")
            self.agencies.setCellWidget(r, 2, picker)
            self.pickers[name] = picker
        self.agencies.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.agencies.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.agencies.verticalHeader().setVisible(False)

        self.month_box = QComboBox()
        plans = {s.plan.month: s.plan for s in store.plans.summaries()}
        for month, plan in reversed(plans.items()):
            if plan.locked:                  # offered, but not to be chosen: an issued plan takes no new tasks
                self.month_box.addItem(f"Kế hoạch tháng {month_label(month)} (đã ban hành — không thêm vào được)", month)
                self.month_box.model().item(self.month_box.count() - 1).setEnabled(False)
            else:
                self.month_box.addItem(f"Thêm vào kế hoạch tháng {month_label(month)}", month)
        self.month_box.addItem("Kế hoạch tháng mới…", NEW_MONTH)
        # the month the sheet says it is for, then the month shown in the window; never an issued plan
        stated = getattr(table, "month", None)
        wanted = stated or default_month
        target = plans.get(wanted) if wanted else None
        if target is not None and not target.locked:
            self.month_box.setCurrentIndex(self.month_box.findData(wanted))
        elif stated and target is None or (target is not None and target.locked):
            self.month_box.setCurrentIndex(self.month_box.findData(NEW_MONTH))
        else:
            first = next((i for i in range(self.month_box.count())
                          if self.month_box.model().item(i).isEnabled()), self.month_box.count() - 1)
            self.month_box.setCurrentIndex(first)
        # a new month: the sheet's, else the month after the last plan (not today's: 12/2026 was offered
        # beside plans of 2024), else today's
        start = stated if stated and stated not in plans else (next_month(max(plans)) if plans else f"{date.today():%Y-%m}")
        self.new_month = QSpinBox()
        self.new_month.setRange(1, 12)
        self.new_month.setValue(int(start[5:]))
        self.new_year = QSpinBox()
        self.new_year.setRange(2000, 2999)
        self.new_year.setValue(int(start[:4]))
        new_row = QHBoxLayout()
        new_row.addWidget(QLabel("tháng"))
        new_row.addWidget(self.new_month)
        new_row.addWidget(QLabel("năm"))
        new_row.addWidget(self.new_year)
        new_row.addStretch(1)
        self.new_box = QWidget()
        self.new_box.setLayout(new_row)
        self.month_box.currentIndexChanged.connect(self._month_mode)
        if fixed_month:                                   # the document's month, a new plan
            self.month_box.setCurrentIndex(self.month_box.findData(NEW_MONTH))
            self.new_year.setValue(int(fixed_month[:4]))
            self.new_month.setValue(int(fixed_month[5:]))
            for widget in (self.month_box, self.new_year, self.new_month):
                widget.setEnabled(False)
        self._month_mode()
        form = QFormLayout()
        form.addRow("Nhập vào:", self.month_box)
        form.addRow("", self.new_box)

        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.rows)
        split.addWidget(self.agencies)
        self.buttons = ok_cancel_buttons(self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not table.problems)
        self._count_kept()
        self.rows.itemChanged.connect(lambda _item: self._count_kept())
        layout = QVBoxLayout(self)
        layout.addWidget(info)
        layout.addWidget(split, 1)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        fit_to_screen(self, 980, 760)

    def _month_mode(self) -> None:
        self.new_box.setVisible(self.month_box.currentData() == NEW_MONTH)

    def kept(self) -> list[bool]:
        return [self.rows.item(r, 0).checkState() == Qt.CheckState.Checked for r in range(self.rows.rowCount())]

    def _count_kept(self) -> None:
        count = sum(self.kept())
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(f"Nhập {count} nhiệm vụ")
        ok.setEnabled(count > 0 and not self.table.problems)

    def chosen_table(self):
        """The table with only the rows the clerk kept (and the agencies those rows name)."""
        from dataclasses import replace

        return replace(self.table, rows=[row for row, keep in zip(self.table.rows, self.kept()) if keep])

    def chosen_month(self) -> str:
        if self.month_box.currentData() == NEW_MONTH:
            return f"{self.new_year.value():04d}-{self.new_month.value():02d}"
        return self.month_box.currentData()

    def choices(self) -> dict[str, int | None]:
        """Agency name in the file → agency id; None creates it under "Chưa phân loại"."""
        return {name: picker.current_agency_id() for name, picker in self.pickers.items()}

