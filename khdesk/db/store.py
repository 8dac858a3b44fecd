"""One khdesk database file: opening it safely, upgrading it, and the gateway to its data.

``Store.open`` never modifies a file it refuses: it identifies the file from its first bytes and
its SQLite header (read-only, with a quick integrity check) before anything is written. An older
khdesk file is copied with the SQLite backup API before it is upgraded; a newer one is refused.
Opening for writing takes the writer lock (``lock.py``); the first opening of a day makes a backup
copy (``backups.py``). On a network share WAL is not used and ``store.warning`` says why.
"""
from __future__ import annotations

import os
import sqlite3
from contextlib import contextmanager
from pathlib import Path

import sqlite_utils

from ..domain.text import fold
from ..errors import DatabaseError
from ..system.files import SQLITE_MAGIC, write_atomically
from . import backups, identity, schema
from .agencies import Agencies
from .connection import connect_read_only
from .failures import is_damage, sqlite_reason
from .location import NETWORK_WARNING, is_network_path
from .lock import ReadOnlyLocation, WriterLock
from .plans import Plans
from .reporting import Reporting
from .result_imports import ResultImports
from .signature_images import IssuedFiles, SignatureImages
from .tasks import Tasks
from .value_check import damaged_value

# What a file that is not a database probably is, from its first bytes.
_KNOWN_KINDS = [
    (b"%PDF", "một tệp PDF"),
    (b"PK\x03\x04", "một tệp nén (Excel .xlsx, Word .docx hoặc .zip)"),
    (b"\xd0\xcf\x11\xe0", "một tệp Office cũ (.xls hoặc .doc)"),
    (b"{\\rtf", "một tệp văn bản RTF"),
]


class CorruptDatabase(DatabaseError):
    """The file is a damaged SQLite database; ``latest_backup`` is the newest copy, if any."""

    def __init__(self, path: Path, reason: str = "dữ liệu trong tệp bị hỏng"):
        self.path = path
        found = backups.list_backups(path)
        self.latest_backup = found[0].path if found else None
        advice = (f"Có thể khôi phục từ bản sao lưu gần nhất ({found[0].taken:%d/%m/%Y %H:%M})." if found
                  else "Không tìm thấy bản sao lưu nào trong thư mục «khdesk-sao-luu» bên cạnh tệp.")
        super().__init__(f"Tệp «{path}» bị hỏng hoặc không đọc được ({reason}). {advice}")


class Store:
    """The gateway to one database file. ``store.agencies``, ``store.plans`` and ``store.tasks``
    read and write; every write is one transaction (``store.transaction()`` groups several)."""

    def __init__(self, conn: sqlite3.Connection, path: Path, read_only: bool = False):
        self.path = path
        self.read_only = read_only
        self.warning = ""                 # shown to the clerk once (a network share …)
        self._lock: WriterLock | None = None
        conn.execute("PRAGMA trusted_schema = OFF")   # no function or virtual table runs from a schema's SQL
        conn.create_function("khdesk_fold", 1, fold, deterministic=True)
        self.db = sqlite_utils.Database(conn)
        self.db.execute("PRAGMA foreign_keys = ON")
        self.agencies = Agencies(self.db)
        self.plans = Plans(self.db)
        self.tasks = Tasks(self.db)
        self.result_imports = ResultImports(self.db)
        self.signature_images = SignatureImages(self.db)
        self.issued_files = IssuedFiles(self.db)
        self.reporting = Reporting(self.db)

    # ----- opening -------------------------------------------------------------------------
    @classmethod
    def create(cls, path: str | Path) -> Store:
        """A new, empty khdesk database at ``path``; an existing file is never overwritten."""
        path = Path(path)
        if path.exists():
            raise DatabaseError(f"Tệp «{path}» đã có; khdesk không ghi đè lên tệp có sẵn. Hãy chọn tên khác.")
        if not path.parent.is_dir():
            raise DatabaseError(f"Không có thư mục «{path.parent}». Hãy tạo thư mục trước hoặc chọn nơi khác.")
        try:
            conn = sqlite3.connect(path)
            store = cls(conn, path)
            store._set_journal()
            schema.upgrade(store.db)
            with store.db.conn:
                identity.record(store.db.conn, path)
        except sqlite3.Error as err:
            delete_database_files(path)
            raise DatabaseError(f"Không tạo được tệp «{path}»: {sqlite_reason(err)}") from err
        store._lock = WriterLock(path)
        store._lock.acquire()
        return store

    @classmethod
    def open(cls, path: str | Path, *, read_only: bool = False, take_over: bool = False,
             daily_backup: bool = True) -> Store:
        """Open an existing khdesk database. For writing (the default) the writer lock is taken
        (``FileLocked`` if another khdesk holds it; ``take_over`` forces it), an older file is
        upgraded after a backup copy, and the first opening of the day makes a backup copy.
        ``read_only`` opens it for reading alone, whoever holds it."""
        path = Path(path)
        version = _identify(path)
        if read_only:
            if version < schema.SCHEMA_VERSION:
                raise DatabaseError(f"Tệp «{path}» cần được nâng cấp; hãy mở nó để sửa (không chỉ đọc) một lần.")
            try:
                conn = connect_read_only(path)
            except sqlite3.Error as err:
                raise DatabaseError(f"Không mở được tệp «{path}»: {sqlite_reason(err)}") from err
            return cls(conn, path, read_only=True)
        if not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK):
            raise ReadOnlyLocation(path)
        lock = WriterLock(path)
        lock.acquire(take_over=take_over)
        try:
            conn = sqlite3.connect(path)
        except sqlite3.Error as err:
            lock.release()
            raise DatabaseError(f"Không mở được tệp «{path}»: {sqlite_reason(err)}") from err
        store = cls(conn, path)
        store._lock = lock
        try:
            store._set_journal()
        except sqlite3.Error as err:
            store.close()
            raise DatabaseError(f"Không mở được tệp «{path}» để ghi: {sqlite_reason(err)}.") from err
        try:
            if version < schema.SCHEMA_VERSION:
                store.backup(f"truoc-nang-cap-v{version}-len-v{schema.SCHEMA_VERSION}")
                schema.upgrade(store.db)
            elif daily_backup and not backups.has_backup_today(path):
                store.backup("hang-ngay")
            identity.settle(store.db.conn, path)
        except (sqlite3.Error, DatabaseError) as err:
            store.close()
            if isinstance(err, DatabaseError):
                raise
            raise DatabaseError(
                f"Không nâng cấp được tệp «{path}»: {sqlite_reason(err)}. Dữ liệu trong tệp chưa bị thay đổi."
            ) from err
        return store

    @classmethod
    def recover(cls, path: str | Path, backup: str | Path) -> Path:
        """Put a backup copy in place of a damaged file. The damaged file is kept, renamed
        "<tên>.hong-<thời điểm>", never deleted. Returns its new name."""
        path, backup = Path(path), Path(backup)
        _identify(backup)
        from datetime import datetime

        aside = path.with_name(f"{path.name}.hong-{datetime.now():%Y%m%d-%H%M%S}")
        try:
            os.replace(path, aside)
            for suffix in ("-wal", "-shm"):
                companion = Path(f"{path}{suffix}")
                if companion.exists():
                    os.replace(companion, Path(f"{aside}{suffix}"))
            source = connect_read_only(backup)
            dest = sqlite3.connect(path)
            try:
                source.backup(dest)
            finally:
                source.close()
                dest.close()
        except (OSError, sqlite3.Error) as err:
            raise DatabaseError(f"Không khôi phục được «{path.name}»: {sqlite_reason(err)}.") from err
        return aside

    def close(self) -> None:
        self.db.close()
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ----- transactions and copies ---------------------------------------------------------
    @contextmanager
    def transaction(self):
        """Group several writes into one transaction: all are stored, or none."""
        with self.db.atomic():
            yield self

    @property
    def schema_version(self) -> int:
        return schema.version_of(self.db)

    def sign(self, data: bytes) -> str:
        """A keyed digest (HMAC-SHA256, hex) of ``data`` with this database's own secret: what khdesk
        sends out and takes back (an agency's result sheet) is known to be its own, unaltered."""
        import hashlib
        import hmac

        found = self.identity()
        if not found.settled:
            raise identity.CopiedDatabase(self.path, found)
        key = self.db.execute("SELECT key FROM secret WHERE id = 1").fetchone()[0]
        return hmac.new(key, data, hashlib.sha256).hexdigest()

    def identity(self) -> identity.Identity:
        """Whether the file is where it was made (``identity.py``): a file copied or moved signs no result
        sheet and takes none until the clerk says which it is (``confirm_identity``)."""
        return identity.find(self.db.conn, self.path)

    def confirm_identity(self, *, new_database: bool) -> None:
        """The clerk's answer for a file found away from where it was made: a new database (it gets a new
        key, and no sheet of the other file is taken any more) or the same one moved."""
        if self.read_only:
            raise DatabaseError("Tệp đang mở chỉ để đọc; hãy mở để sửa rồi xác nhận.")
        try:
            identity.confirm(self.db.conn, self.path, new_database=new_database)
        except sqlite3.Error as err:
            raise DatabaseError(f"Không ghi được vào «{self.path.name}»: {sqlite_reason(err)}.") from err

    def backup(self, reason: str = "thu-cong") -> Path:
        """A consistent copy of the database (SQLite backup API) in the backup folder beside it;
        old copies are rotated away (the last 10 and one per month are kept)."""
        target = backups.backup_path(self.path, reason)
        # written under a name no listing matches, checked, then renamed: a copy cut short (a full
        # disk, a killed process) is never listed and never counts as the day's backup
        partial = target.with_name(f".{target.name}.dang-ghi")
        try:
            target.parent.mkdir(exist_ok=True)
            dest = sqlite3.connect(partial)
            try:
                self.db.conn.backup(dest)
                check = dest.execute("PRAGMA quick_check").fetchone()[0]
            finally:
                dest.close()
            if check != "ok":
                raise sqlite3.DatabaseError("database disk image is malformed")
            os.replace(partial, target)
        except (OSError, sqlite3.Error) as err:
            delete_database_files(partial)
            raise DatabaseError(
                f"Không tạo được bản sao lưu trong «{target.parent}»: {sqlite_reason(err)}. Tệp dữ liệu chưa bị thay đổi."
            ) from err
        backups.rotate(self.path)
        return target

    def restore_from(self, backup: str | Path) -> Path:
        """Replace the data with a backup copy, after backing up the current data. Returns the
        copy of the current data."""
        backup = Path(backup)
        version = _identify(backup)
        if self.read_only:
            raise DatabaseError("Tệp đang mở chỉ để đọc; không khôi phục được.")
        safety = self.backup("truoc-khoi-phuc")
        try:
            source = connect_read_only(backup)
            try:
                source.backup(self.db.conn)
            finally:
                source.close()
            if version < schema.SCHEMA_VERSION:
                schema.upgrade(self.db)
            identity.settle(self.db.conn, self.path)
        except sqlite3.Error as err:
            raise DatabaseError(f"Không khôi phục được từ «{backup.name}»: {sqlite_reason(err)}. Dữ liệu trước khi "
                                f"khôi phục đã được lưu ở «{safety.name}».") from err
        return safety

    def copy_to(self, target: str | Path) -> Path:
        """A consistent copy of the whole database at ``target`` ("Lưu bản sao…"), written to a
        temporary file first so that a failed copy leaves nothing half-written."""
        target = Path(target)
        if target.resolve() == self.path.resolve():
            raise DatabaseError("Bản sao phải khác tệp đang mở.")
        def save(tmp: str) -> None:
            dest = sqlite3.connect(tmp)
            try:
                self.db.conn.backup(dest)
                with dest:                # the copy is a new database: its own key, made for its own path
                    identity.new_key(dest)
                    identity.record(dest, target, identity.place(Path(tmp))[1])
            finally:
                dest.close()

        try:
            write_atomically(target, "bản sao", save)
        except sqlite3.Error as err:
            raise DatabaseError(f"Không lưu được bản sao «{target}»: {sqlite_reason(err)}.") from err
        return target

    def _set_journal(self) -> None:
        if is_network_path(self.path):
            self.warning = NETWORK_WARNING
            self.db.execute("PRAGMA journal_mode = DELETE")
        else:
            self.db.execute("PRAGMA journal_mode = WAL")
        self.db.execute("PRAGMA synchronous = FULL")


def _identify(path: Path) -> int:
    """The schema version of the khdesk database at ``path``, read without writing anything;
    a ``DatabaseError`` saying what the file is when it is not one khdesk can open."""
    if not path.exists():
        raise DatabaseError(f"Không tìm thấy tệp «{path}». Hãy kiểm tra lại đường dẫn.")
    if path.is_dir():
        raise DatabaseError(f"«{path}» là một thư mục, không phải tệp dữ liệu khdesk.")
    if not path.is_file():              # before opening it: opening a named pipe waits forever
        raise DatabaseError(f"«{path}» không phải tệp thường (thiết bị hoặc đường ống), không phải tệp dữ liệu khdesk.")
    try:
        with path.open("rb") as f:
            head = f.read(100)
    except OSError as err:
        raise DatabaseError(f"Không đọc được tệp «{path}»: {sqlite_reason(err)}") from err
    if not head:
        raise DatabaseError(f"Tệp «{path}» trống (0 byte), không phải dữ liệu khdesk.")
    if not head.startswith(SQLITE_MAGIC):
        kind = next((name for magic, name in _KNOWN_KINDS if head.startswith(magic)), None)
        what = f"Tệp «{path}» là {kind}, không phải" if kind else f"Tệp «{path}» không phải là"
        raise DatabaseError(f"{what} cơ sở dữ liệu khdesk. Hãy chọn tệp dữ liệu khdesk (.db).")
    # Reading a WAL-mode file creates its -wal/-shm companions; a refused file keeps none.
    companions = [p for p in (Path(f"{path}-wal"), Path(f"{path}-shm")) if not p.exists()]
    try:
        return _check_header(path)
    except DatabaseError:
        for p in companions:
            try:
                p.unlink(missing_ok=True)
            except OSError:             # read-only media: nothing was made there either
                pass
        raise


def _check_header(path: Path) -> int:
    try:
        conn = connect_read_only(path)
        try:
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            check = conn.execute("PRAGMA quick_check").fetchone()[0] if app_id == schema.APPLICATION_ID else "ok"
            foreign = schema.foreign_objects(conn, version) if app_id == schema.APPLICATION_ID and check == "ok" else []
            # values khdesk cannot read (a crafted or damaged file): checked on a file of this version; an
            # older one is checked when it is opened again after its upgrade
            damaged = damaged_value(conn) if (app_id == schema.APPLICATION_ID and check == "ok" and not foreign
                                              and version == schema.SCHEMA_VERSION) else None
        finally:
            conn.close()
    except sqlite3.DatabaseError as err:
        # damaged only when SQLite says so; a lock, a read-only folder or a full disk is not damage
        if is_damage(err):
            raise CorruptDatabase(path, sqlite_reason(err)) from err
        raise DatabaseError(f"Không mở được tệp «{path}»: {sqlite_reason(err)}. Tệp chưa bị thay đổi.") from err
    if check != "ok":
        raise CorruptDatabase(path)
    if damaged:
        raise CorruptDatabase(path, f"giá trị không đọc được ở {damaged}")
    if app_id != schema.APPLICATION_ID:
        raise DatabaseError(f"Tệp «{path}» là cơ sở dữ liệu SQLite của chương trình khác, không phải của khdesk.")
    if foreign:
        shown = "; ".join(foreign[:5]) + (f" và {len(foreign) - 5} chỗ khác" if len(foreign) > 5 else "")
        raise DatabaseError(
            f"Tệp «{path}» có phần không do khdesk tạo ra: {shown}. Phần lạ đó có thể tự chạy lệnh và làm mất dữ "
            "liệu, nên khdesk không mở tệp này (tệp chưa bị thay đổi, không có lệnh nào trong tệp được chạy). Hãy "
            "xin người gửi bản gốc, hoặc dùng bản sao lưu của mình.")
    if version > schema.SCHEMA_VERSION:
        raise DatabaseError(
            f"Tệp «{path}» được tạo bởi phiên bản khdesk mới hơn (cấu trúc số {version}, phiên bản này "
            f"đọc được đến số {schema.SCHEMA_VERSION}). Hãy cập nhật khdesk rồi mở lại; tệp chưa bị thay đổi."
        )
    return version


def delete_database_files(path: str | Path) -> None:
    """Remove a database file this run created, with its companions (used when creating fails)."""
    for p in (Path(path), Path(f"{path}-wal"), Path(f"{path}-shm"), Path(f"{path}-journal")):
        try:
            p.unlink()
        except OSError:
            pass
