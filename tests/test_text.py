import unicodedata

from khdesk.domain.text import fold, nfc

VOWELS = "aăâeêioôơuưy"
TONES = ["", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"]   # huyền, sắc, hỏi, ngã, nặng


def all_vietnamese_letters():
    """Every Vietnamese letter, lower and upper case, NFC (134 vowels with tones, đ/Đ)."""
    letters = set("đĐ")
    for v in VOWELS:
        for t in TONES:
            for ch in (v, v.upper()):
                letters.add(unicodedata.normalize("NFC", ch + t))
    return letters


def test_every_vietnamese_letter_folds_to_its_base_letter():
    letters = all_vietnamese_letters()
    assert len(letters) == 2 * 12 * 6 + 2
    for letter in letters:
        base = fold(letter)
        assert len(base) == 1 and base in "adeiouy", (letter, base)


def test_fold_removes_diacritics_including_d_with_stroke_and_case():
    assert fold("Sở Y tế") == "so y te"
    assert fold("ĐÀ NẴNG") == "da nang"
    assert fold("Điện Biên Đông") == "dien bien dong"
    assert fold("  Nhiệm   vụ\ntrọng tâm ") == "nhiem vu trong tam"
    assert fold(None) == "" and fold("") == ""


def test_fold_of_decomposed_and_composed_text_is_the_same():
    composed = "Nhiệm vụ trọng tâm tháng 5 của Sở Tư pháp"
    decomposed = unicodedata.normalize("NFD", composed)
    assert decomposed != composed
    assert fold(decomposed) == fold(composed)


def test_nfc_keeps_every_character_and_only_composes():
    text = 'A & B <b>"x"</b>\n\tKH&CN; \'q\' \u00a0 \u200b 😀'
    assert nfc(text) == text
    assert nfc(unicodedata.normalize("NFD", "Ủy ban nhân dân")) == "Ủy ban nhân dân"
    assert nfc(None) is None
