"""Filtering the grid (agency, kind of task) and searching all months (a part of ``MainWindow``)."""
from __future__ import annotations


class SearchArea:
    """Mixed into ``MainWindow``: uses its session, settings, model and panes."""

    def _agency_filter(self, agency_ids) -> None:
        self.proxy.set_agencies(agency_ids)
        self._update_status()

    def _show_everything(self) -> bool:
        """Every task of the plan in the grid (search, status and agency filters off); whether any was on.
        (Rows pasted while «Hiện: Hoàn thành» was chosen were added but not shown.)"""
        if not self.proxy.is_filtering():
            return False
        self.search.clear()
        self.tree.select(-1)
        self.show_kind("total")
        return True

    def show_kind(self, kind: str, agency_ids: set[int] | None = None, counting=None) -> None:
        """The grid shows the tasks counted in one figure (of one agency, when given), counted as the grid
        counts today or as ``counting`` does (a figure of the panel, as of the period's cut-off)."""
        index = self.kind_box.findData(kind)
        if index >= 0 and self.kind_box.currentIndex() != index:
            self.kind_box.blockSignals(True)
            self.kind_box.setCurrentIndex(index)
            self.kind_box.blockSignals(False)
        self.proxy.set_kind(kind, counting)
        if agency_ids is not None:
            self.tree.select(next(iter(agency_ids)) if len(agency_ids) == 1 else -1)
        self._update_status()

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _search_changed(self, text: str) -> None:
        if self.all_months.isChecked():
            self.proxy.set_query("")
            self._fill_results(text)
        else:
            self.results_dock.hide()
            self.proxy.set_query(text)
        self._update_status()

    def _fill_results(self, text: str) -> None:
        self.results_model.set_query(text)
        self.results_dock.setWindowTitle(f"Kết quả tìm trong mọi tháng: {self.results_model.total}")
        self.results_dock.setVisible(bool(text.strip()))

    def _open_result(self, index) -> None:
        hit = self.results_model.hit(index.row())
        self.select_plan(hit.task.plan_id)
        self.select_task(hit.task.id)
