"""The interface every output format implements."""

from __future__ import annotations

from typing import ClassVar

from checker.engine import Extraction


class Reporter:
    """Turns an engine result into one output document (text or bytes)."""

    name: ClassVar[str]
    binary: ClassVar[bool] = False

    def render(self, result: Extraction) -> str | bytes:
        raise NotImplementedError
