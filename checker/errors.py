"""Errors a user can act on. Front ends print them as one line and exit with code 2."""

from __future__ import annotations


class CheckerError(Exception):
    """Bad input: names where (file, row) and why, in one line."""

    def __init__(self, reason: str, *, path: str | None = None, row: int | None = None):
        super().__init__(reason)
        self.reason = reason
        self.path = path
        self.row = row

    def __str__(self) -> str:
        where = self.path or ""
        if self.row is not None:
            where = f"{where}:row {self.row}" if where else f"row {self.row}"
        return f"{where}: {self.reason}" if where else self.reason


class InvalidDate(CheckerError):
    """A date that does not exist in its calendar (30 Esfand 1402, 31 Mehr, 30 February)."""
