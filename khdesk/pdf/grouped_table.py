"""A table that lays itself out page by page, with one column merged over groups of rows.

reportlab's own Table cannot print the appendix as a typist would: a SPAN moves a whole group to
the next page and leaves a hole, and a group or a row taller than a page fails
(``../shared/docs/pitfalls.md`` §1.2–1.4). This flowable measures every row once, then fills each
page itself:

* rows are kept whole when they fit;
* a row that does not fit is moved to the next page only when the page is already at least
  ``min_fill`` full; otherwise it is split between the pages (so is a row taller than a page);
* the merged column is drawn as one cell per group *fragment* (the rows of a group on one page),
  with its text centred and repeated on every page the group continues on;
* the header row is repeated on every page and never stands alone.

Cost is linear in the number of rows: each row is wrapped once, and each page looks only at its
own rows.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from reportlab.platypus import Flowable, PageBreak, Paragraph

PAD_X, PAD_TOP, PAD_BOTTOM = 4.0, 2.5, 4.0
LINE_WIDTH = 0.5


@dataclass
class Row:
    """One row: a Paragraph (or None) per column except the merged one, and its group number.
    ``continued`` rows are the rest of a row split at a page break."""
    cells: list[Paragraph | None]
    group: int
    continued: bool = False
    height: float = field(default=0.0, init=False)


@dataclass
class _Placed:
    row: Row
    height: float          # as drawn (the last row of a fragment may be taller than its text)


class GroupedTable(Flowable):
    def __init__(self, widths: list[float], header: list[Paragraph], rows: list[Row],
                 groups: list[Paragraph], merge_col: int, frame_height: float, min_fill: float = 0.75,
                 min_split_lines: int = 2, _measured: dict | None = None):
        super().__init__()
        self.widths = widths
        self.header = header
        self.rows = rows
        self.groups = groups
        self.merge_col = merge_col
        self.frame_height = frame_height
        self.min_fill = min_fill
        self.min_split_lines = min_split_lines
        self._m = _measured if _measured is not None else self._measure_shared()
        self._layout_cache: tuple | None = None
        self.width = sum(widths)

    # ----- measuring (once per table, shared by the pieces it splits into) ---------------------
    def _cell_width(self, col: int) -> float:
        return self.widths[col] - 2 * PAD_X

    def _other_cols(self) -> list[int]:
        return [c for c in range(len(self.widths)) if c != self.merge_col]

    def _measure_shared(self) -> dict:
        header_h = max(p.wrap(self._cell_width(c), 1e9)[1] for c, p in enumerate(self.header)) + PAD_TOP + PAD_BOTTOM
        group_h = [p.wrap(self._cell_width(self.merge_col), 1e9)[1] + PAD_TOP + PAD_BOTTOM for p in self.groups]
        return {"header_h": header_h, "group_h": group_h}

    def _row_height(self, row: Row) -> float:
        if not row.height:
            text_h = 0.0
            for col, cell in zip(self._other_cols(), row.cells):
                if cell is not None:
                    text_h = max(text_h, cell.wrap(self._cell_width(col), 1e9)[1])
            row.height = max(text_h, self._line_height()) + PAD_TOP + PAD_BOTTOM
        return row.height

    def _line_height(self) -> float:
        for cell in self.rows[0].cells if self.rows else ():
            if cell is not None:
                return cell.style.leading
        return 15.0

    # ----- laying out one page -------------------------------------------------------------
    def _layout(self, avail: float):
        """The rows that go on a page with ``avail`` points left: (placed rows, rest rows or None)."""
        if self._layout_cache and self._layout_cache[0] == avail:
            return self._layout_cache[1]
        header_h = self._m["header_h"]
        group_h = self._m["group_h"]
        used_before = self.frame_height - avail          # the page above the table (headings)
        placed: list[_Placed] = []
        h = header_h
        frag_rows_h = 0.0                                 # rows of the current group fragment
        rest = None
        for i, row in enumerate(self.rows):
            rh = self._row_height(row)
            same_group = bool(placed) and placed[-1].row.group == row.group
            frag = (frag_rows_h if same_group else 0.0) + rh
            # the fragment must be tall enough for its agency name, should the page end here
            pad = max(0.0, group_h[row.group] - frag)
            if h + rh + pad <= avail:
                placed.append(_Placed(row, rh))
                h += rh
                frag_rows_h = frag
                continue
            # the row does not fit: move it whole, or split it
            fill = (used_before + h) / self.frame_height
            fits_a_page = header_h + rh <= self.frame_height
            if placed and fits_a_page and fill >= self.min_fill:
                rest = self.rows[i:]
                break
            room = avail - h - PAD_TOP - PAD_BOTTOM
            head, tail = self._split_row(row, room)
            if head is None:                               # not even a few lines fit
                rest = self.rows[i:]
                break
            hh = self._row_height(head)
            if same_group:
                hh = max(hh, group_h[row.group] - frag_rows_h)
            else:
                hh = max(hh, group_h[row.group])
            hh = min(hh, avail - h)
            placed.append(_Placed(head, hh))
            h += hh
            rest = [tail] + self.rows[i + 1:]
            break
        if not placed:
            result = ([], self.rows)
        else:
            self._pad_fragments(placed)
            result = (placed, rest)
        self._layout_cache = (avail, result)
        return result

    def _pad_fragments(self, placed: list[_Placed]) -> None:
        """Make each fragment at least as tall as its group's name: the last row takes the rest."""
        group_h = self._m["group_h"]
        start = 0
        for i in range(1, len(placed) + 1):
            if i == len(placed) or placed[i].row.group != placed[start].row.group:
                total = sum(p.height for p in placed[start:i])
                need = group_h[placed[start].row.group] - total
                if need > 0:
                    placed[i - 1].height += need
                start = i

    def _split_row(self, row: Row, room: float) -> tuple[Row | None, Row | None]:
        """Split a row so that its first part is at most ``room`` points of text high."""
        if room < self.min_split_lines * self._line_height():
            return None, None
        heads, tails = [], []
        for col, cell in zip(self._other_cols(), row.cells):
            if cell is None:
                heads.append(None)
                tails.append(None)
                continue
            w = self._cell_width(col)
            if cell.wrap(w, 1e9)[1] <= room:
                heads.append(cell)
                tails.append(None)
                continue
            parts = cell.split(w, room)
            if len(parts) != 2:
                return None, None
            heads.append(parts[0])
            tails.append(parts[1])
        head = Row(heads, row.group, row.continued)
        tail = Row(tails, row.group, continued=True)
        return head, tail

    # ----- the Flowable protocol -----------------------------------------------------------
    def wrap(self, availWidth, availHeight):
        placed, rest = self._layout(availHeight)
        if rest is None:                          # the rest of the table fits here
            self._last_page = _TablePage(self, placed)
            self.height = self._last_page.height
        else:
            self._last_page = None
            self.height = availHeight + 1         # does not fit: the frame will ask for a split
        return self.width, self.height

    def split(self, availWidth, availHeight):
        placed, rest = self._layout(availHeight)
        if not placed:
            return []
        page = _TablePage(self, placed)
        if rest is None:
            return [page]
        # the page is done: the rest starts on the next page, even if a sliver of space is left
        return [page, PageBreak(), self._with_rows(rest)]

    def _with_rows(self, rows: list[Row]) -> "GroupedTable":
        return GroupedTable(self.widths, self.header, rows, self.groups, self.merge_col, self.frame_height,
                            self.min_fill, self.min_split_lines, _measured=self._m)

    def draw(self):
        self._last_page.drawOn(self.canv, 0, 0)


class _TablePage(Flowable):
    """The part of a GroupedTable on one page, laid out and ready to draw."""

    def __init__(self, table: GroupedTable, placed: list[_Placed]):
        super().__init__()
        self.t = table
        self.placed = placed
        self.width = table.width
        self.height = table._m["header_h"] + sum(p.height for p in placed)

    def wrap(self, availWidth, availHeight):
        return self.width, self.height

    def draw(self):
        t, c = self.t, self.canv
        xs = [0.0]
        for w in t.widths:
            xs.append(xs[-1] + w)
        top = self.height
        header_h = t._m["header_h"]
        c.saveState()
        c.setLineWidth(LINE_WIDTH)
        c.setStrokeColorRGB(0, 0, 0)
        c.setFillColorRGB(0, 0, 0)
        # header
        for col, p in enumerate(t.header):
            _, ph = p.wrap(t._cell_width(col), 1e9)
            p.drawOn(c, xs[col] + PAD_X, top - (header_h + ph) / 2 - (PAD_BOTTOM - PAD_TOP) / 2)
        y = top - header_h
        c.line(0, y, self.width, y)
        # rows, and the merged column fragment by fragment
        others = t._other_cols()
        frag_top, frag_group = y, None
        for i, placed in enumerate(self.placed):
            row, rh = placed.row, placed.height
            for col, cell in zip(others, row.cells):
                if cell is None:
                    continue
                _, ph = cell.wrap(t._cell_width(col), 1e9)
                if col == 0:   # TT: centred both ways
                    cell.drawOn(c, xs[col] + PAD_X, y - (rh + ph) / 2 - (PAD_BOTTOM - PAD_TOP) / 2)
                else:
                    cell.drawOn(c, xs[col] + PAD_X, y - PAD_TOP - ph)
            if frag_group is None:
                frag_top, frag_group = y, row.group
            y -= rh
            last_of_fragment = i + 1 == len(self.placed) or self.placed[i + 1].row.group != row.group
            for col in others:                      # row rule, except across the merged column
                c.line(xs[col], y, xs[col + 1], y)
            if last_of_fragment:
                name = t.groups[row.group]
                _, nh = name.wrap(t._cell_width(t.merge_col), 1e9)
                frag_h = frag_top - y
                name.drawOn(c, xs[t.merge_col] + PAD_X, y + (frag_h - nh) / 2 + (PAD_BOTTOM - PAD_TOP) / 2)
                c.line(xs[t.merge_col], y, xs[t.merge_col + 1], y)
                frag_group = None
        # column rules and the box
        for x in xs:
            c.line(x, 0, x, top)
        c.line(0, top, self.width, top)
        c.restoreState()
