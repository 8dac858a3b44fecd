"""The only code in khdesk that speaks SQL. Everything else goes through ``Store``; a database failure is
caught as ``failures.DatabaseFailure`` and said with ``failures.database_failure``."""
from __future__ import annotations

__all__ = ["Store"]


def __getattr__(name: str):
    """``Store`` loaded when first asked for: ``khdesk.db.failures`` alone does not pull in sqlite-utils."""
    if name == "Store":
        from .store import Store

        return Store
    raise AttributeError(name)
