import json
import unicodedata

from seed_data import FIXTURES

from khdesk.document.fonts import vietnamese_letters
from khdesk.domain import legacy_text
from khdesk.domain.legacy_text import TCVN3, VNI, convert, detect, to_unicode

SECOND = json.loads((FIXTURES / "legacy-second-source.json").read_text(encoding="utf-8"))


def test_the_vni_table_agrees_with_a_second_source_for_every_letter():
    table = legacy_text.tables()[VNI]
    assert len(SECOND["vni"]) == 134
    for code, letter in SECOND["vni"].items():
        assert convert(code, VNI) == letter, (code, letter)
    assert {convert(code, VNI) for code in SECOND["vni"]} | set("đĐ") >= {
        c for c in vietnamese_letters() if not c.isascii()}
    assert all(unicodedata.is_normalized("NFC", v) for v in table.values())


def test_the_tcvn3_table_agrees_with_two_other_sources():
    table = legacy_text.tables()[TCVN3]
    for code, letter in SECOND["tcvn3"].items():          # duydev/vietnamese-conversion
        assert table.get(code, code) == letter, (code, letter)
    for code, letter in SECOND["tcvn3_iconv"].items():    # glibc iconv TCVN5712-1, bytes 0xA0–0xFF
        if letter.islower() or letter in "ĂÂÊÔƠƯĐ":
            assert table.get(code, code) == letter, (hex(ord(code)), letter)
    lower = {c for c in vietnamese_letters() if not c.isascii() and c.islower()}
    codes = set(table) | {chr(b) for b in range(0xA0, 0x100)}     # some letters are their own code (ý)
    assert {table.get(c, c) for c in codes} >= lower


def test_known_words():
    assert convert("Së Y tÕ", TCVN3) == "Sở Y tế"
    assert convert("Kh¸nh Hßa", TCVN3) == "Khánh Hòa"
    assert convert("KH¸NH HßA", TCVN3, ".VnTimeH") == "KHÁNH HÒA"
    assert convert("Sôû Y teá", VNI) == "Sở Y tế"
    assert convert("Vieät Nam", VNI) == "Việt Nam"
    assert convert("Khaùnh Hoøa", VNI) == "Khánh Hòa"
    assert convert("ÑÖÔØNG", VNI) == "ĐƯỜNG"
    assert convert("Thöøa Thieân Hueá", VNI) == "Thừa Thiên Huế"
    assert convert("®−êng", TCVN3) != "đường"   # the 0x2212 minus is no TCVN3 byte: left alone


def test_detection_from_the_characters():
    assert detect("Së Y tÕ") == TCVN3
    assert detect("Sôû Y teá") == VNI
    assert detect("Sở Y tế") is None and detect("Khánh Hòa") is None
    assert detect("TT") is None and detect("") is None
    assert detect("Sở Y tế", ".VnTime") is None              # a legacy font name alone proves nothing
    assert to_unicode("Tæ chøc Héi nghÞ", ".VnTime") == ("Tổ chức Hội nghị", TCVN3)
    assert to_unicode("Toå chöùc Hoäi nghò", "VNI-Times") == ("Tổ chức Hội nghị", VNI)
