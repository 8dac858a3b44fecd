"""Tasks given in the text of a document — a conclusion notice (Thông báo kết luận), a plan, a directive
or a dispatch — rather than in a table:

- «Giao X (chủ trì, phối hợp với Y):» followed by items «a)», «b)», «1.», «-», «+»: each item a task of X;
- a heading that names an agency («3.4. Sở Văn hóa, Thể thao và Du lịch», «d) UBND xã Z:», «7. Trách
  nhiệm của các sở, ban, ngành, UBND các xã …») followed by items: each item a task of that agency;
- a sentence that assigns by itself: «X chủ trì, phối hợp với Y …», «… giao X chủ trì …», «Đề nghị X …»,
  «Yêu cầu X …»; and, under «TỔ CHỨC THỰC HIỆN» or «PHÂN CÔNG …», a numbered item that begins with an
  agency («Sở Nội vụ có trách nhiệm …»).
A paragraph that assigns nothing (an assessment, a goal, a target «100% văn bản …», a heading, «Trân
trọng thông báo …») is not a task; an item is a task only where nothing deeper follows it (a heading
«1. Về cải cách thể chế» is not). Each task keeps its item label (II.1.a) and the deadline its text gives.
Agency names stay as written: matching them to the catalogue is the import's (the same as for tables).
No Qt, no SQL, no file format: a list of paragraphs in, tasks out."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .agency_names import KINDS, agency_behind_role, is_agency_on_its_own, key, split_agencies
from .text import fold

_ROMAN = re.compile(r"^\s*(X{0,2}(?:IX|IV|V?I{0,3}))\s*[.\-–]\s+(.*)$", re.S)
_NUMBERED = re.compile(r"^\s*(\d{1,2}(?:\.\d{1,2}){0,3})\s*[.)]\s*(.*)$", re.S)
_LETTERED = re.compile(r"^\s*([a-zđ])\s*\)\s*(.*)$", re.S)
_BULLET = re.compile(r"^\s*([-–—+•*])\s*(.+)$", re.S)
# words that start what an agency does: they end the agency's name (lower case: inside a name they are
# capitalised — «Sở Xây dựng», «Sở Khoa học và Công nghệ»)
_VERBS = ("căn cứ", "tập trung", "tăng cường", "tiếp tục", "chủ động", "chủ trì", "phối hợp", "thực hiện",
          "triển khai", "tổ chức", "xây dựng", "tham mưu", "rà soát", "theo dõi", "hướng dẫn", "kiểm tra",
          "đánh giá", "nghiên cứu", "đề xuất", "báo cáo", "tuyên truyền", "chỉ đạo", "đôn đốc", "tổng hợp",
          "quan tâm", "khẩn trương", "ban hành", "bố trí", "hoàn thành", "hoàn thiện", "cung cấp", "chuẩn bị",
          "cập nhật", "công khai", "giám sát", "bảo đảm", "đảm bảo", "phát hiện", "nêu gương", "nâng cao",
          "đẩy mạnh", "duy trì", "quán triệt", "có trách nhiệm", "có văn bản", "gửi", "lập", "cử", "phân công",
          "ưu tiên", "sắp xếp", "thống nhất", "nắm", "trình", "chịu trách nhiệm", "giúp", "phát động", "làm", "xem xét", "kịp thời",
          "thường xuyên", "định kỳ", "là cơ quan", "được giao", "để", "nhằm", "cùng", "với")
_VERB = re.compile(r"(?:^|\s)(?:" + "|".join(re.escape(v) for v in sorted(_VERBS, key=len, reverse=True))
                   + r")(?=\s|[,.:;]|$)")
_GIVE = re.compile(r"(?:^|\s)(giao|đề nghị|yêu cầu)\s+", re.I)
_LEADS = re.compile(r"\s+(?:chủ\s+trì|thực\s+hiện|là\s+cơ\s+quan)\b|\s*\(|\s*:")
_COORDINATORS = re.compile(r"(?:phối\s+hợp|cùng)(?:\s+với)?\s+(.+)$", re.S)
_TASK_SECTIONS = ("to chuc thuc hien", "phan cong", "trach nhiem", "nhiem vu, giai phap", "nhiem vu giai phap",
                  "nhiem vu cu the", "giai phap thuc hien")
_DEADLINES = [re.compile(p, re.I) for p in (
    r"(?:hoàn\s+thành\s+)?(?:trước|chậm\s+nhất(?:\s+(?:vào|là))?)\s+ngày\s+\d{1,2}\s*/\s*\d{1,2}(?:\s*/\s*\d{4})?"
    r"(?:\s+hằng\s+tháng)?",
    r"(?:trước|chậm\s+nhất(?:\s+(?:vào|là))?)\s+ngày\s+\d{1,2}\s+hằng\s+tháng",
    r"(?:hoàn\s+thành\s+)?(?:trong|trước)\s+tháng\s+\d{1,2}\s*/\s*\d{4}",
    r"(?:hoàn\s+thành\s+)?(?:trong|trước)\s+quý\s+[IV]{1,3}(?:\s*/\s*\d{4}|\s+năm\s+\d{4})?",
    r"(?:hoàn\s+thành\s+)?trong\s+năm\s+\d{4}",
)]
_THANK = re.compile(r"^(trân trọng|trên đây|nơi nhận|tm\.|kt\.|tl\.)", re.I)
MAX_LEAD_CHARS = 160


@dataclass
class TextTask:
    label: str                      # where it stands: «II.1.a», «VII.3», «V.1.b»
    content: str
    leads: list[str]                # as written
    coordinators: list[str] = field(default_factory=list)
    deadline_text: str = ""
    paragraph: int = 0              # 1-based, in the paragraphs given


@dataclass
class _Context:
    level: float                    # it holds for the items deeper than this level (x.5: a heading's lead)
    leads: list[str]
    coordinators: list[str]


def _label(text: str) -> tuple[int, str, str] | None:
    """(level, label, the text after it) of an item, or None."""
    match = _ROMAN.match(text)
    if match and match.group(1):
        return 0, match.group(1), match.group(2).strip()
    match = _NUMBERED.match(text)
    if match and match.group(2):
        return match.group(1).count(".") + 1, match.group(1), match.group(2).strip()
    match = _LETTERED.match(text)
    if match and match.group(2):
        return 4, match.group(1), match.group(2).strip()
    match = _BULLET.match(text)
    if match:
        return (6 if match.group(1) == "+" else 5), "", match.group(2).strip()
    return None


_COLLECTIVE = re.compile(r"^các\s+(sở|ban|ngành|cơ\s+quan|đơn\s+vị|địa\s+phương|xã|huyện|phường|tổ\s+chức|doanh\s+nghiệp|"
                         r"trường|hội|bộ|tỉnh|thành\s+phố|ủy\s+ban|uỷ\s+ban|ubnd|phòng|chi\s+cục|cục)\b", re.I)


# the first words of a body's name, spelt (once diacritics are gone «Số lượng» reads «Sở …», «Ban hành» «Ban …»)
_FIRST_WORDS = {"sở", "ban", "ủy", "uỷ", "văn", "thanh", "công", "bộ", "cục", "chi", "trường", "trung", "kho", "ngân",
                "báo", "đài", "hội", "viện", "tỉnh", "liên", "mặt", "tòa", "toà", "bệnh", "quân", "quận", "đoàn",
                "các", "tổng", "học", "đảng", "thành", "huyện", "bảo", "phòng", "hải", "cảng", "điện", "kiểm"}
_NOT_A_BODY = re.compile(r"^(?:ban\s+hành|công\s+(?:tác|việc|bố|khai|nghệ)|bảo\s+(?:đảm|vệ)|kiểm\s+(?:tra|soát))\b", re.I)


def _is_agency(text: str) -> bool:
    """Whether the words name a body («Các sở, ban, ngành» does, «Các nội dung …», «Số lượng hồ sơ» do not)."""
    words = text.split()
    if not words or _NOT_A_BODY.match(text):
        return False
    if words[0].lower() not in _FIRST_WORDS and not words[0].isupper():    # «UBND», «BQL», «VNPT»
        return False
    if not is_agency_on_its_own(text) and key(text) not in KINDS:        # «Công an tỉnh» is «cong an»
        return False
    return not text.lower().startswith("các ") or bool(_COLLECTIVE.match(text))


_LOWER_LIST = re.compile(r",\s*(?=các\s+(?:sở|cơ\s+quan|đơn\s+vị|địa\s+phương|tổ\s+chức|doanh\s+nghiệp|hội)\b"
                         r"|(?:Tòa|Toà|Viện|Hội|Liên\s+đoàn|Ngân\s+hàng|Chi\s+cục|Kho\s+bạc|Bộ\s+Chỉ\s+huy|Mặt\s+trận|"
                         r"Đài|Báo|Tỉnh\s+đoàn)\s)")


def _names(text: str, leads: bool = False) -> list[str]:
    text = " ".join(text.split()).strip(" ,.;:–-")
    names = [n for part in (split_agencies(text, commas=True) if text else [])
             for n in _LOWER_LIST.split(part) if n.strip()]          # «…, các cơ quan Trung ương …» too
    return [n[:1].upper() + n[1:] for n in names] if leads else names     # a lead as a clerk types it


_GROUNDS = re.compile(r"^(?:căn\s+cứ|trên\s+cơ\s+sở|theo|để|nhằm)\b[^,]{0,120},\s*", re.I)


def _agency_at(text: str) -> str | None:
    """The agency a sentence begins with, up to what it does («Sở Nội vụ» of «Sở Nội vụ có trách nhiệm …»;
    also after a clause of grounds: «Căn cứ nội dung Kế hoạch này, các sở, ban, ngành xây dựng …»)."""
    grounds = _GROUNDS.match(text)
    if grounds and not _is_agency(text):
        text = text[grounds.end():]
    if not _is_agency(text):
        return None
    verb = _VERB.search(text)
    name = text[:verb.start()] if verb else ""
    name = name.strip(" ,")
    return name if name and len(name) <= MAX_LEAD_CHARS and _is_agency(name) else None


def assignment(text: str) -> tuple[list[str], list[str]] | None:
    """(leads, co-ordinators) a sentence or a heading assigns, or None."""
    give = _GIVE.search(text)
    if give and (give.start() == 0 or re.search(r"\s+chủ\s+trì\b", text[give.end():give.end() + MAX_LEAD_CHARS])):
        rest = text[give.end():]
        ends = [m for m in (_LEADS.search(rest), _VERB.search(rest)) if m]
        end = min(ends, key=lambda m: m.start()) if ends else None
        lead = (rest[:end.start()] if end else rest).strip(" ,")
        if lead and len(lead) <= MAX_LEAD_CHARS and _is_agency(lead):
            coordinators = _COORDINATORS.search(rest[end.start():] if end else "")
            return _names(lead, leads=True), _coordinators(coordinators.group(1) if coordinators else "")
    at = _agency_at(text)
    if at:
        lead, rest = at, text[len(at):].lstrip(" ,")
        if rest.startswith("chủ trì") or rest.startswith(":") or not rest:
            coordinators = _COORDINATORS.search(rest)
            return _names(lead, leads=True), _coordinators(coordinators.group(1) if coordinators else "")
    return None


def _coordinators(text: str) -> list[str]:
    """The co-ordinators named up to what they do («các cơ quan truyền thông, báo chí» of «… tăng cường …»)."""
    text = text.split(":")[0]
    verb = _VERB.search(text)
    if verb:
        text = text[:verb.start()]
    text = text.strip(" ,.;")
    names = _names(text) if text and len(text) <= MAX_LEAD_CHARS else []
    return [n for n in names if _is_agency(n)]          # «phối hợp chặt chẽ» names nobody


def _heading_agency(text: str) -> tuple[list[str], list[str]] | None:
    """A heading that names who carries the items under it: «Sở Nội vụ», «UBND các xã:», «Trách nhiệm
    của các sở, ban, ngành, UBND các xã, phường, đặc khu», «Các cơ quan, đơn vị được kiểm tra»."""
    name = re.sub(r"^(?:trách\s+nhiệm\s+của|đối\s+với|nhiệm\s+vụ\s+của)\s+", "", text.strip(), flags=re.I)
    name = name.rstrip(" :")
    name = agency_behind_role(name) or name                     # «Chủ tịch UBND cấp xã chỉ đạo»
    verb = _VERB.search(name)
    if verb and len(name[verb.start():].split()) <= 6 and _is_agency(name[:verb.start()].strip(" ,")) \
            and "chủ trì" not in name and not re.search(r"\b(?:được|bị)$", name[:verb.start()].strip()):
        name = name[:verb.start()].strip(" ,")                  # «… chỉ đạo:» over the items
    if "chủ trì" in name or _GIVE.match(name) or len(name) > MAX_LEAD_CHARS or name.endswith(".") \
            or not _is_agency(name):
        return assignment(text)
    return _names(name, leads=True), []


def _pure_heading(text: str) -> bool:
    """A line that only names who («2.2. Công an tỉnh», «3.6. Sở A, Sở B»): the paragraphs under it are theirs."""
    name = text.strip().rstrip(" :")
    return len(name) <= MAX_LEAD_CHARS and not name.endswith(".") and _is_agency(name) and not _VERB.search(name)


def deadline_in(text: str) -> str:
    """The deadline the task's own words give («hoàn thành trong tháng 02/2026»), or ""."""
    found = [m for pattern in _DEADLINES for m in [pattern.search(text)] if m]
    if not found:
        return ""
    first = min(found, key=lambda m: m.start())
    return " ".join(first.group(0).split())


def tasks_in_text(paragraphs: list[str]) -> list[TextTask]:
    """The tasks the paragraphs assign, in order (see the module's docstring)."""
    items = [(i, text.strip(), _label(text)) for i, text in enumerate(paragraphs, start=1) if text.strip()]
    found: list[TextTask] = []
    contexts: list[_Context] = []
    labels: dict[int, str] = {}
    level_now = -1                      # the level of the last heading or item
    section_assigns = False             # under «TỔ CHỨC THỰC HIỆN», «PHÂN CÔNG …»
    last_task: TextTask | None = None
    absorbing: tuple[int, TextTask] | None = None
    open_heading: int | None = None         # the level of «2.2. Công an tỉnh» whose paragraphs follow
    for position, (number, text, label) in enumerate(items):
        if _THANK.match(text):
            contexts.clear()
            last_task = None
            continue
        next_label = items[position + 1][2] if position + 1 < len(items) else None
        next_text = items[position + 1][1] if position + 1 < len(items) else ""
        if label is None and open_heading is not None and not (assignment(text) and text.rstrip().endswith(":")):
            last_task = _task(found, text, (contexts[-1].leads, contexts[-1].coordinators),
                              _joined(labels, open_heading + 0.5, ""), number)      # a paragraph under «2.2. Công an tỉnh»
            continue
        if label is None:
            given = assignment(text)
            if given and text.rstrip().endswith(":"):          # «Giao X chủ trì, phối hợp Y:» over the items
                contexts = [c for c in contexts if c.level < level_now + 0.5]
                contexts.append(_Context(level_now + 0.5, *given))
                last_task = None
            elif given and level_now >= 0 and _VERB.search(text):
                last_task = _task(found, text, given, _joined(labels, level_now + 0.5, ""), number)
            elif last_task is not None and not given:
                last_task.content += "\n" + text                # the item goes on in its own paragraph
            continue
        level, mark, rest = label
        if open_heading is not None and level > open_heading:
            pass                                                # «- …» under «2.2. Công an tỉnh»: its items
        else:
            open_heading = None
        if absorbing is not None and level > absorbing[0]:
            absorbing[1].content += "\n" + text                # «- …» under a task ending in «:», or «+ …»
            continue
        absorbing = None
        contexts = [c for c in contexts if c.level < level]
        labels = {k: v for k, v in labels.items() if k < level}
        if mark:
            labels[level] = mark
        level_now = level
        last_task = None
        if level == 0:
            section_assigns = any(word in fold(rest) for word in _TASK_SECTIONS)
            continue
        deeper_follows = next_label is not None and next_label[0] > level
        opens = next_label is None and next_text and assignment(next_text) and next_text.rstrip().endswith(":")
        if not deeper_follows and not opens and _pure_heading(rest) and next_label is None and next_text \
                and not _THANK.match(next_text):
            contexts.append(_Context(level, _names(rest, leads=True), []))
            open_heading = level                                # the paragraphs under it are its tasks
            continue
        heading = _heading_agency(rest) if deeper_follows or opens else None
        if opens or (deeper_follows and (heading or (level < 5 and not rest.endswith(":")))):
            if heading:
                contexts.append(_Context(level, *heading))
            continue
        where = _joined(labels, level, mark)
        own = assignment(rest)
        if own and (own[0] and (_GIVE.search(rest) or "chủ trì" in rest or section_assigns or not contexts)):
            last_task = _task(found, rest, own, where, number)
        elif contexts:
            last_task = _task(found, rest, (contexts[-1].leads, contexts[-1].coordinators), where, number)
        elif section_assigns:        # under «TỔ CHỨC THỰC HIỆN»: a task, its lead if it begins with one
            lead = _agency_at(rest)
            last_task = _task(found, rest, (_names(lead, leads=True) if lead else [], []), where, number)
        if deeper_follows and last_task is not None:
            absorbing = (level, last_task)                      # its parts are in the items under it
    return found


def _joined(labels: dict[int, str], level: float, mark: str) -> str:
    """«III.1.a»; a number that repeats its parent («3.4» under «3») stands for both: «III.3.4»."""
    parts = [p for p in [labels[k] for k in sorted(labels) if k < level] + ([mark] if mark else []) if p]
    kept = [p for i, p in enumerate(parts) if not (i + 1 < len(parts) and parts[i + 1].startswith(p + "."))]
    return ".".join(kept)


def _task(found: list[TextTask], text: str, given: tuple[list[str], list[str]], where: str, number: int) -> TextTask:
    leads, coordinators = given
    task = TextTask(where, text, list(leads), list(coordinators), deadline_in(text), number)
    found.append(task)
    return task
