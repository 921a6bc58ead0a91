"""`--format json`: the contract's document (version, documents, facts, findings, summary), built by
checker/schema.py so that `Result.to_json` gives the same text without a reporter; for `checker gate`, with
the gate's row accounting and its verdict."""

from __future__ import annotations

import json
from typing import Any, BinaryIO, Iterator

from checker.gate import GateResult
from checker.report.base import Reporter
from checker.schema import FINDING_FIELDS, Extraction, json_chunks, json_document


class JsonReporter(Reporter):
    name = "json"

    def render(self, result: Extraction | GateResult) -> str:
        return "".join(_chunks(result))

    def write(self, result: Extraction | GateResult, out: BinaryIO) -> None:
        # The encoder yields tens of millions of small pieces for a large report: written a few thousand at
        # a time, not one by one, and never all at once.
        pieces: list[str] = []
        for chunk in _chunks(result):
            pieces.append(chunk)
            if len(pieces) >= 8192:
                out.write("".join(pieces).encode("utf-8"))
                pieces.clear()
        out.write(("".join(pieces) + "\n").encode("utf-8"))


def _chunks(result: Extraction | GateResult) -> Iterator[str]:
    if isinstance(result, GateResult):
        # default=str: the gate's blocks hold dates (a baseline entry's expiry) as they are
        return json.JSONEncoder(ensure_ascii=False, indent=1, default=str).iterencode(_gate_document(result))
    return json_chunks(result)


# What a gate finding adds to the contract's (whose path, line and col are its first claim's): every claim's
# row as path:row, the first one's row number, what they are about, who said it, and whether it fails the gate.
GATE_FINDING_FIELDS = (*FINDING_FIELDS, "rows", "row", "subject", "attribute", "sources", "failing")


def _gate_document(result: GateResult) -> dict[str, Any]:
    """The contract's document plus the gate's row accounting in `summary` and the verdict (`gate`)."""
    out = json_document(result, GATE_FINDING_FIELDS)
    stats = result.stats
    out["summary"].update(
        {
            "rows": stats.rows_in,
            "rows_checked": stats.rows_checked,
            "rows_rejected": stats.rows_rejected,
            "rows_invalid": stats.rows_invalid,
            "rows_fallback": stats.rows_fallback,
            "subjects": stats.subjects,
            "less_precise": list(stats.less_precise),  # coarse dates that hold other sources' finer ones: consistent
            "subjects_merged": [{"name": name, "spellings": list(spellings)} for name, spellings in stats.merged],
            "files": list(stats.files),
            "tables": list(stats.tables),  # rows of claims per table; check's count documents, the gate's are sources
        }
    )
    out["gate"] = result.extra.get("gate")
    return out
