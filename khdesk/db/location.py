"""Whether a database lives on a network share, where SQLite's locking is unreliable and WAL does
not work (``../shared/docs/architecture.md`` §8)."""
from __future__ import annotations

import os
import sys
from pathlib import Path

NETWORK_FILESYSTEMS = {"nfs", "nfs4", "cifs", "smbfs", "smb3", "sshfs", "fuse.sshfs", "afs", "ncpfs", "9p",
                       "fuse.rclone", "davfs", "fuse.davfs2"}


def is_network_path(path: Path) -> bool:
    path = Path(os.path.abspath(path))
    if sys.platform == "win32":
        text = str(path)
        if text.startswith("\\\\"):                      # \\server\share\…
            return True
        import ctypes

        drive = os.path.splitdrive(text)[0] + "\\"
        return ctypes.windll.kernel32.GetDriveTypeW(drive) == 4           # DRIVE_REMOTE: a mapped drive
    try:
        mounts = Path("/proc/mounts").read_text().splitlines()
    except OSError:
        return False
    best, kind = "", ""
    for line in mounts:
        parts = line.split()
        if len(parts) >= 3:
            point = parts[1].replace("\\040", " ")
            if (str(path) == point or str(path).startswith(point.rstrip("/") + "/")) and len(point) > len(best):
                best, kind = point, parts[2]
    return kind in NETWORK_FILESYSTEMS


NETWORK_WARNING = ("Tệp dữ liệu đang nằm trên ổ mạng. Trên ổ mạng, SQLite không khóa tệp chắc chắn: hai máy mở "
                   "cùng lúc có thể làm hỏng dữ liệu. Hãy chép tệp về máy mình để làm việc (khdesk đã tắt chế độ "
                   "WAL cho tệp này).")
