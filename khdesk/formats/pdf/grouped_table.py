"""A table that lays itself out page by page, with one column merged over groups of rows.

reportlab's own Table cannot print the appendix as a typist would: a SPAN moves a whole group to
the next page and leaves a hole, and a group or a row taller than a page fails
(``../shared/docs/pitfalls.md`` §1.2–1.4). This flowable measures every row once, then fills each
page itself. The rules, in the order they are applied to the row that comes next:

* a row is placed whole when it fits, together with the room its group's name needs should the
  page end under it (a *fragment* — the rows of one group on one page — is never shorter than the
  name it shows: its last row is made taller);
* a row that does not fit is moved to the next page only when the page is already at least
  ``min_fill`` full and either the row (with its group's name) fits on a fresh page or its group's
  name would have to be cut here; otherwise it is split between the pages, and so is a row taller
  than a page;
* the name is printed centred in each fragment and repeated whole on every page its group
  continues on. Only a name too tall for the room a page leaves it (it cannot be moved, see above)
  is split like text: the fragment then runs to the foot of the page and the rest of the name opens
  the next page, above the rest of the group (or an empty continuation row);
* the header row is repeated on every page and never stands alone.

Every page places at least part of a row, so the layout always ends; its cost is linear in the
number of rows: each row is wrapped once, and each page looks only at its own rows.
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
    # what a cell that ended on the page before shows where the row goes on (the task's number in TT:
    # an empty TT cell on the next page read as a row with no task)
    repeat: dict[int, Paragraph] = field(default_factory=dict)
    height: float = field(default=0.0, init=False)


@dataclass
class _Placed:
    row: Row
    height: float          # as drawn (the last row of a fragment may be taller than its text)


@dataclass
class _Fragment:
    """The rows of one group on one page: placed[first:last + 1], under the name ``name``."""
    group: int
    top: float             # where it starts, measured down from the top of the table
    name: Paragraph | None
    name_h: float
    first: int
    rows_h: float = 0.0
    last: int = -1


@dataclass
class _Rest:
    """Where the next page starts: row ``index`` of the table (``row`` replaces it when it is the
    tail of a split row) and the name its first fragment shows (None: the group's own name)."""
    index: int
    row: Row | None = None
    name: Paragraph | None = None


class GroupedTable(Flowable):
    def __init__(self, widths: list[float], header: list[Paragraph], rows: list[Row],
                 groups: list[Paragraph], merge_col: int, frame_height: float, min_fill: float = 0.75,
                 min_split_lines: int = 2, *, _start: _Rest | None = None, _measured: dict | None = None):
        super().__init__()
        self.widths = widths
        self.header = header
        self.rows = rows
        self.groups = groups
        self.merge_col = merge_col
        self.frame_height = frame_height
        self.min_fill = min_fill
        self.min_split_lines = min_split_lines
        self.start = _start or _Rest(0)
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
        group_h = [self._name_height(p) for p in self.groups]
        line = next((cell.style.leading for row in self.rows[:1] for cell in row.cells if cell is not None), 15.0)
        return {"header_h": header_h, "group_h": group_h, "line": line}

    def _name_height(self, name: Paragraph | None) -> float:
        if name is None:
            return 0.0
        return name.wrap(self._cell_width(self.merge_col), 1e9)[1] + PAD_TOP + PAD_BOTTOM

    def _row_height(self, row: Row) -> float:
        if not row.height:
            text_h = 0.0
            for col, cell in zip(self._other_cols(), row.cells):
                if cell is not None:
                    text_h = max(text_h, cell.wrap(self._cell_width(col), 1e9)[1])
            row.height = max(text_h, self._m["line"]) + PAD_TOP + PAD_BOTTOM
        return row.height

    # ----- laying out one page -------------------------------------------------------------
    def _layout(self, avail: float):
        """What goes on a page with ``avail`` points left: (placed rows, fragments, rest or None)."""
        if self._layout_cache and self._layout_cache[0] == avail:
            return self._layout_cache[1]
        result = self._fill_page(avail)
        self._layout_cache = (avail, result)
        return result

    def _fill_page(self, avail: float):
        page_h, header_h = self.frame_height, self._m["header_h"]
        used_before = page_h - avail                      # the part of the page above the table
        placed: list[_Placed] = []
        frags: list[_Fragment] = []
        h = header_h
        frag: _Fragment | None = None
        i = self.start.index
        while i < len(self.rows):
            row = self.start.row if (i == self.start.index and self.start.row is not None) else self.rows[i]
            rh = self._row_height(row)
            if frag is None or frag.group != row.group:
                if frag is not None:
                    h = self._close(frag, placed, frags)
                name = self.start.name if (frag is None and self.start.name is not None) else self.groups[row.group]
                frag = _Fragment(row.group, h, name, self._name_height(name), len(placed))
            if frag.top + max(frag.rows_h + rh, frag.name_h) <= avail:
                placed.append(_Placed(row, rh))
                h += rh
                frag.rows_h += rh
                i += 1
                continue
            # the row does not fit here with its group's name: move it, or split it (and the name)
            fill = (used_before + h) / page_h
            name_h = self._m["group_h"][row.group]
            fits_fresh_page = header_h + max(rh, name_h) <= page_h
            name_needs_fresh_page = frag.top + frag.name_h > avail and header_h + name_h <= page_h
            if placed and fill >= self.min_fill and (fits_fresh_page or name_needs_fresh_page):
                return self._end_page(placed, frags, frag, _Rest(i, self._own(row, i)))
            if h + rh <= avail:
                head, tail = row, None
            else:
                head, tail = self._split_row(row, avail - h - PAD_TOP - PAD_BOTTOM)
            if head is None:                                # not even a few lines fit
                if not placed:
                    return [], [], _Rest(i, self._own(row, i), self.start.name)
                return self._end_page(placed, frags, frag, _Rest(i, self._own(row, i)))
            hh = self._row_height(head)
            placed.append(_Placed(head, hh))
            frag.rows_h += hh
            name_tail = None
            if frag.top + frag.name_h > avail:              # a name taller than the room left
                name_head, name_tail = self._split_name(frag.name, avail - frag.top - PAD_TOP - PAD_BOTTOM)
                frag.name, frag.name_h = name_head, self._name_height(name_head)
                frag.rows_h = max(frag.rows_h, avail - frag.top)     # runs to the foot of the page
                if tail is None:
                    tail = Row([row.repeat.get(i) for i in range(len(row.cells))], row.group, continued=True,
                               repeat=row.repeat)
            self._close(frag, placed, frags)
            if tail is None:
                rest = _Rest(i + 1) if i + 1 < len(self.rows) else None
            else:
                rest = _Rest(i, tail, name_tail)
            return placed, frags, rest
        if frag is not None and frag.last < 0 and len(placed) > frag.first:
            self._close(frag, placed, frags)
        return placed, frags, None

    def _own(self, row: Row, i: int) -> Row | None:
        """The row to start the next page with: None when it is the table's own row ``i``."""
        return None if row is self.rows[i] else row

    def _end_page(self, placed, frags, frag, rest):
        if len(placed) > frag.first:                       # the open fragment has rows on this page
            self._close(frag, placed, frags)
        return placed, frags, rest

    def _close(self, frag: _Fragment, placed: list[_Placed], frags: list[_Fragment]) -> float:
        """End a fragment: its last row takes the height the name needs. Returns where it ends."""
        frag.last = len(placed) - 1
        total = sum(p.height for p in placed[frag.first:])
        need = max(frag.rows_h, frag.name_h)
        if need > total:
            placed[-1].height += need - total
        frags.append(frag)
        return frag.top + max(need, total)

    def _split_name(self, name: Paragraph | None, room: float) -> tuple[Paragraph | None, Paragraph | None]:
        """The part of a name that fits in ``room`` points, and the rest."""
        if name is None:
            return None, None
        parts = name.split(self._cell_width(self.merge_col), max(room, 0.0)) if room > 0 else []
        if len(parts) == 2:
            return parts[0], parts[1]
        return None, name                                  # not one line fits: the next page shows it

    def _split_row(self, row: Row, room: float) -> tuple[Row | None, Row | None]:
        """Split a row so that its first part is at most ``room`` points of text high."""
        if room < self.min_split_lines * self._m["line"]:
            return None, None
        heads, tails = [], []
        for index, (col, cell) in enumerate(zip(self._other_cols(), row.cells)):
            if cell is None:
                heads.append(None)
                tails.append(None)
                continue
            w = self._cell_width(col)
            if cell.wrap(w, 1e9)[1] <= room:
                heads.append(cell)
                tails.append(row.repeat.get(index))
                continue
            parts = cell.split(w, room)
            if len(parts) != 2:
                return None, None
            heads.append(parts[0])
            tails.append(parts[1])
        head = Row(heads, row.group, row.continued, row.repeat)
        if all(t is None or any(t is r for r in row.repeat.values()) for t in tails):
            return head, None
        return head, Row(tails, row.group, continued=True, repeat=row.repeat)

    # ----- the Flowable protocol -----------------------------------------------------------
    def wrap(self, availWidth, availHeight):
        placed, frags, rest = self._layout(availHeight)
        if rest is None:                          # the rest of the table fits here
            self._last_page = _TablePage(self, placed, frags)
            self.height = self._last_page.height
        else:
            self._last_page = None
            self.height = availHeight + 1         # does not fit: the frame will ask for a split
        return self.width, self.height

    def split(self, availWidth, availHeight):
        placed, frags, rest = self._layout(availHeight)
        if not placed:
            return []
        page = _TablePage(self, placed, frags)
        if rest is None:
            return [page]
        # the page is done: the rest starts on the next page, even if a sliver of space is left
        return [page, PageBreak(), self._from(rest)]

    def _from(self, rest: _Rest) -> GroupedTable:
        return GroupedTable(self.widths, self.header, self.rows, self.groups, self.merge_col, self.frame_height,
                            self.min_fill, self.min_split_lines, _start=rest, _measured=self._m)

    def draw(self):
        self._last_page.drawOn(self.canv, 0, 0)


class _TablePage(Flowable):
    """The part of a GroupedTable on one page, laid out and ready to draw."""

    def __init__(self, table: GroupedTable, placed: list[_Placed], frags: list[_Fragment]):
        super().__init__()
        self.t = table
        self.placed = placed
        self.frags = frags
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
        ends = {f.last: f for f in self.frags}
        frag_top = y
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
            y -= rh
            for col in others:                      # row rule, except across the merged column
                c.line(xs[col], y, xs[col + 1], y)
            frag = ends.get(i)
            if frag is not None:
                if frag.name is not None:
                    _, nh = frag.name.wrap(t._cell_width(t.merge_col), 1e9)
                    frag_h = frag_top - y
                    frag.name.drawOn(c, xs[t.merge_col] + PAD_X, y + (frag_h - nh) / 2 + (PAD_BOTTOM - PAD_TOP) / 2)
                c.line(xs[t.merge_col], y, xs[t.merge_col + 1], y)
                frag_top = y
        # column rules and the box
        for x in xs:
            c.line(x, 0, x, top)
        c.line(0, top, self.width, top)
        c.restoreState()
