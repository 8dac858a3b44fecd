"""The seed document (../shared/seed, copied into tests/fixtures/seed) as the tests read it."""
from __future__ import annotations

import re
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"
SEED_TEXT = FIXTURES / "seed" / "ke-hoach-4969-KH-UBND-thang-5-2024.txt"

# How the merged agency cells of the seed's appendix read (../shared/seed/README.md): each group of
# consecutive rows shares one lead agency, whose name is printed on one row of the group.
GROUPS = [(1, 3), (4, 6), (7, 8), (9, 12), (13, 15), (16, 19), (20, 22), (23, 25), (26, 28), (29, 31),
          (32, 32), (33, 34), (35, 37), (38, 39), (40, 42), (43, 44), (45, 47)]


def read_seed_rows() -> dict[int, tuple[str, str]]:
    """The appendix table: TT → (content, text of the agency cell on that row)."""
    rows = {}
    for line in SEED_TEXT.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^(\d+)\t(.*)\t(.*)$", line)
        if m:
            rows[int(m.group(1))] = (m.group(2), m.group(3))
    return rows


def expected_leads(seed_rows) -> dict[int, str]:
    """TT → lead agency as printed in the seed, from the one named row of each group."""
    assert [n for a, b in GROUPS for n in range(a, b + 1)] == list(range(1, 48))
    leads = {}
    for a, b in GROUPS:
        named = [seed_rows[n][1] for n in range(a, b + 1) if seed_rows[n][1].strip()]
        assert len(named) == 1, (a, b, named)
        leads.update({n: named[0] for n in range(a, b + 1)})
    return leads


def reopened(store, month: str = "2024-05"):
    """The plan after the clerk chose «Sửa kế hoạch đã ban hành…»: an issued plan's wording, leads, deadlines
    and order change only then (the store refuses otherwise), its follow-up at any time."""
    plan = store.plans.by_month(month)
    return store.plans.update(plan.id, reopened_at="2024-05-14 08:00") if plan.locked else plan
