"""Electronic issuing (ký số) as Nghị định 30/2020 Phụ lục I lays it out: the issuing form of a plan (or its
appendix alone, or the month's report) printed with its empty signature fields, then signed in the decree's
order — the competent person first (their signature image between the title and the name), the agency after
(its seal over the left third of it; Điều 32: only what the person has signed) — or, for an appendix in its
own file, the agency alone with its text stamp (number and symbol, the signing time in ISO 8601, +07:00).
Each signature is added to a copy, never over the file it signs. An electronic copy («bản sao điện tử») of any
PDF signed by the copying agency, its stamp line at the top right. And a signed PDF checked offline.
"""
from __future__ import annotations

import hashlib
import tempfile
from datetime import datetime
from pathlib import Path

from ..db import Store
from ..document import wording
from ..document.fonts import choose_family, refuse_missing
from ..document.model import plan_document
from ..domain.text import nfc
from ..errors import InvalidInput
from ..formats.pdf.signing import (
    AGENCY,
    COPY,
    PERSON,
    VIETNAM,
    Key,
    SignatureCheck,
    as_shown,
    check,
    copy_place,
    fields_of,
    image_appearance,
    iso_time,
    read_pdf,
    sign,
    text_appearance,
)
from .loading import plan_tasks_names
from .printing import prepare, prepare_report


def print_issuing_form(store: Store, month: str, output: str | Path, part: str = "all", today=None,
                       number_at_issuing: bool = False) -> int:
    """The issuing form of ``part`` ("all", "plan", "appendix", "report") written to ``output``; its pages.
    ``number_at_issuing``: the number and date left blank for the e-office system (``printing.prepare``)."""
    job = prepare_report(store, month, today, issuing=True) if part == "report" else \
        prepare(store, month, part, issuing=True, number_at_issuing=number_at_issuing)
    return job.write(output)


def sign_next(store: Store, month: str, source: str | Path, output: str | Path, key: Key,
              moment: datetime | None = None) -> str:
    """Add the next signature the decree's order asks for to the issuing form ``source`` (of the plan of
    ``month``), written to ``output``; says which one, in words. The signed file is recorded with the plan
    (its SHA-256, and what the plan said then), unless the store is open for reading only."""
    said = _sign_next(store, month, source, output, key, moment)
    if store.read_only:
        return said + " (Tệp dữ liệu đang chỉ đọc: chưa ghi nhận tệp đã ký vào kế hoạch.)"
    plan, tasks, names = plan_tasks_names(store, month)
    digest = hashlib.sha256(Path(output).read_bytes()).hexdigest()
    store.issued_files.record(plan.id, digest, Path(output).name, plan_document(plan, tasks, names, "all").digest(),
                              iso_time(datetime.now(VIETNAM)), key.subject)
    return said


def _sign_next(store: Store, month: str, source: str | Path, output: str | Path, key: Key,
               moment: datetime | None) -> str:
    plan = store.plans.by_month(month)
    fields = fields_of(source)
    if not fields:
        raise InvalidInput(f"«{Path(source).name}» không có ô ký số: hãy in mẫu ban hành (print --issuing) rồi ký "
                           "trên tệp đó.")
    moment = (moment or datetime.now(VIETNAM)).astimezone(VIETNAM).replace(microsecond=0)
    certify = not any(signed for signed, _ in fields.values())
    family = choose_family()
    if PERSON in fields and not fields[PERSON][0]:
        png = store.signature_images.get("person", plan.signer_name)
        sign(source, output, PERSON, key, image_appearance(png, fields[PERSON][1], family.font()), certify=certify, moment=moment)
        return f"Đã ký số của {plan.signer_name or 'người có thẩm quyền'} ({key.subject})."
    if AGENCY in fields and not fields[AGENCY][0]:
        if PERSON in fields:
            seal = store.signature_images.get("seal")
            sign(source, output, AGENCY, key, image_appearance(seal, fields[AGENCY][1], family.font()), certify=certify,
                 moment=moment)
            return f"Đã ký số của cơ quan, con dấu đè lên chữ ký ({key.subject})."
        if not plan.number.strip():
            raise InvalidInput("Phụ lục ban hành thành tệp riêng mang số, ký hiệu của kế hoạch trong dòng ký số của cơ "
                               "quan, mà kế hoạch chưa có số. Hãy ghi số (Kế hoạch › Thông tin kế hoạch…) rồi ký.")
        lines = [wording.number_symbol(plan).strip(), iso_time(moment)]
        sign(source, output, AGENCY, key, text_appearance(lines, fields[AGENCY][1], family.font()), certify=certify,
             moment=moment)
        return f"Đã ký số của cơ quan lên phụ lục: «{lines[0]}; {lines[1]}» ({key.subject})."
    raise InvalidInput(f"«{Path(source).name}» đã đủ chữ ký số; không ký thêm.")


def sign_fresh(store: Store, month: str, part: str, output: str | Path, key: Key,
               moment: datetime | None = None, number_at_issuing: bool = False) -> str:
    """The issuing form of ``part`` printed and its first signature added, written to ``output``."""
    with tempfile.TemporaryDirectory(prefix="khdesk-ky-so-") as folder:
        form = Path(folder) / "mau-ban-hanh.pdf"
        print_issuing_form(store, month, form, part, number_at_issuing=number_at_issuing)
        return sign_next(store, month, form, output, key, moment)


COPY_KINDS = {"sao-y": "Sao y", "sao-luc": "Sao lục"}      # Nghị định 30, Điều 25: the kinds of copy made whole
MAX_AGENCY_NAME = 200


def sign_copy(source: str | Path, output: str | Path, key: Key, agency: str, kind: str = "sao-y",
              moment: datetime | None = None) -> str:
    """An electronic copy of the PDF ``source`` (a signed document, or a paper one scanned) made by ``agency``
    (Nghị định 30, Điều 25–26): the document as it shows — its signatures' images and stamp lines drawn into
    the pages — signed by the copier's key in a field at the top right of the first page, with no image: the
    kind of copy, the agency, the signing time in ISO 8601 (+07:00), Times New Roman 10 pt. A source whose
    signatures are not intact is refused (a copy would pass its alteration on). Written to ``output``."""
    agency = " ".join((nfc(agency) or "").split())
    if not agency:
        raise InvalidInput("Hãy ghi tên cơ quan sao văn bản (ví dụ «Văn phòng Ủy ban nhân dân tỉnh Khánh Hòa»).")
    if len(agency) > MAX_AGENCY_NAME:
        raise InvalidInput(f"Tên cơ quan sao văn bản dài quá {MAX_AGENCY_NAME} ký tự.")
    if kind not in COPY_KINDS:
        raise InvalidInput(f"Hình thức sao «{kind}» không có; chọn: {', '.join(COPY_KINDS)}.")
    family = choose_family()
    refuse_missing(family, [agency], "dòng ký số của bản sao")
    source = Path(source)
    if Path(output).resolve() == source.resolve():
        raise InvalidInput("Tệp bản sao phải khác tệp gốc: khdesk không ghi đè văn bản gốc.")
    signatures = check(source, [])
    if any(found.field.startswith(COPY) for found in signatures):
        raise InvalidInput(f"«{source.name}» đã là bản sao điện tử: dòng ký số của bản sao mới sẽ đè lên dòng của "
                           "bản sao trước ở góc trên bên phải. Hãy sao từ bản gốc.")
    broken = [found for found in signatures if not (found.intact and found.allowed)]
    if broken:
        raise InvalidInput(f"Không sao «{source.name}»: chữ ký số {', '.join(f'«{b.field}»' for b in broken)} không "
                           "còn nguyên (tệp bị sửa sau khi ký). Hãy xin lại bản gốc.")
    moment = (moment or datetime.now(VIETNAM)).astimezone(VIETNAM).replace(microsecond=0)
    lines = [f"{COPY_KINDS[kind]}, {agency}", iso_time(moment)]
    with tempfile.TemporaryDirectory(prefix="khdesk-sao-") as folder:
        shown = Path(folder) / "ban-goc.pdf"      # (not the source's name: a long one would pass Windows' MAX_PATH)
        shown.write_bytes(as_shown(read_pdf(source)))
        place = copy_place(shown)
        sign(shown, output, place, key, text_appearance(lines, place.box, family.font()), certify=False,
             moment=moment)
    return f"Đã ký số bản sao: «{'; '.join(lines)}» ({key.subject})."


def verify(path: str | Path, trusted_roots: list[bytes]) -> list[SignatureCheck]:
    """Every signature of the PDF at ``path``, checked offline (revocation is not checked: no network)."""
    return check(path, trusted_roots)
