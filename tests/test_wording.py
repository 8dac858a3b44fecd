from datetime import date

from khdesk.document import wording
from khdesk.domain import typed_dates
from khdesk.domain.models import Plan


def plan(**kw):
    base = dict(id=1, month="2024-05", number="4969", issued_on=date(2024, 5, 13),
                issuer_name="Ủy ban nhân dân tỉnh Khánh Hòa")
    base.update(kw)
    return Plan(**base)


def test_dates_follow_the_decree():
    assert typed_dates.decree_date(date(2024, 5, 13)) == "ngày 13 tháng 5 năm 2024"
    assert typed_dates.decree_date(date(2025, 1, 5)) == "ngày 05 tháng 01 năm 2025"
    assert typed_dates.decree_date(date(2025, 2, 28)) == "ngày 28 tháng 02 năm 2025"
    assert typed_dates.decree_date(date(2025, 3, 1)) == "ngày 01 tháng 3 năm 2025"
    assert typed_dates.decree_date(date(2025, 12, 31)) == "ngày 31 tháng 12 năm 2025"


def test_numbers_below_ten_get_a_leading_zero():
    assert wording.document_number("5") == "05"
    assert wording.document_number("4969") == "4969"
    assert wording.document_number("12a") == "12a"


def test_reference_line_composed_from_the_plan():
    assert wording.appendix_reference(plan()) == (
        "(Kèm theo Kế hoạch số 4969/KH-UBND ngày 13 tháng 5 năm 2024 của Ủy ban nhân dân tỉnh Khánh Hòa)")


def test_reference_line_of_a_draft_has_blanks():
    text = wording.appendix_reference(plan(number="", issued_on=None))
    assert text.startswith("(Kèm theo Kế hoạch số ") and "/KH-UBND ngày" in text
    assert "tháng" in text and "năm 2024 của Ủy ban nhân dân tỉnh Khánh Hòa)" in text
    assert "số " + "\u00a0" * 14 + "/KH-UBND" in text        # room for the number (no-break: kept in a PDF)
    assert "ngày" + "\u00a0" * 6 + "tháng" + "\u00a0" * 6 + "năm 2024" in text


def test_the_plan_own_wording_wins():
    text = wording.appendix_reference(plan(appendix_reference="Ban hành kèm theo Kế hoạch số 4969/KH-UBND"))
    assert text == "(Ban hành kèm theo Kế hoạch số 4969/KH-UBND)"


def test_title_is_upper_case_with_a_default():
    assert wording.appendix_title(plan(appendix_title="Nhiệm vụ trọng tâm tháng 5/2024")) == \
        "NHIỆM VỤ TRỌNG TÂM THÁNG 5/2024"
    assert wording.appendix_title(plan(month="2025-01")) == "NHIỆM VỤ TRỌNG TÂM THÁNG 1/2025"
