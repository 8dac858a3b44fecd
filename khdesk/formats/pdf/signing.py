"""Digital signatures in a PDF as Nghị định 30/2020 Phụ lục I lays them out (pyHanko: PAdES, by incremental
update, offline).

The issuing form carries empty signature fields where the signatures go: «NguoiKy» (the competent person's
signature image, between the title and the name), «CoQuan» (the agency's seal, over the left third of the
person's signature); an appendix issued in its own file has only «CoQuan», at the top right of its first page,
signed with no image — its number and symbol and the signing time in ISO 8601 (+07:00), Times New Roman 10 pt.
An electronic copy («bản sao điện tử», Phụ lục I Phần I mục II.9) is signed by the copying agency the same way
in a field of its own, «SaoVanBan», added at the top right of the first page: the kind of copy, the agency, the time.
The first signature certifies the file and allows form filling only (what VGCA's tools do, «CertificationLevel
2»); the agency's signature then fills its field. A signed file is written beside the source, never over it.
"""
from __future__ import annotations

import io
import logging
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

from ...errors import InvalidInput, KhdeskError, os_reason
from ...system.files import write_atomically

# pyHanko reports a certificate it cannot chain as a logged traceback; khdesk says it in words instead
for _name in ("pyhanko", "pyhanko_certvalidator"):
    logging.getLogger(_name).addHandler(logging.NullHandler())
    logging.getLogger(_name).propagate = False

MM = 72 / 25.4
VIETNAM = timezone(timedelta(hours=7), "ICT")          # no daylight saving: a fixed +07:00
PERSON, AGENCY, COPY = "NguoiKy", "CoQuan", "SaoVanBan"
PERSON_WIDTH_MM = 60                                 # the person's signature image: its box, centred
SEAL_MM = 38                                         # a seal at its real size (36–40 mm)
STAMP_BOX_MM = (75, 11)                              # the appendix's stamp line: two lines of 10 pt
COPY_BOX_MM = (110, 13)                              # a copy's stamp: up to three lines of 10 pt
COPY_RIGHT_MM = 15                                   # a document from elsewhere: the decree's smallest right margin
STAMP_TOP_MM = 6                                     # from the top of the page, in the top margin
STAMP_SIZE = 10
MAX_PDF_BYTES = 200_000_000                          # a plan's PDF is under 1 MB; a report with charts, a few


@dataclass(frozen=True)
class Place:
    """Where a signature goes: its field, its page (from 0), its box in points from the page's lower left."""
    field: str
    page: int
    box: tuple[float, float, float, float]


def places_in_signature_space(page: int, space: tuple[float, float, float, float]) -> list[Place]:
    """The person's signature centred in the room between title and name; the seal, as large as a real one,
    its right edge a third of the way into the signature."""
    x0, y0, x1, y1 = space
    centre_x, centre_y = (x0 + x1) / 2, (y0 + y1) / 2
    half = PERSON_WIDTH_MM * MM / 2
    person = (centre_x - half, y0, centre_x + half, y1)
    seal = min(SEAL_MM * MM, y1 - y0)
    right = person[0] + (person[2] - person[0]) / 3
    return [Place(PERSON, page, person),
            Place(AGENCY, page, (right - seal, centre_y - seal / 2, right, centre_y + seal / 2))]


def stamp_place(page_width: float, page_height: float, right_margin_mm: float, field: str = AGENCY,
                box_mm: tuple[float, float] = STAMP_BOX_MM) -> Place:
    """The top right of the first page, in the top margin: the agency's stamp line on an appendix alone (or,
    with ``field`` and ``box_mm``, a copy's)."""
    right = page_width - right_margin_mm * MM
    top = page_height - STAMP_TOP_MM * MM
    width, height = (v * MM for v in box_mm)
    return Place(field, 0, (right - width, top - height, right, top))


def copy_place(path: str | Path) -> Place:
    """Where a copy's stamp goes on the PDF at ``path``: the top right of its first page (as the page shows,
    its crop box), in a field named after the copies already there («SaoVanBan», «SaoVanBan2», …)."""
    with opened(path) as reader:
        node, boxes = reader.root["/Pages"], {}
        for _depth in range(64):                    # the page tree down to the first page, its boxes inherited
            boxes.update({k: node[k] for k in ("/MediaBox", "/CropBox") if k in node})
            if "/Kids" not in node:
                break
            node = node["/Kids"][0].get_object()
        x0, y0, x1, y1 = (float(v) for v in boxes.get("/CropBox") or boxes["/MediaBox"])
    taken = set(fields_of(path))
    name = next(n for n in (COPY if i == 1 else f"{COPY}{i}" for i in range(1, len(taken) + 2)) if n not in taken)
    place = stamp_place(x1 - x0, y1 - y0, COPY_RIGHT_MM, name, COPY_BOX_MM)
    return Place(name, 0, (place.box[0] + x0, place.box[1] + y0, place.box[2] + x0, place.box[3] + y0))


def add_fields(path: str | Path, places: list[Place]) -> None:
    """Add the empty signature fields to the PDF at ``path`` (rewritten in place: a file being written)."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign.fields import SigFieldSpec, append_signature_field

    data = Path(path).read_bytes()
    writer = IncrementalPdfFileWriter(io.BytesIO(data))
    for place in places:
        append_signature_field(writer, SigFieldSpec(place.field, on_page=place.page, box=place.box))
    out = io.BytesIO()
    writer.write(out)
    Path(path).write_bytes(out.getvalue())


def read_pdf(path: Path) -> bytes:
    """A PDF from outside, read whole after checking it is one: a regular file (a named pipe would wait for
    ever), at most ``MAX_PDF_BYTES``, starting as a PDF does."""
    try:
        if not path.is_file():
            raise InvalidInput(f"Không thấy tệp PDF «{path}»." if not path.exists() else
                               f"«{path.name}» không phải tệp thường (thiết bị hoặc đường ống).")
        if path.stat().st_size > MAX_PDF_BYTES:
            raise InvalidInput(f"«{path.name}» lớn hơn {MAX_PDF_BYTES // 1_000_000} MB; không phải văn bản khdesk ký.")
        data = path.read_bytes()
    except OSError as err:
        raise KhdeskError(f"Không đọc được «{path}»: {os_reason(err)}.") from err
    if not data[:1024].lstrip().startswith(b"%PDF-"):
        raise InvalidInput(f"«{path.name}» không phải tệp PDF.")
    return data


def as_shown(data: bytes) -> bytes:
    """The PDF ``data`` as it shows, made a document of its own: every page's annotations — the signatures'
    images and stamp lines among them — drawn into the page as a printer draws them (pdfium), the form and
    the signatures' permissions dropped. What an electronic copy is made from: the original's signatures stay
    in the original (a certified original allows no new signature field), the copy carries the copier's."""
    import pypdfium2
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.pdf_utils.writer import copy_into_new_writer

    try:
        pdf = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as err:
        raise InvalidInput(f"Tệp PDF không đọc được ({err}).") from err
    try:
        for index in range(len(pdf)):
            page = pdf[index]
            if pypdfium2.raw.FPDFPage_Flatten(page.raw, pypdfium2.raw.FLAT_PRINT) == pypdfium2.raw.FLATTEN_FAIL:
                raise InvalidInput(f"Không vẽ được chữ ký, ghi chú của trang {index + 1} vào trang.")
            page.close()
        drawn = io.BytesIO()
        pdf.save(drawn)
    finally:
        pdf.close()
    writer = copy_into_new_writer(PdfFileReader(io.BytesIO(drawn.getvalue()), strict=False))
    for key in ("/AcroForm", "/Perms"):
        if key in writer.root:
            del writer.root[key]
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@contextmanager
def opened(path: str | Path):
    """pyHanko's reader of the PDF at ``path`` (``read_pdf``), refused when encrypted (a signed document is
    not, Nghị định 30); what it cannot read while in the block is said as a damaged PDF, in words."""
    from pyhanko.pdf_utils.misc import PdfReadError
    from pyhanko.pdf_utils.reader import PdfFileReader

    path = Path(path)
    data = read_pdf(path)
    try:
        reader = PdfFileReader(io.BytesIO(data))
        if reader.encrypted:
            raise InvalidInput(f"«{path.name}» được mã hóa; văn bản điện tử ký số không được mã hóa. Hãy xin tệp "
                               "không mã hóa.")
        yield reader
    except (PdfReadError, KeyError, IndexError, TypeError, ValueError) as err:
        raise InvalidInput(f"«{path.name}» không phải tệp PDF đọc được ({err or type(err).__name__}).") from err


# ----- what a signature looks like --------------------------------------------------------------------
def image_appearance(png: bytes, box: tuple[float, float, float, float], font: str) -> bytes:
    """A one-page PDF the size of ``box`` with the PNG drawn in it, as large as fits, its proportions and its
    transparency kept (reportlab; pyHanko places it as a static stamp). ``font``: the document's own, set
    first so that reportlab's default, an unembedded Helvetica, is not named in the signed file."""
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen.canvas import Canvas

    width, height = box[2] - box[0], box[3] - box[1]
    image = ImageReader(io.BytesIO(png))
    iw, ih = image.getSize()
    scale = min(width / iw, height / ih)
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=(width, height), initialFontName=font)
    canvas.drawImage(image, (width - iw * scale) / 2, (height - ih * scale) / 2, iw * scale, ih * scale, mask="auto")
    canvas.save()
    return out.getvalue()


def text_appearance(lines: list[str], box: tuple[float, float, float, float], font: str) -> bytes:
    """A one-page PDF the size of ``box`` with ``lines`` right-aligned, upright, black, 10 pt, in ``font`` (a
    registered reportlab font: the document's own, so the Vietnamese letters come out whole); a line too long
    for the box is wrapped at a space, and what does not fit in its height is refused, not cut."""
    from reportlab.lib.utils import simpleSplit
    from reportlab.pdfgen.canvas import Canvas

    width, height = box[2] - box[0], box[3] - box[1]
    lines = [part for line in lines for part in simpleSplit(line, font, STAMP_SIZE, width) or [""]]
    if len(lines) * STAMP_SIZE * 1.15 > height + 0.5:
        raise InvalidInput(f"Dòng ký số quá dài cho chỗ của nó ({len(lines)} dòng): «{' '.join(lines)}».")
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=(width, height), initialFontName=font)
    canvas.setFillColorRGB(0, 0, 0)
    canvas.setFont(font, STAMP_SIZE)
    for i, line in enumerate(lines):
        canvas.drawRightString(width, height - (i + 1) * STAMP_SIZE * 1.15, line)
    canvas.save()
    return out.getvalue()


def iso_time(moment: datetime) -> str:
    """«2024-05-13T10:21:07+07:00»: the signing time as NĐ 30 asks, in Vietnam's zone to the second."""
    return moment.astimezone(VIETNAM).replace(microsecond=0).isoformat()


# ----- keys ----------------------------------------------------------------------------------------------
@dataclass
class Key:
    """A signing key and its certificate, ready to sign (``signer`` is pyHanko's); ``close`` ends a token's
    session."""
    signer: object
    subject: str
    session: object = None

    def close(self) -> None:
        if self.session is not None:
            self.session.close()
            self.session = None


def load_p12(path: str | Path, pin: str) -> Key:
    """The key of a .p12/.pfx file; a clear message for a wrong password or a file that is not one."""
    from cryptography.hazmat.primitives.serialization import pkcs12
    from pyhanko.sign.signers import SimpleSigner

    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as err:
        raise KhdeskError(f"Không đọc được tệp chứng thư «{path}»: {os_reason(err)}.") from err
    if len(data) > 1_000_000:
        raise InvalidInput(f"«{path.name}» quá lớn cho một tệp chứng thư số (.p12, .pfx).")
    try:
        pkcs12.load_key_and_certificates(data, pin.encode("utf-8"))
    except ValueError as err:
        wrong = "password" in str(err).lower() or "mac" in str(err).lower()
        raise InvalidInput(f"Mật khẩu của «{path.name}» không đúng." if wrong else
                           f"«{path.name}» không phải tệp chứng thư số (.p12, .pfx) đọc được.") from None
    signer = SimpleSigner.load_pkcs12_data(data, other_certs=[], passphrase=pin.encode("utf-8"))
    if signer is None or signer.signing_cert is None:
        raise InvalidInput(f"«{path.name}» không có khóa ký kèm chứng thư.")
    subject = signer.signing_cert.subject.native
    return Key(signer, subject.get("common_name") or signer.signing_cert.subject.human_friendly)


def load_pkcs11(module: str | Path, pin: str, slot: int | None = None, label: str | None = None) -> Key:
    """The signing key of a PKCS#11 token (a USB token's driver, or SoftHSM): the certificate with a private key
    of the same id — the one there is, or the one labelled ``label``. Vietnamese messages for a driver that
    does not load, no token, a wrong or locked PIN."""
    import pkcs11
    from pkcs11 import Attribute, ObjectClass
    from pkcs11 import exceptions as failed
    from pyhanko.sign.pkcs11 import PKCS11Signer

    module = Path(module)
    if not module.is_file():
        raise InvalidInput(f"Không thấy thư viện PKCS#11 của thiết bị ký số «{module}» (tệp .dll hoặc .so do hãng "
                           "cung cấp token cài vào máy).")
    try:
        library = pkcs11.lib(str(module))
    except (RuntimeError, OSError, failed.PKCS11Error) as err:
        raise InvalidInput(f"Không nạp được thư viện thiết bị ký số «{module.name}» ({err}).") from err
    slots = [s for s in library.get_slots(token_present=True) if slot is None or s.slot_id == slot]
    if not slots:
        raise InvalidInput("Không thấy thiết bị ký số (token) nào đang cắm" + (f" ở khe {slot}." if slot is not None
                                                                               else "."))
    try:
        session = slots[0].get_token().open(user_pin=pin)
    except failed.PinIncorrect:
        raise InvalidInput("Mã PIN của thiết bị ký số không đúng.") from None
    except failed.PinLocked:
        raise InvalidInput("Thiết bị ký số đã khóa vì nhập sai PIN nhiều lần; hãy liên hệ nơi cấp chứng thư.") from None
    except failed.PKCS11Error as err:
        raise InvalidInput(f"Không mở được thiết bị ký số ({type(err).__name__}).") from err
    try:
        keys = {bytes(k[Attribute.ID]) for k in session.get_objects({Attribute.CLASS: ObjectClass.PRIVATE_KEY})}
        certs = [(c[Attribute.LABEL], bytes(c[Attribute.ID])) for c in
                 session.get_objects({Attribute.CLASS: ObjectClass.CERTIFICATE}) if bytes(c[Attribute.ID]) in keys]
        if label is not None:
            certs = [c for c in certs if c[0] == label]
        if len(certs) != 1:
            shown = ", ".join(f"«{name}»" for name, _ in certs)
            raise InvalidInput("Thiết bị ký số không có chứng thư nào kèm khóa ký." if not certs else
                               f"Thiết bị ký số có nhiều chứng thư ({shown}); hãy chọn một (--key TÊN).")
        signer = PKCS11Signer(session, cert_id=certs[0][1], key_id=certs[0][1])
        subject = signer.signing_cert.subject.native
    except BaseException:
        session.close()
        raise
    return Key(signer, subject.get("common_name") or signer.signing_cert.subject.human_friendly, session)


def self_signed_key(common_name: str) -> Key:
    """A throwaway key with a self-signed certificate, made in memory: what the self-test signs with, to prove
    that signing and checking work in this build (such a signature is intact, never trusted)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives.serialization import pkcs12
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
    now = datetime.now(UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - timedelta(minutes=5))
            .not_valid_after(now + timedelta(days=1)).sign(key, hashes.SHA256()))
    data = pkcs12.serialize_key_and_certificates(b"khdesk", key, cert, None, serialization.NoEncryption())
    from pyhanko.sign.signers import SimpleSigner

    return Key(SimpleSigner.load_pkcs12_data(data, other_certs=[]), common_name)


# ----- signing -------------------------------------------------------------------------------------------
def fields_of(path: str | Path) -> dict[str, tuple[bool, tuple[float, float, float, float]]]:
    """The signature fields of a PDF: name → (signed or not, its box on the page)."""
    from pyhanko.sign.fields import enumerate_sig_fields

    with opened(path) as reader:
        found = {}
        for name, value, ref in enumerate_sig_fields(reader):
            rect = ref.get_object().get("/Rect")
            box = tuple(float(v) for v in rect) if rect is not None else (0.0, 0.0, 0.0, 0.0)
            found[name] = (value is not None, box)
        return found


def sign(source: str | Path, output: str | Path, field: str | Place, key: Key, appearance: bytes, *, certify: bool,
         moment: datetime) -> None:
    """Sign the empty field ``field`` of ``source`` with ``key`` (PAdES, incremental) — or a new field at a
    ``Place``, added in the same update — its appearance the one-page PDF ``appearance``; written to
    ``output`` whole, never over ``source``."""
    from pyhanko.pdf_utils import layout
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers
    from pyhanko.stamp import StaticStampStyle

    source, output = Path(source), Path(output)
    if source.resolve() == output.resolve():
        raise InvalidInput("Tệp đã ký phải khác tệp gốc: khdesk không ghi đè tệp chưa ký.")
    new_field = None
    if isinstance(field, Place):
        new_field = fields.SigFieldSpec(field.field, on_page=field.page, box=field.box)
        field = field.field
    meta = signers.PdfSignatureMetadata(
        field_name=field, subfilter=fields.SigSeedSubFilter.PADES, certify=certify,
        docmdp_permissions=fields.MDPPerm.FILL_FORMS, md_algorithm="sha256")
    from pyhanko.sign.validation import read_certification_data

    data = read_pdf(source)
    with opened(source) as reader:
        certified = read_certification_data(reader)
    if certified is not None and certified.permission == fields.MDPPerm.NO_CHANGES:
        raise InvalidInput(f"«{source.name}» đã được ký chứng nhận «không cho thay đổi»: không thêm được chữ ký nào. "
                           "Hãy ký trên mẫu ban hành khdesk in (Kế hoạch › Mẫu ban hành để ký số…).")

    def save(tmp: str) -> None:
        with tempfile.TemporaryDirectory(prefix="khdesk-") as folder:     # (pyHanko reads a stamp from a file)
            stamp = Path(folder) / "stamp.pdf"
            stamp.write_bytes(appearance)
            whole_box = layout.SimpleBoxLayoutRule(x_align=layout.AxisAlignment.ALIGN_MID,
                                                   y_align=layout.AxisAlignment.ALIGN_MID, margins=layout.Margins())
            style = StaticStampStyle.from_pdf_file(str(stamp), border_width=0, background_layout=whole_box)
            with open(tmp, "wb") as out:
                writer = IncrementalPdfFileWriter(io.BytesIO(data))
                signers.PdfSigner(meta, signer=key.signer, stamp_style=style,
                                  new_field_spec=new_field).sign_pdf(writer, output=out)

    del moment          # (pyHanko records its own signing time, the same second; the stamp shows ``moment``)
    from pyhanko.pdf_utils.misc import PdfError
    from pyhanko.sign.general import SigningError

    try:
        write_atomically(output, "tệp PDF đã ký", save)
    except (SigningError, PdfError) as err:        # a file from elsewhere pyHanko cannot sign on: said, no file left
        raise InvalidInput(f"Không ký được «{source.name}» (thư viện ký số báo: {err}).") from err


# ----- checking ------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class SignatureCheck:
    field: str
    signer: str
    signed_at: datetime | None
    intact: bool                 # the signed bytes are as signed
    trusted: bool                # the certificate chains to a root the clerk trusts
    changed_after: str           # what was added to the file after this signature, in words ("" nothing)
    allowed: bool                # what was added is what this signature allows (form filling)

    @property
    def good(self) -> bool:
        return self.intact and self.trusted and self.allowed

    def summary(self) -> str:
        when = iso_time(self.signed_at) if self.signed_at else "không rõ thời gian"
        state = ("còn nguyên" if self.intact else "ĐÃ BỊ SỬA sau khi ký") + ", " + (
            "chứng thư tin cậy" if self.trusted else "chứng thư CHƯA được tin cậy (không lên tới gốc đã nhập)")
        extra = f"; sau đó: {self.changed_after}" if self.changed_after else ""
        if not self.allowed:
            extra += " — thay đổi này chữ ký không cho phép"
        return f"«{self.field}»: {self.signer}, ký lúc {when}; {state}{extra}"


def check(path: str | Path, trusted_roots: list[bytes]) -> list[SignatureCheck]:
    """Every signature of the PDF at ``path`` checked offline against the roots (PEM or DER certificates);
    revocation is not checked (no network)."""
    from asn1crypto import pem, x509
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    roots = []
    for data in trusted_roots:
        try:
            roots.append(x509.Certificate.load(pem.unarmor(data)[2] if pem.detect(data) else data))
        except (ValueError, TypeError) as err:
            raise InvalidInput("Tệp chứng thư gốc không đọc được (cần .pem hoặc .cer).") from err
    context = ValidationContext(trust_roots=roots, allow_fetching=False)
    found = []
    with opened(path) as reader:
        for embedded in reader.embedded_regular_signatures:
            status = validate_pdf_signature(embedded, context)
            level = status.modification_level
            changed = "" if level is None or level.name == "NONE" else {
                "LTA_UPDATES": "thêm dấu thời gian", "FORM_FILLING": "điền trường ký (chữ ký sau)",
                "ANNOTATIONS": "thêm ghi chú"}.get(level.name, "sửa nội dung")
            subject = status.signing_cert.subject.native.get("common_name") or status.signing_cert.subject.human_friendly
            found.append(SignatureCheck(embedded.field_name, subject, status.signer_reported_dt,
                                        bool(status.intact and status.valid), bool(status.trusted), changed,
                                        bool(status.seed_value_ok and (status.docmdp_ok or level is None))))
    return found
