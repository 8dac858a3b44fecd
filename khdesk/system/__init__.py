"""What khdesk asks of the machine: files written whole and never over the database or its backups
(``files``), where the default database and the settings live (``paths``), the crash log (``error_log``)
and the read-only data shipped in ``resources/`` (``resources``). No Qt, no SQL, no document format here;
everything above may use it, it uses only ``khdesk.errors``."""
