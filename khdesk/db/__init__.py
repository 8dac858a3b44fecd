"""The only code in khdesk that speaks SQL. Everything else goes through ``Store``."""
from .store import Store

__all__ = ["Store"]
