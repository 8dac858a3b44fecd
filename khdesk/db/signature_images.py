"""Ký số in the database: the office's images — each competent person's signature by name, and the agency's
seal — checked on the way in (``domain.images.check_png``); and the files khdesk signed for each plan."""
from __future__ import annotations

import sqlite_utils

from ..domain.images import KINDS, check_png
from ..domain.models import IssuedFile
from ..domain.text import nfc
from ..errors import InvalidInput, NotFound


class SignatureImages:
    def __init__(self, db: sqlite_utils.Database):
        self.db = db

    def put(self, kind: str, name: str, png: bytes) -> None:
        if kind not in KINDS:
            raise InvalidInput(f"Loại ảnh không hợp lệ: «{kind}».")
        name = nfc(name.strip())
        if kind == "person" and not name:
            raise InvalidInput("Hãy ghi tên người ký của ảnh chữ ký.")
        check_png(png, KINDS[kind] + (f" của {name}" if name else ""))
        with self.db.atomic():
            self.db.execute("INSERT INTO signature_images (kind, name, png) VALUES (?, ?, ?) "
                            "ON CONFLICT (kind, name) DO UPDATE SET png = excluded.png", [kind, name, png])

    def get(self, kind: str, name: str = "") -> bytes:
        row = self.db.execute("SELECT png FROM signature_images WHERE kind = ? AND name = ?",
                              [kind, nfc(name.strip())]).fetchone()
        if row is None:
            what = f"chữ ký của «{name}»" if kind == "person" else "con dấu của cơ quan"
            raise NotFound(f"Chưa có ảnh {what} trong tệp dữ liệu. Hãy thêm: main.py signature-image --db TỆP "
                           + ("--person «TÊN»" if kind == "person" else "--seal") + " ẢNH.png")
        return bytes(row[0])

    def names(self) -> list[tuple[str, str]]:
        return [tuple(r) for r in self.db.execute("SELECT kind, name FROM signature_images ORDER BY kind, name")]


class IssuedFiles:
    """The files khdesk signed for a plan, newest last: (file name, SHA-256, content digest, time, signer)."""

    def __init__(self, db: sqlite_utils.Database):
        self.db = db

    def record(self, plan_id: int, sha256: str, file_name: str, content: str, signed_at: str, signer: str) -> None:
        with self.db.atomic():
            self.db.execute("INSERT INTO issued_files (plan_id, sha256, file_name, content, signed_at, signer) "
                            "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (plan_id, sha256) DO NOTHING",
                            [plan_id, sha256, nfc(file_name)[:300], content, signed_at, nfc(signer)[:300]])

    def of_plan(self, plan_id: int) -> list[IssuedFile]:
        rows = self.db.execute("SELECT file_name, sha256, content, signed_at, signer FROM issued_files "
                               "WHERE plan_id = ? ORDER BY signed_at, rowid", [plan_id]).fetchall()
        return [IssuedFile(*row) for row in rows]
