"""Electronic issuing (ký số) as Nghị định 30/2020 Phụ lục I lays it out: the issuing form of a plan (or its
appendix alone, or the month's report) printed with its empty signature fields, then signed in the decree's
order — the competent person first (their signature image between the title and the name), the agency after
(its seal over the left third of it; Điều 32: only what the person has signed) — or, for an appendix in its
own file, the agency alone with its text stamp (number and symbol, the signing time in ISO 8601, +07:00).
Each signature is added to a copy, never over the file it signs. And a signed PDF checked offline.
"""
from __future__ import annotations

import hashlib
import tempfile
from datetime import datetime
from pathlib import Path

from ..db import Store
from ..document import wording
from ..document.fonts import choose_family
from ..document.model import plan_document
from ..errors import InvalidInput
from ..formats.pdf.signing import (
    AGENCY,
    PERSON,
    VIETNAM,
    Key,
    SignatureCheck,
    check,
    fields_of,
    image_appearance,
    iso_time,
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
    if PERSON in fields and not fields[PERSON][0]:
        png = store.signature_images.get("person", plan.signer_name)
        sign(source, output, PERSON, key, image_appearance(png, fields[PERSON][1]), certify=certify, moment=moment)
        return f"Đã ký số của {plan.signer_name or 'người có thẩm quyền'} ({key.subject})."
    if AGENCY in fields and not fields[AGENCY][0]:
        if PERSON in fields:
            seal = store.signature_images.get("seal")
            sign(source, output, AGENCY, key, image_appearance(seal, fields[AGENCY][1]), certify=certify,
                 moment=moment)
            return f"Đã ký số của cơ quan, con dấu đè lên chữ ký ({key.subject})."
        if not plan.number.strip():
            raise InvalidInput("Phụ lục ban hành thành tệp riêng mang số, ký hiệu của kế hoạch trong dòng ký số của cơ "
                               "quan, mà kế hoạch chưa có số. Hãy ghi số (Kế hoạch › Thông tin kế hoạch…) rồi ký.")
        family = choose_family()
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


def verify(path: str | Path, trusted_roots: list[bytes]) -> list[SignatureCheck]:
    """Every signature of the PDF at ``path``, checked offline (revocation is not checked: no network)."""
    return check(path, trusted_roots)
