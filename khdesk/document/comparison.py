"""A month beside the one before it (``domain.month_compare``) as tables of words and numbers: what the
panel's «So với tháng trước» tab, ``khdesk compare`` and its .xlsx show, built once."""
from __future__ import annotations

from dataclasses import dataclass

from ..domain.month_compare import Comparison, dropped_state
from ..domain.months import month_label
from ..domain.periods import Period, short
from ..domain.progress import percent
from .appendix_rows import leads_text


@dataclass(frozen=True)
class Table:
    name: str                    # the sheet's name
    title: str
    header: tuple[str, ...]
    rows: list[list]             # numbers stay numbers
    widths: tuple[int, ...]      # in characters, for a sheet


@dataclass(frozen=True)
class ComparisonTables:
    title: str                   # «SO SÁNH KẾ HOẠCH THÁNG 6/2024 VỚI THÁNG 5/2024»
    counted: str                 # «Số liệu tính từ ngày 15/5/2024 đến ngày 14/6/2024»
    summary: str                 # the figures in one sentence
    tables: tuple[Table, ...]

    def texts(self) -> list[tuple[str, str]]:
        return [("so sánh", t) for t in (self.title, self.counted, self.summary)] + [
            ("so sánh", str(v)) for table in self.tables for row in table.rows for v in row if isinstance(v, str)]


def comparison_tables(comparison: Comparison, names: dict[int, str], period: Period) -> ComparisonTables:
    """``names``: each agency's printed name; ``period``: the month's reporting period (its words)."""
    c = comparison
    before = f"tháng {month_label(c.previous.month)}" if c.previous else "(chưa có kế hoạch trước)"
    title = f"SO SÁNH KẾ HOẠCH THÁNG {month_label(c.plan.month)} VỚI {before.upper()}"
    counted = period.words() + ("" if c.counting.today == period.end else f", tính đến ngày {short(c.counting.today)}")
    from_last = sum(1 for _, carry in c.carried if carry.times == 1)
    summary = (f"Tháng {month_label(c.plan.month)}: {len(c.new) + len(c.carried)} nhiệm vụ — {len(c.new)} mới, "
               f"{len(c.carried)} chuyển tiếp ({from_last} từ tháng trước, {len(c.carried) - from_last} đã chuyển "
               "nhiều lần)" + (f"; {len(c.left_behind)} nhiệm vụ {before} chưa hoàn thành mà không chuyển sang."
                                if c.previous else "."))

    def lead(task):
        return leads_text(task.lead_agency_ids, names, one_line=True)

    agencies = Table("Theo cơ quan", "THEO CƠ QUAN CHỦ TRÌ, XẾP THEO TỶ LỆ HOÀN THÀNH",
                     ("Hạng", "Cơ quan chủ trì", "Tổng số", "Mới", "Chuyển tiếp", "Hoàn thành", "Tỷ lệ hoàn thành",
                      "Tháng trước bỏ lại", "Đánh giá"),
                     [[i if r.total else "", names.get(r.agency_id, "(chưa có cơ quan chủ trì)") if r.agency_id
                       else "(chưa có cơ quan chủ trì)", r.total, r.new, r.carried, r.done,
                       percent(r.done, r.total) if r.total else "", r.left_behind, r.judged]
                      for i, r in enumerate(c.agencies, 1)],
                     (6, 40, 10, 8, 12, 12, 12, 12, 10))
    carried = Table("Chuyển tiếp", "NHIỆM VỤ CHUYỂN TIẾP", ("TT", "Nội dung", "Cơ quan chủ trì", "Chuyển tiếp"),
                    [[t.position, t.content, lead(t), carry.words()] for t, carry in c.carried], (6, 70, 26, 30))
    new = Table("Mới", "NHIỆM VỤ MỚI", ("TT", "Nội dung", "Cơ quan chủ trì"),
                [[t.position, t.content, lead(t)] for t in c.new], (6, 80, 26))
    left = Table("Không chuyển sang", f"NHIỆM VỤ {before.upper()} CHƯA HOÀN THÀNH, KHÔNG CHUYỂN SANG",
                 ("TT", "Nội dung", "Cơ quan chủ trì", "Tình trạng"),
                 [[t.position, t.content, lead(t), dropped_state(t)] for t in c.left_behind], (6, 70, 26, 30))
    longest = Table("Quá hạn lâu nhất", "NHIỆM VỤ QUÁ HẠN LÂU NHẤT",
                    ("TT", "Nội dung", "Cơ quan chủ trì", "Quá hạn (ngày làm việc)", "Hạn đầu tiên", "Chuyển tiếp"),
                    [[o.task.position, o.task.content, lead(o.task), o.working_days, f"{o.since:%d/%m/%Y}",
                      o.carry.words()] for o in c.longest], (6, 60, 26, 14, 12, 30))
    return ComparisonTables(title, counted, summary, (agencies, carried, new, left, longest))
