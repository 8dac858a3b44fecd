"""The page every khdesk PDF is printed on (A4, margins of Nghị định 30, page numbers in the top
margin, hidden on the first page of each part) and writing the file safely."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from ...document.fonts import FontFamily
from ...document.model import PageSetup
from ...system.files import write_atomically

PAGE_NUMBER_SIZE = 14
PAGE_NUMBER_BASELINE_FROM_TOP = 13 * mm


class PartStart(Flowable):
    """Marks the first page of a part (the plan, the appendix): page numbers restart there."""

    def wrap(self, availWidth, availHeight):
        return 0, 0

    def draw(self):
        self.canv._khdesk_part_start = self.canv.getPageNumber()


def _number_pages(family: FontFamily, setup: PageSetup, on_page=None):
    def on_page_end(canv, doc):
        if on_page is not None:
            on_page(canv.getPageNumber())
        start = getattr(canv, "_khdesk_part_start", 1)
        number = canv.getPageNumber() - start + 1
        if number > 1:
            canv.saveState()
            canv.setFont(family.font(), PAGE_NUMBER_SIZE)
            canv.setFillColorRGB(0, 0, 0)
            x = setup.left * mm + setup.frame_width / 2
            canv.drawCentredString(x, A4[1] - PAGE_NUMBER_BASELINE_FROM_TOP, str(number))
            canv.restoreState()
    return on_page_end


def write_pdf(path: str | Path, story: list[Flowable], family: FontFamily, setup: PageSetup, *,
              title: str = "", author: str = "", on_page=None, finish: Callable[[str], None] | None = None) -> int:
    """Lay out ``story`` and write it to ``path`` all at once: the file appears only when
    complete (a temporary file beside it is renamed). Returns the number of pages. ``on_page(n)``
    is called as each page is finished; an exception it raises stops the job and leaves no file."""
    pages = 0

    def save(tmp: str) -> None:
        nonlocal pages
        frame = Frame(setup.left * mm, setup.bottom * mm, setup.frame_width, setup.frame_height,
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="body")
        doc = BaseDocTemplate(tmp, pagesize=A4, leftMargin=setup.left * mm, rightMargin=setup.right * mm,
                              topMargin=setup.top * mm, bottomMargin=setup.bottom * mm, title=title,
                              author=author, creator="khdesk", subject=title, initialFontName=family.font(),
                              pageTemplates=[PageTemplate("page", [frame],
                                                          onPageEnd=_number_pages(family, setup, on_page))])
        doc.build(story)
        pages = doc.page
        if finish is not None:            # (the signature fields of an issuing form, before the file appears)
            finish(tmp)

    write_atomically(path, "tệp PDF", save)
    return pages
