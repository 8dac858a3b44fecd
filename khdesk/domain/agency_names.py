"""Agency names as a clerk reads them: what kind of body, of which place, called what.

Matching an imported name to the catalogue is done on meaning, never on character similarity
alone ("Bộ Tư pháp" is not "Sở Tư pháp", "UBND thành phố Hà Nội" is not "UBND thành phố Nha
Trang"). A name is reduced to a *key*: folded (case and diacritics ignored, đ = d), abbreviations
written out (UBND, TP, TX, H., KH&ĐT, NN&PTNT, TN&MT …), "&" and "-" read as "và", punctuation
and spacing ignored, and the home province's own name dropped at the end ("Sở Y tế tỉnh Khánh Hòa"
is "Sở Y tế"). Then:

* the same key as an agency's name, printed form or alias: a match ("đúng tên" / "cách viết khác");
* the same kind of body and the same place, and at most one other word with one slip of the pen
  (a letter missing, added, changed or two swapped; words of four letters or more): "gần đúng";
* anything else is new ("mới"), kept exactly as written; a name two agencies answer equally well
  is ambiguous ("chưa rõ") and never decided for the clerk.

Plain text in, plain values out: no SQL, no Qt.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .text import fold

HOME_PROVINCE = "khanh hoa"

EXACT, ABBREVIATED, CLOSE, AMBIGUOUS, NEW = "đúng tên", "cách viết khác", "gần đúng", "chưa rõ", "mới"
LEGACY = "chuyển mã"           # matches only once read as TCVN3/VNI text: a guess, shown as one
OTHER_PROVINCE = "tỉnh khác"   # a name in another province's document: matched to nothing until the clerk chooses
NOT_AN_AGENCY = "không phải tên cơ quan"   # «Theo phân công tại Quyết định …»: kept as text, never a new agency

# Abbreviations, folded, as whole words (longest first where one contains another).
_ABBREVIATIONS = [
    ("vh, tt&dl", "van hoa the thao va du lich"), ("vhtt&dl", "van hoa the thao va du lich"),
    ("vh-tt-dl", "van hoa the thao va du lich"), ("vhttdl", "van hoa the thao va du lich"),
    ("ld-tb&xh", "lao dong thuong binh va xa hoi"), ("ldtb&xh", "lao dong thuong binh va xa hoi"),
    ("ldtbxh", "lao dong thuong binh va xa hoi"),
    ("nn&ptnt", "nong nghiep va phat trien nong thon"), ("nn-ptnt", "nong nghiep va phat trien nong thon"),
    ("nnptnt", "nong nghiep va phat trien nong thon"), ("ptnt", "phat trien nong thon"),
    ("kh&dt", "ke hoach va dau tu"), ("kh-dt", "ke hoach va dau tu"), ("khdt", "ke hoach va dau tu"),
    ("tn&mt", "tai nguyen va moi truong"), ("tn-mt", "tai nguyen va moi truong"), ("tnmt", "tai nguyen va moi truong"),
    ("kh&cn", "khoa hoc va cong nghe"), ("kh-cn", "khoa hoc va cong nghe"), ("khcn", "khoa hoc va cong nghe"),
    ("gd&dt", "giao duc va dao tao"), ("gd-dt", "giao duc va dao tao"), ("gddt", "giao duc va dao tao"),
    ("tt&tt", "thong tin va truyen thong"), ("tt-tt", "thong tin va truyen thong"), ("tttt", "thong tin va truyen thong"),
    ("gtvt", "giao thong van tai"), ("ubnd", "uy ban nhan dan"), ("hdnd", "hoi dong nhan dan"),
    ("ubmttq", "uy ban mat tran to quoc"), ("mttq", "mat tran to quoc"),
    ("bql", "ban quan ly"), ("kkt", "khu kinh te"), ("qlda", "quan ly du an"), ("bch", "bo chi huy"),
    ("tp.", "thanh pho"), ("tp", "thanh pho"), ("tx.", "thi xa"), ("tx", "thi xa"), ("h.", "huyen"),
]
_ABBREVIATION = re.compile(
    r"(?<![\w&-])(" + "|".join(re.escape(a) for a, _ in _ABBREVIATIONS) + r")(?![\w&])")
_FULL = dict(_ABBREVIATIONS)

# The kind of body, as the first words of a key (longest first).
KINDS = sorted(["bo", "so", "uy ban nhan dan", "hoi dong nhan dan", "ban", "ban quan ly", "cuc", "chi cuc",
                "truong", "cong an", "van phong", "thanh tra", "trung tam", "bo chi huy", "kho bac", "ngan hang",
                "bao", "dai", "hoi", "vien", "cong ty", "tinh doan", "lien doan", "uy ban mat tran to quoc",
                "mat tran to quoc", "toa an", "vien kiem sat", "benh vien", "quan", "doan", "cac", "chi nhanh",
                "tong cong ty", "hoc vien", "dang uy", "tinh uy", "thanh uy", "huyen uy", "ban chi dao"],
               key=len, reverse=True)
# Words after which a place's name follows.
PLACES = ("tinh", "thanh pho", "thi xa", "huyen", "quan", "xa", "phuong", "thi tran", "dac khu")


def key(name: str) -> str:
    """The comparable form of an agency name (see the module's docstring)."""
    text = fold(name).replace("\n", " ")
    text = _ABBREVIATION.sub(lambda m: " " + _FULL[m.group(1)] + " ", text)
    text = re.sub(r"\s*[&]\s*|\s+-\s+|(?<=\w)-(?=\w)", " va ", text)
    text = " ".join(re.sub(r"[^\w/]+", " ", text).split())
    for suffix in (f" tinh {HOME_PROVINCE}", f" {HOME_PROVINCE}", " tinh"):
        if text.endswith(suffix) and len(text) > len(suffix) and not text.startswith("uy ban nhan dan tinh"):
            text = text[: -len(suffix)]
            break
    return text


def kind(k: str) -> str:
    """The kind of body a key names: its first words ("so", "bo", "uy ban nhan dan" …)."""
    for prefix in KINDS:
        if k == prefix or k.startswith(prefix + " "):
            return prefix
    return k.split(" ", 1)[0] if k else ""


def place(k: str) -> str:
    """The place a key names ("thanh pho nha trang"), or "" when it names none."""
    words = k.split()
    for i in range(1, len(words)):
        if _place_marker(words, i):
            return " ".join(words[i:])
    return ""


def _one_slip(a: str, b: str) -> bool:
    """``a`` and ``b`` differ by one letter missing, added, changed, or two neighbours swapped."""
    if a == b:
        return True
    if min(len(a), len(b)) < 4 or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1
                                  and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]])
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


def close(a: str, b: str) -> bool:
    """Two keys of the same body with a slip of the pen: same kind, same place, same words but
    for one word with one slip."""
    if kind(a) != kind(b) or place(a) != place(b):
        return False
    wa, wb = a.split(), b.split()
    if len(wa) != len(wb):
        return False
    different = [(x, y) for x, y in zip(wa, wb) if x != y]
    return len(different) == 1 and _one_slip(*different[0])


@dataclass
class AgencyMatch:
    name: str                          # as written in the file
    agency_id: int | None              # None: not decided (new, or ambiguous)
    how: str                           # EXACT, ABBREVIATED, CLOSE, AMBIGUOUS or NEW
    candidates: list[int] = field(default_factory=list)   # the agencies an ambiguous name could be


@dataclass(frozen=True)
class Candidate:
    """An agency as matching sees it: its id, whether in use, and the texts it is known by."""
    id: int
    active: bool
    names: tuple[str, ...]


def match(name: str, candidates: list[Candidate]) -> AgencyMatch:
    """The catalogue agency ``name`` means, or why there is none (see the module docstring)."""
    written = fold(name)
    wanted = key(name)
    if not wanted:
        return AgencyMatch(name, None, NEW)
    levels: dict[str, list[Candidate]] = {EXACT: [], ABBREVIATED: [], CLOSE: []}
    for c in candidates:
        keys = {key(n) for n in c.names}
        if written in {fold(n) for n in c.names}:
            levels[EXACT].append(c)
        elif wanted in keys:
            levels[ABBREVIATED].append(c)
        elif any(close(wanted, k) for k in keys):
            levels[CLOSE].append(c)
    for how in (EXACT, ABBREVIATED, CLOSE):
        found = levels[how]
        if not found:
            continue
        in_use = [c for c in found if c.active] or found        # a retired twin yields to the one in use
        if len(in_use) == 1:
            return AgencyMatch(name, in_use[0].id, how)
        return AgencyMatch(name, None, AMBIGUOUS, [c.id for c in in_use])
    return AgencyMatch(name, None, NEW)


# ----- capitals from section rows ------------------------------------------------------------------
def is_capitals(name: str) -> bool:
    letters = [c for c in name if c.isalpha()]
    return len(letters) > 3 and all(c.isupper() for c in letters)


def _kept_as_written(word: str) -> bool:
    """An abbreviation or a number: UBND, KH&ĐT, 1441/QĐ-UBND, "-"."""
    bare = fold(word).strip(",;.()")
    return bare in _FULL or not bare.isalpha()


def _capitalised(word: str) -> str:
    lower = word.lower()
    return lower[:1].upper() + lower[1:]


def sentence_case(name: str) -> str:
    """A name written in capitals as it is written in running text: the first word, the first word
    of each part of the body's own name (after the kind, after "," and "và") and places' names
    capitalised, abbreviations kept; a collective ("các sở, ban, ngành") stays lower case.
    "BỘ VĂN HÓA, THỂ THAO VÀ DU LỊCH" → "Bộ Văn hóa, Thể thao và Du lịch"; "UBND HUYỆN CAM LÂM" →
    "UBND huyện Cam Lâm"."""
    words = name.split()
    folded = [fold(w).strip(",;.()") for w in words]
    kind_len = max(1, len(kind(key(name)).split()))
    kind_end, seen = 0, 0                   # words[:kind_end] name the kind ("UBND" is three words)
    while kind_end < len(words) and seen < kind_len:
        seen += len(_FULL.get(folded[kind_end], folded[kind_end]).split())
        kind_end += 1
    out: list[str] = []
    capital_next = in_place = collective = False
    i = 0
    while i < len(words):
        word = words[i]
        marker = _place_marker(folded, i) if i >= kind_end else None
        if _kept_as_written(word):
            out.append(word)
            capital_next = not collective and (capital_next or word in ("-", "–"))
            i += 1
            continue
        if marker:
            out += [w.lower() for w in words[i:i + marker]]
            i += marker
            in_place, capital_next = not collective, False
            continue
        elif folded[i] == "cac":
            out.append(_capitalised(word) if i == 0 else word.lower())
            collective = True
        elif i == 0 or (not collective and (in_place or capital_next or i == kind_end)):
            out.append(_capitalised(word))
        else:
            out.append(word.lower())
        capital_next = not collective and (word.endswith((",", ";")) or folded[i] == "va")
        if word.endswith((",", ";")):
            in_place = False
        i += 1
    return " ".join(out)


_NOT_A_PLACE_AFTER = {"xa": {"hoi"}, "quan": {"ly", "su", "doi", "tri", "chung", "khu"}}


def _place_marker(folded: list[str], i: int) -> int:
    """How many words of a place marker ("tỉnh", "thành phố" …) start at ``i`` (0: none)."""
    for marker in PLACES:
        m = marker.split()
        if folded[i:i + len(m)] == m and i + len(m) <= len(folded):
            after = folded[i + len(m)] if i + len(m) < len(folded) else ""
            if after in _NOT_A_PLACE_AFTER.get(marker, ()):
                return 0
            return len(m)
    return 0


# ----- several agencies in one cell -----------------------------------------------------------------
_LIST_BY_COMMA = re.compile(r"\s*,\s*(?=(?:UBND|Sở|Ban|Văn phòng|Công an|Bộ|Cục|Các|Ủy ban|Trường|Trung tâm)\b)")


def is_agency_on_its_own(text: str) -> bool:
    """Whether a piece of a cell names an agency by itself: a kind of body and its name ("Vân
    Phong", a kind's letters alone once diacritics are gone, is not)."""
    k = key(text)
    return any(k.startswith(prefix + " ") for prefix in KINDS)


_ROLE = re.compile(r"^\s*(?:ban\s+)?(?:lãnh\s+đạo|thủ\s+trưởng|giám\s+đốc|chủ\s+tịch)\s+(?:các\s+)?(?=\S)", re.I)
_PERSON = re.compile(r"^\s*(?:đồng\s+chí|đ/c|ông|bà|anh|chị)\b", re.I)
_REFERENCE = re.compile(r"\d|\b(?:theo|tại|quyết\s+định|kế\s+hoạch|văn\s+bản|phân\s+công|như|nêu)\b", re.I)


def agency_behind_role(text: str) -> str | None:
    """The agency a role names: «Lãnh đạo Sở Công Thương» → «Sở Công Thương», «Thủ trưởng các sở, ngành» →
    «các sở, ngành», «Chủ tịch UBND cấp xã» → «UBND cấp xã»; None when the text is no such role."""
    role = _ROLE.match(text)
    if not role:
        return None
    rest = text[role.end():].strip()
    if text[role.start():role.end()].lower().rstrip().endswith("các"):
        rest = "các " + rest
    return rest if rest and (is_agency_on_its_own(rest) or key(rest) in KINDS) else None


def names_an_agency(text: str) -> bool:
    """Whether a lead cell names a body at all: «Sở Nội vụ», «SKHĐT», «Liên minh HTX tỉnh» do; «Theo phân
    công tại Quyết định số 1441/QĐ-UBND», a person («Đồng chí …»), a sentence do not."""
    text = agency_behind_role(text) or text
    if _PERSON.match(text):
        return False
    k = key(text)
    if k in KINDS or any(k.startswith(prefix + " ") for prefix in KINDS):
        return True
    return not _REFERENCE.search(text) and len(text.split()) <= 6


def split_agencies(text: str, commas: bool = False) -> list[str]:
    """The agencies named in one cell, in order. A cell is split at ";" and at line breaks only
    where each part names an agency on its own (a name wrapped over two lines stays whole); a name
    with "," or "và" inside ("Sở Giáo dục và Đào tạo", "Các sở, ban, ngành") is never split.
    ``commas`` also splits "Sở Tài chính, Sở Xây dựng" (co-ordinators are often listed so)."""
    pieces = re.split(r"(;|\n)", text or "")
    parts: list[str] = []
    for i in range(0, len(pieces), 2):
        piece = " ".join(pieces[i].split()).strip(" .,-–")
        if not piece:
            continue
        if parts and not is_agency_on_its_own(piece):
            separator = "; " if pieces[i - 1] == ";" else " "
            parts[-1] = f"{parts[-1]}{separator}{piece}"
        else:
            parts.append(piece)
    if commas:
        parts = [p.strip(" .,-–") for part in parts for p in _LIST_BY_COMMA.split(part) if p.strip(" .,-–")]
    return parts
