"""A ``PlanDocument`` (``khdesk.document.model``) rendered as reportlab flowables: the plan's head, body and
signature, then the appendix on a new page with its own page numbers; and written to a PDF file."""
from __future__ import annotations

from pathlib import Path

from reportlab.platypus import Flowable, PageBreak

from ...document.fonts import FontFamily
from ...document.model import PlanDocument
from .appendix import appendix_story, check_printable
from .document import write_pdf
from .plan_body import SignatureSpace, document_head, plan_story, signature_block


def document_story(doc: PlanDocument, family: FontFamily, spaces: list[SignatureSpace] | None = None) -> list[Flowable]:
    """Every flowable of ``doc``, after checking each of its texts can be printed as typed; the signature's
    room is added to ``spaces``."""
    check_printable(family, doc.texts())
    story: list[Flowable] = []
    if doc.head is not None:
        story += document_head(doc.head, family, doc.setup)
    story += plan_story(doc.body, family)
    if doc.signature is not None:
        story += signature_block(doc.signature, family, doc.setup, spaces)
    if doc.appendix is not None:
        if story:
            story.append(PageBreak())
        story += appendix_story(doc.appendix, family, doc.setup)
    return story


def write_document(doc: PlanDocument, output: str | Path, family: FontFamily, on_page=None) -> int:
    """``doc`` written to ``output`` as a PDF; the number of pages."""
    return write_pdf(output, document_story(doc, family), family, doc.setup, title=doc.title, author=doc.author,
                     on_page=on_page)
