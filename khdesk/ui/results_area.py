"""Follow-up by the agencies: an agency's result sheet out, the filled-in sheet back (a part of
``MainWindow``)."""
from __future__ import annotations

from ..errors import KhdeskError
from .file_dialogs import ask
from .messages import show_error


class ResultsArea:
    """Mixed into ``MainWindow``: uses its session, settings, model and panes."""

    def export_results(self, agency_id: int | None = None, path: str | None = None) -> None:
        """The result sheet of one lead agency (the one selected in the tree, else asked for)."""
        from ..domain.text import fold
        from ..usecases.results import export_results
        from .agency_tree import PickAgencyDialog
        from .identity_question import settle_identity

        plan = self.current_plan()
        if plan is None:
            return
        store = self.session.store
        if agency_id is None:
            chosen = self.tree.selected_id()
            if chosen not in (None, -1) and store.agencies.get(chosen).kind != "group":
                agency_id = chosen
            else:
                leads = {a for t in self.model.tasks() for a in t.lead_agency_ids}
                dialog = PickAgencyDialog(self, "Xuất bảng kết quả cho cơ quan", "Cơ quan chủ trì:",
                                          [a for a in store.agencies.all() if a.id in leads], allow_none=False)
                if not dialog.exec() or dialog.picker.current_agency_id() is None:
                    return
                agency_id = dialog.picker.current_agency_id()
        agency = store.agencies.get(agency_id)
        if not settle_identity(self, store):
            return
        if not path:
            slug = "-".join(fold(agency.print_name).split())
            path = ask(self, self.settings, "Xuất bảng kết quả", "Bảng tính Excel (*.xlsx)",
                       save_as=f"ket-qua-{slug}-{plan.month}.xlsx")
        if not path:
            return
        try:
            count = export_results(store, plan.month, agency_id, path)
        except KhdeskError as err:
            show_error(self, str(err))
            return
        self.statusBar().showMessage(f"Đã xuất {count} nhiệm vụ của «{agency.print_name}» ra «{path}».", 8000)

    def import_results(self, path: str | None = None):
        """An agency's filled-in sheet: what it changes shown first, then one undo step."""
        from ..usecases.results import read_results
        from .commands import ImportResults
        from .identity_question import settle_identity
        from .results_dialog import ResultsDialog

        store = self.session.store
        if not settle_identity(self, store):
            return None
        if not path:
            path = ask(self, self.settings, "Nhập bảng kết quả", "Bảng tính Excel (*.xlsx)")
        if not path:
            return None
        try:
            sheet = read_results(store, path)
        except KhdeskError as err:
            show_error(self, str(err))
            return None
        target = store.plans.by_month(sheet.month)       # (issued or not: results are follow-up)
        dialog = ResultsDialog(self, sheet)
        if dialog.exec() and self.session.execute(ImportResults(self.session, sheet)):
            self.select_plan(target.id)
            self.statusBar().showMessage(f"Đã nhập kết quả của «{sheet.agency}». Ctrl+Z để hoàn tác.", 8000)
        return dialog
