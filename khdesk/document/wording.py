"""The wording rules of Nghị định 30/2020/NĐ-CP that khdesk prints: dates, numbers, the appendix
title and its reference line. Plain text in, plain text out (no PDF, no Qt)."""
from __future__ import annotations

from ..domain.models import Plan, document_number
from ..domain.typed_dates import decree_date

# Room on a draft for the văn thư to write the number and the date by hand. No-break spaces: a PDF
# paragraph (reportlab) and Word's line breaking fold ordinary spaces into one, which left about 1 mm.
BLANK_NUMBER = "\u00a0" * 14    # about 16 mm at 13-14 pt: «Số:                 /KH-UBND»
BLANK_DAY = "\u00a0" * 6        # about 7 mm: a day or a month written in


def number_symbol(plan: Plan) -> str:
    """"4969/KH-UBND"; a draft with no number yet keeps room for it: "…BLANK_NUMBER…/KH-UBND"."""
    number = document_number(plan.number) if plan.number.strip() else BLANK_NUMBER
    return f"{number}/{plan.symbol}"


def doc_type_in_text(plan: Plan) -> str:
    """"KẾ HOẠCH" as it reads inside a sentence: "Kế hoạch"."""
    words = (plan.doc_type or "Kế hoạch").strip().lower()
    return words[:1].upper() + words[1:]


def appendix_title(plan: Plan) -> str:
    title = plan.appendix_title.strip() or f"Nhiệm vụ trọng tâm tháng {plan.month_number}/{plan.year}"
    return title.upper()


def appendix_reference(plan: Plan) -> str:
    """The italic line under the appendix title, with its parentheses: the plan's own wording, or
    "(Kèm theo Kế hoạch số 4969/KH-UBND ngày 13 tháng 5 năm 2024 của Ủy ban nhân dân tỉnh Khánh Hòa)"
    with blanks where a draft has no number or date yet."""
    text = plan.appendix_reference.strip()
    if not text:
        when = (decree_date(plan.issued_on) if plan.issued_on
                else f"ngày{BLANK_DAY}tháng{BLANK_DAY}năm {plan.year}")
        issuer = plan.issuer_name.strip() or "…"
        text = f"Kèm theo {doc_type_in_text(plan)} số {number_symbol(plan)} {when} của {issuer}"
    return f"({text})"
