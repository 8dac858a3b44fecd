from datetime import date

import pytest

from khdesk.domain.typed_dates import parse, show
from khdesk.errors import InvalidInput


@pytest.mark.parametrize("typed, meant", [
    ("14/06/2024", date(2024, 6, 14)), ("14/6/2024", date(2024, 6, 14)), ("1/7/24", date(2024, 7, 1)),
    ("14-6-2024", date(2024, 6, 14)), ("14.06.2024", date(2024, 6, 14)), (" 14 / 6 / 2024 ", date(2024, 6, 14)),
    ("14062024", date(2024, 6, 14)), ("140624", date(2024, 6, 14)), ("29/02/2024", date(2024, 2, 29)),
])
def test_dates_as_clerks_type_them_day_first(typed, meant):
    assert parse(typed) == meant
    assert show(parse(typed)) == meant.strftime("%d/%m/%Y")


def test_empty_is_no_date_and_nonsense_is_said():
    assert parse("") is None and parse("   ") is None and show(None) == ""
    with pytest.raises(InvalidInput, match="không có ngày 29 tháng 2 năm 2023"):
        parse("29/02/2023")
    with pytest.raises(InvalidInput, match="không phải ngày"):
        parse("tháng 6")
