"""`--format json`: the contract's document (version, documents, facts, findings, summary), built by
checker/schema.py so that `Result.to_json` gives the same text without a reporter."""

from __future__ import annotations

from typing import BinaryIO

from checker.report.base import Reporter
from checker.schema import Extraction, json_chunks


class JsonReporter(Reporter):
    name = "json"

    def render(self, result: Extraction) -> str:
        return "".join(json_chunks(result))

    def write(self, result: Extraction, out: BinaryIO) -> None:
        for chunk in json_chunks(result):
            out.write(chunk.encode("utf-8"))
        out.write(b"\n")
