"""Errors a clerk can meet. Each carries a Vietnamese message that says what is wrong and what to do.

The window shows ``str(error)`` in a message box; the command line prints it as one line on stderr.
Anything that is not a ``KhdeskError`` is a bug.
"""
from __future__ import annotations


class KhdeskError(Exception):
    """Base class: ``str(err)`` is the Vietnamese message for the clerk."""


class DatabaseError(KhdeskError):
    """The database file cannot be used (missing, not khdesk, newer, damaged, unwritable)."""


class NotFound(KhdeskError):
    """A plan, task or agency that does not exist (any more)."""


class InvalidInput(KhdeskError):
    """A value the clerk gave that cannot be stored (wrong month, date, kind ...)."""


class Refused(KhdeskError):
    """An action that would lose data and is therefore not done (deleting a used agency ...)."""
