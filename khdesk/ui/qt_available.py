"""Whether Qt can start on this machine, asked without starting it (``khdesk --self-test``)."""
from __future__ import annotations


def qt_problem() -> str:
    """Why Qt cannot start here ("" when it can), e.g. under Wine 8.0, which lacks the icuuc.dll of
    Windows 10 1903+ that Qt6Core.dll loads."""
    try:
        import PySide6.QtCore  # noqa: F401
    except ImportError as err:
        return f"{type(err).__name__}: {err}"
    return ""
