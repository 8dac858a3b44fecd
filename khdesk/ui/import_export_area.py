"""Tasks in and out: Excel and Word files, rows pasted and copied, the plan exported (a part of
``MainWindow``)."""
from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from ..document.appendix_rows import deadline_text
from ..domain.agency_names import OTHER_PROVINCE
from ..domain.months import month_label
from ..errors import KhdeskError
from .commands import ImportTasks
from .file_dialogs import ask
from .import_dialog import ImportDialog
from .messages import confirm, show_error


def _province_matches(document, matches: dict, facts: list[str]) -> dict:
    """Another province's document: its names are that province's agencies, so none is matched to this
    province's catalogue until the clerk chooses (the preview says why); else ``matches`` as they are."""
    province = document.other_province()
    if not province:
        return matches
    facts.append(f"⚠ Văn bản của tỉnh {province}: tên cơ quan trong đó là cơ quan của tỉnh {province}, nên chưa "
                 "ghép với danh mục của tỉnh này. Chọn cơ quan ở bảng dưới nếu đúng; để trống sẽ tạo cơ quan mới "
                 "trong «Chưa phân loại».")
    return {name: replace(m, agency_id=None, how=OTHER_PROVINCE) for name, m in matches.items()}


def word_facts(plan) -> list[str]:
    """The header of a Word plan as the import preview shows it, above its tasks."""
    f = plan.fields
    number = f"{f.get('number') or '…'}/{f.get('symbol', '')}"
    when = f" ngày {f['issued_on']:%d/%m/%Y}" if f.get("issued_on") else " (chưa có ngày ban hành)"
    facts = [f"{f.get('doc_type', 'KẾ HOẠCH')} số {number}{when} — kế hoạch tháng {month_label(plan.month)} (mới).",
             f"Trích yếu: {f.get('subject') or '(không thấy)'}"]
    parts = [f"căn cứ {len(f.get('grounds', '').splitlines())} đoạn", f"I. {len(f.get('general_tasks', ()))} nhiệm vụ chung",
             f"nơi nhận {len(f.get('recipients', ()))}",
             "người ký: " + (" ".join(x for x in (f.get("signer_authority", ""), f.get("signer_title", ""),
                                                f.get("signer_name", "")) if x) or "(không thấy)")]
    facts.append("; ".join(parts) + ".")
    for text in plan.unplaced[:5]:
        facts.append(f"Giữ nguyên chỗ (không nhận ra): {text[:120]}")
    return facts + plan.notes[:3]


class ImportExportArea:
    """Mixed into ``MainWindow``: uses its session, settings, model and panes."""

    def import_excel(self, path: str | None = None) -> ImportDialog | None:
        """Read the file, show what was understood, and import it on "Nhập" (one undo step)."""
        if not path:
            path = ask(self, self.settings, "Nhập nhiệm vụ từ Excel", "Bảng tính Excel (*.xlsx *.xls);;Mọi tệp (*)")
        if not path:
            return None
        from ..formats.excel.reading import read_table  # (Excel code is loaded when first needed)

        try:
            table = read_table(path)
        except KhdeskError as err:
            show_error(self, str(err))
            return None
        return self._import_table(table)

    def import_word(self, path: str | None = None) -> ImportDialog | None:
        """A whole plan from a Word file (.docx; .doc through LibreOffice): its header and its tasks
        shown before anything is written, then a new month as one undo step. An existing month is
        never overwritten."""
        if not path:
            path = ask(self, self.settings, "Nhập kế hoạch từ Word", "Tệp Word (*.docx *.doc);;Mọi tệp (*)")
        if not path:
            return None
        from ..usecases.importing import match_agencies
        from .commands import ImportWordPlan

        store = self.session.store
        month_asked = False
        plan = self._read_word(path)
        if plan is None:
            return None
        try:
            if plan.month is None:               # the document says no month: the clerk chooses it below
                plan.month, month_asked = f"{date.today():%Y-%m}", True
            if plan.table is None and plan.text_tasks:    # a notice, a plan whose tasks are in its text
                if confirm(self, f"«{Path(path).name}» ({plan.described()}) không có bảng nhiệm vụ nên không thành "
                                 f"một kế hoạch tháng; lời văn của nó giao {len(plan.text_tasks)} nhiệm vụ. Thêm các "
                                 "nhiệm vụ đó vào kế hoạch một tháng (xem trước khi nhập)?", "Xem các nhiệm vụ"):
                    return self.import_document_tasks(path, plan)        # (read once: a .doc converted once)
                return None
            plan.refuse_without_tasks()
        except KhdeskError as err:
            show_error(self, str(err))
            return None

        def existing_plan(month):
            return next((s.plan for s in store.plans.summaries() if s.plan.month == month), None)

        def refuse(month, existing):
            show_error(self, f"Đã có kế hoạch tháng {month_label(month)} (số {existing.number_symbol}); khdesk không "
                             "ghi đè. Muốn thay bằng kế hoạch trong tệp: xóa kế hoạch tháng đó trước, rồi nhập lại.")

        if not month_asked and existing_plan(plan.month) is not None:
            refuse(plan.month, existing_plan(plan.month))
            return None
        facts = word_facts(plan)
        if month_asked:
            facts[0] = facts[0].split(" — ")[0] + " — văn bản không nói tháng nào: hãy chọn tháng ở dưới."
        matches = _province_matches(plan, match_agencies(store, plan.table), facts)
        dialog = ImportDialog(self, store, plan.table, matches, None,
                              title=f"Nhập kế hoạch từ Word — {Path(path).name}", head_facts=facts,
                              fixed_month=None if month_asked else plan.month)
        if month_asked:
            dialog.month_box.setCurrentIndex(dialog.month_box.findData("new"))
        if dialog.exec():
            if month_asked:
                plan.month = dialog.chosen_month()
                if existing_plan(plan.month) is not None:
                    refuse(plan.month, existing_plan(plan.month))
                    return dialog
            plan.table = dialog.chosen_table()              # the rows the clerk kept
            command = ImportWordPlan(self.session, plan, dialog.choices())
            if self.session.execute(command):
                self.select_plan(command.result.plan_id)
                self.statusBar().showMessage(f"Đã nhập kế hoạch tháng {month_label(plan.month)} từ Word. Ctrl+Z để "
                                             "hoàn tác.", 8000)
        return dialog

    def _read_word(self, path: str):
        """The document read off the window's thread (a .doc through LibreOffice takes seconds), with «Hủy»;
        None (and the reason said) when it cannot be read or the clerk stopped it."""
        from ..errors import Cancelled
        from ..formats.word.importing import read_word_plan
        from .background import run_in_background

        name = Path(path).name
        label = (f"Đang chuyển «{name}» sang .docx bằng LibreOffice…" if Path(path).suffix.lower() == ".doc"
                 else f"Đang đọc «{name}»…")
        try:
            return run_in_background(self, label, lambda cancelled: read_word_plan(path, month_required=False,
                                                                                    cancelled=cancelled))
        except Cancelled as err:
            self.statusBar().showMessage(str(err), 8000)
        except KhdeskError as err:
            show_error(self, str(err))
        return None

    def import_document_tasks(self, path: str | None = None, document=None) -> ImportDialog | None:
        """The tasks a document gives — its task table, or its text («Giao Sở X chủ trì …: a) …» of a
        conclusion notice) — added to a month's plan the clerk chooses (the last draft by default), each with
        where it was given; shown first, one undo step. A document of another province matches no agency
        of this one until the clerk chooses."""
        if not path:
            path = ask(self, self.settings, "Nhập nhiệm vụ từ văn bản Word", "Tệp Word (*.docx *.doc);;Mọi tệp (*)")
        if not path:
            return None
        from ..usecases.importing import match_agencies

        store = self.session.store
        document = document or self._read_word(path)
        if document is None:
            return None
        try:
            table = document.tasks_table()
        except KhdeskError as err:
            show_error(self, str(err))
            return None
        if table is None:
            show_error(self, f"«{Path(path).name}» ({document.kind.lower()}) không giao nhiệm vụ nào: không có bảng "
                             "nhiệm vụ, và lời văn không có câu giao việc («Giao Sở X …», «Sở X chủ trì …»).")
            return None
        facts = [f"{document.given_in('')}: {len(table.rows)} nhiệm vụ."]
        matches = _province_matches(document, match_agencies(store, table), facts)
        drafts = [s.plan.month for s in store.plans.summaries() if not s.plan.locked]
        return self._import_table(table, matches=matches, default_month=drafts[-1] if drafts else None,
                                  title=f"Nhập nhiệm vụ từ văn bản — {Path(path).name}", head_facts=facts)

    def paste_rows(self):
        """Rows copied in Excel, LibreOffice or a Word table: the import preview, then one undo step."""
        from PySide6.QtWidgets import QApplication

        from ..formats.excel.pasting import table_from_clipboard

        if not self._editable() and self.plan_id is not None:
            self.statusBar().showMessage(self._why_read_only(), 10000)
            return None
        mime = QApplication.clipboard().mimeData()
        try:
            table = table_from_clipboard(mime.text() if mime.hasText() else "", mime.html() if mime.hasHtml() else "")
        except KhdeskError as err:
            show_error(self, str(err))
            return None
        return self._import_table(table)

    def copy_rows(self) -> int:
        """The selected tasks as rows Excel and Word paste as a table (and khdesk pastes back)."""
        from PySide6.QtCore import QMimeData
        from PySide6.QtWidgets import QApplication

        from ..document.appendix_rows import leads_text
        from ..formats.excel.pasting import rows_as_clipboard

        store = self.session.store
        names = {a.id: a.print_name for a in store.agencies.all()}
        tasks = [store.tasks.get(t) for t in self.selected_task_ids()]
        if not tasks:
            return 0
        header = ["TT", "Nội dung", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời hạn"]
        rows = [[str(t.position), t.content, leads_text(t.lead_agency_ids, names, one_line=True),
                 "; ".join(names.get(a, "") for a in t.coordinator_ids), deadline_text(t)] for t in tasks]
        if not any(r[3] or r[4] for r in rows):
            header, rows = header[:3], [r[:3] for r in rows]
        text, html = rows_as_clipboard(header, rows)
        mime = QMimeData()
        mime.setText(text)
        mime.setHtml(html)
        QApplication.clipboard().setMimeData(mime)
        self.statusBar().showMessage(f"Đã chép {len(tasks)} nhiệm vụ.", 5000)
        return len(tasks)

    def _import_table(self, table, matches=None, default_month: str | None = None, title: str | None = None,
                      head_facts: list[str] = ()) -> ImportDialog | None:
        """What was understood of a file or of pasted rows, shown before anything is written."""
        from ..usecases.importing import match_agencies

        store = self.session.store
        matches = match_agencies(store, table) if matches is None else matches
        month = default_month or (store.plans.get(self.plan_id).month if self.plan_id is not None else None)
        dialog = ImportDialog(self, store, table, matches, month, title=title, head_facts=list(head_facts))
        if dialog.exec():
            table = dialog.chosen_table()                 # the rows the clerk kept
            target = next((s.plan for s in store.plans.summaries() if s.plan.month == dialog.chosen_month()), None)
            if target is not None and target.locked:
                show_error(self, f"Kế hoạch tháng {month_label(target.month)} đã ban hành nên chưa nhập thêm được. "
                                 "Chọn tháng đó rồi bấm «Sửa kế hoạch đã ban hành…», hoặc nhập vào một tháng khác.")
                return dialog
            command = ImportTasks(self.session, table, dialog.chosen_month(), dialog.choices())
            if self.session.execute(command):
                self.select_plan(command.result.plan_id)
                unfiltered = self._show_everything()          # the new rows must be seen, not hidden by a filter
                self.statusBar().showMessage(f"Đã nhập: {command.result.summary(store)}. Ctrl+Z để hoàn tác."
                                             + (" Đã bỏ lọc để hiện các nhiệm vụ vừa nhập." if unfiltered else ""), 8000)
        return dialog

    def export_excel(self, path: str | None = None) -> None:
        from ..usecases.exporting import export_plan

        def write(store, month, target):
            tasks = self.model.tasks()
            options = self.appendix_options(with_coordinators=any(t.coordinator_ids for t in tasks),
                                            with_deadline=any(t.deadline_text or t.due_date for t in tasks))
            return f"Đã xuất {export_plan(store, month, target, options)} nhiệm vụ ra «{target}»."

        self._export("Xuất ra Excel", "xlsx", "Bảng tính Excel (*.xlsx)", write, path)

    def export_word(self, path: str | None = None) -> None:
        """The plan and its appendix as a .docx the leaders can amend in Word."""
        from ..usecases.exporting import export_docx

        def write(store, month, target):
            export_docx(store, month, target, "all", options=self.appendix_options())
            return f"Đã xuất kế hoạch và phụ lục ra «{target}»."

        self._export("Xuất ra Word", "docx", "Văn bản Word (*.docx)", write, path)

    def export_comparison(self, path: str | None = None) -> None:
        """The month beside the one before it (the panel's «So với tháng trước») as .xlsx."""
        from ..usecases.exporting import export_comparison

        def write(store, month, target):
            sheets = export_comparison(store, month, target, self.model.today())
            return f"Đã xuất so sánh với tháng trước ({sheets} trang tính) ra «{target}»."

        self._export("So sánh với tháng trước — xuất ra Excel", "xlsx", "Bảng tính Excel (*.xlsx)", write, path,
                     "so-sanh")

    def _export(self, title: str, suffix: str, file_filter: str, write, path: str | None,
                name: str = "ke-hoach") -> None:
        """Ask where (unless ``path`` is given), write, and say what happened."""
        if self.plan_id is None:
            return
        plan = self.session.store.plans.get(self.plan_id)
        if not path:
            path = ask(self, self.settings, title, file_filter, save_as=f"{name}-{plan.month}.{suffix}")
        if not path:
            return
        try:
            message = write(self.session.store, plan.month, path)
        except KhdeskError as err:
            show_error(self, str(err))
            return
        self.statusBar().showMessage(message, 8000)
