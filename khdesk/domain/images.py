"""The images of ký số (Nghị định 30, Phụ lục I): a signature or a seal is a PNG with a transparent
background, of a sane size. Checked from the file's own header and chunks, before any decoder sees it
(a crafted PNG declaring 100,000 × 100,000 pixels would take the machine)."""
from __future__ import annotations

import struct
import zlib

from ..errors import InvalidInput
from .limits import MAX_IMAGE_BYTES, MAX_IMAGE_PIXELS, count

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
KINDS = {"person": "chữ ký", "seal": "con dấu"}


def check_png(data: bytes, what: str) -> tuple[int, int]:
    """(width, height) of a PNG fit to sign with; ``InvalidInput`` saying what is wrong otherwise."""
    if len(data) > MAX_IMAGE_BYTES:
        raise InvalidInput(f"Ảnh {what} nặng {count(len(data))} byte, quá {count(MAX_IMAGE_BYTES)} byte.")
    if not data.startswith(PNG_MAGIC):
        raise InvalidInput(f"Ảnh {what} phải là tệp PNG (nền trong suốt).")
    chunks: dict[bytes, bytes] = {}
    at = len(PNG_MAGIC)
    while at + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[at:at + 8])
        body, crc = data[at + 8:at + 8 + length], data[at + 8 + length:at + 12 + length]
        if len(body) != length or len(crc) != 4 or zlib.crc32(kind + body) != struct.unpack(">I", crc)[0]:
            raise InvalidInput(f"Ảnh {what} bị hỏng (tệp PNG không đọc được).")
        chunks.setdefault(kind, body)
        at += 12 + length
        if kind == b"IEND":
            break
    header = chunks.get(b"IHDR")
    if header is None or len(header) != 13 or b"IDAT" not in chunks or b"IEND" not in chunks:
        raise InvalidInput(f"Ảnh {what} bị hỏng (tệp PNG không đọc được).")
    width, height, _depth, colour = struct.unpack(">IIBB", header[:10])
    if not (0 < width <= MAX_IMAGE_PIXELS and 0 < height <= MAX_IMAGE_PIXELS):
        raise InvalidInput(f"Ảnh {what} có {width} × {height} điểm ảnh; khdesk nhận tới {count(MAX_IMAGE_PIXELS)} × "
                           f"{count(MAX_IMAGE_PIXELS)}.")
    if colour not in (4, 6) and b"tRNS" not in chunks:
        raise InvalidInput(f"Ảnh {what} không có nền trong suốt; Nghị định 30 yêu cầu ảnh PNG nền trong suốt. Hãy "
                           "xuất lại ảnh với nền trong suốt (transparent).")
    return width, height
