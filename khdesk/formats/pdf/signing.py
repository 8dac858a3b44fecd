"""Digital signatures in a PDF as Nghị định 30/2020 Phụ lục I lays them out (pyHanko: PAdES, by incremental
update, offline).

The issuing form carries empty signature fields where the signatures go: «NguoiKy» (the competent person's
signature image, between the title and the name), «CoQuan» (the agency's seal, over the left third of the
person's signature); an appendix issued in its own file has only «CoQuan», at the top right of its first page,
signed with no image — its number and symbol and the signing time in ISO 8601 (+07:00), Times New Roman 10 pt.
The first signature certifies the file and allows form filling only (what VGCA's tools do, «CertificationLevel
2»); the agency's signature then fills its field. A signed file is written beside the source, never over it.
"""
from __future__ import annotations

import io
import logging
import tempfile
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
PERSON, AGENCY = "NguoiKy", "CoQuan"
PERSON_WIDTH_MM = 60                                 # the person's signature image: its box, centred
SEAL_MM = 38                                         # a seal at its real size (36–40 mm)
STAMP_BOX_MM = (75, 11)                              # the appendix's stamp line: two lines of 10 pt
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


def stamp_place(page_width: float, page_height: float, right_margin_mm: float) -> Place:
    """The top right of the first page, in the top margin: the agency's stamp line on an appendix alone."""
    right = page_width - right_margin_mm * MM
    top = page_height - STAMP_TOP_MM * MM
    width, height = (v * MM for v in STAMP_BOX_MM)
    return Place(AGENCY, 0, (right - width, top - height, right, top))


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


# ----- what a signature looks like --------------------------------------------------------------------
def image_appearance(png: bytes, box: tuple[float, float, float, float]) -> bytes:
    """A one-page PDF the size of ``box`` with the PNG drawn in it, as large as fits, its proportions and its
    transparency kept (reportlab; pyHanko places it as a static stamp)."""
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen.canvas import Canvas

    width, height = box[2] - box[0], box[3] - box[1]
    image = ImageReader(io.BytesIO(png))
    iw, ih = image.getSize()
    scale = min(width / iw, height / ih)
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=(width, height))
    canvas.drawImage(image, (width - iw * scale) / 2, (height - ih * scale) / 2, iw * scale, ih * scale, mask="auto")
    canvas.save()
    return out.getvalue()


def text_appearance(lines: list[str], box: tuple[float, float, float, float], font: str) -> bytes:
    """A one-page PDF the size of ``box`` with ``lines`` right-aligned, upright, black, 10 pt, in ``font`` (a
    registered reportlab font: the document's own, so the Vietnamese letters come out whole)."""
    from reportlab.pdfgen.canvas import Canvas

    width, height = box[2] - box[0], box[3] - box[1]
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=(width, height))
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
    from pyhanko.pdf_utils.misc import PdfReadError
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.fields import enumerate_sig_fields

    path = Path(path)
    data = read_pdf(path)
    try:
        reader = PdfFileReader(io.BytesIO(data))
        if reader.encrypted:
            raise InvalidInput(f"«{path.name}» được mã hóa; văn bản điện tử ký số không được mã hóa.")
        found = {}
        for name, value, ref in enumerate_sig_fields(reader):
            rect = ref.get_object().get("/Rect")
            box = tuple(float(v) for v in rect) if rect is not None else (0.0, 0.0, 0.0, 0.0)
            found[name] = (value is not None, box)
        return found
    except PdfReadError as err:
        raise InvalidInput(f"«{path.name}» không phải tệp PDF đọc được ({err}).") from err


def sign(source: str | Path, output: str | Path, field: str, key: Key, appearance: bytes, *, certify: bool,
         moment: datetime) -> None:
    """Sign the empty field ``field`` of ``source`` with ``key`` (PAdES, incremental), its appearance the
    one-page PDF ``appearance``; written to ``output`` whole, never over ``source``."""
    from pyhanko.pdf_utils import layout
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers
    from pyhanko.stamp import StaticStampStyle

    source, output = Path(source), Path(output)
    if source.resolve() == output.resolve():
        raise InvalidInput("Tệp đã ký phải khác tệp gốc: khdesk không ghi đè tệp chưa ký.")
    meta = signers.PdfSignatureMetadata(
        field_name=field, subfilter=fields.SigSeedSubFilter.PADES, certify=certify,
        docmdp_permissions=fields.MDPPerm.FILL_FORMS, md_algorithm="sha256")
    data = read_pdf(source)

    def save(tmp: str) -> None:
        with tempfile.TemporaryDirectory(prefix="khdesk-") as folder:     # (pyHanko reads a stamp from a file)
            stamp = Path(folder) / "stamp.pdf"
            stamp.write_bytes(appearance)
            whole_box = layout.SimpleBoxLayoutRule(x_align=layout.AxisAlignment.ALIGN_MID,
                                                   y_align=layout.AxisAlignment.ALIGN_MID, margins=layout.Margins())
            style = StaticStampStyle.from_pdf_file(str(stamp), border_width=0, background_layout=whole_box)
            with open(tmp, "wb") as out:
                writer = IncrementalPdfFileWriter(io.BytesIO(data))
                signers.PdfSigner(meta, signer=key.signer, stamp_style=style).sign_pdf(writer, output=out)

    del moment          # (pyHanko records its own signing time, the same second; the stamp shows ``moment``)
    from pyhanko.pdf_utils.misc import PdfError
    from pyhanko.sign.general import SigningError

    try:
        write_atomically(output, "tệp PDF đã ký", save)
    except (SigningError, PdfError) as err:        # a file from elsewhere pyHanko cannot sign on: said, no file left
        raise InvalidInput(f"Không ký được «{source.name}»: {err}.") from err


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
    from pyhanko.pdf_utils.misc import PdfReadError
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    roots = []
    for data in trusted_roots:
        try:
            roots.append(x509.Certificate.load(pem.unarmor(data)[2] if pem.detect(data) else data))
        except (ValueError, TypeError) as err:
            raise InvalidInput("Tệp chứng thư gốc không đọc được (cần .pem hoặc .cer).") from err
    context = ValidationContext(trust_roots=roots, allow_fetching=False)
    path = Path(path)
    data = read_pdf(path)
    found = []
    try:
        reader = PdfFileReader(io.BytesIO(data))
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
    except PdfReadError as err:
        raise InvalidInput(f"«{path.name}» không phải tệp PDF đọc được ({err}).") from err
    return found
