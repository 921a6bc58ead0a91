"""`--format text`: one line per fact, `path:line:col: kind zone value "text"`, like the linters editors read.

Source text is printed in logical order, as written; the terminal does the bidi layout."""

from __future__ import annotations

from typing import Any

from checker.engine import Extraction
from checker.report.base import Reporter


def _value(row: dict[str, Any]) -> str:
    if row["kind"] == "change":
        if row["from"] is not None:
            return f"{row['from']:g} -> {row['to']:g} (x{row['ratio']:g})"
        if row["ratio"] is not None:
            return f"x{row['ratio']:g}"
        return f"by {row['by']:+g}"
    if row["kind"] == "count":
        hedge = {"about": "~", "more": ">", "less": "<"}.get(row["approx"] or "", "")
        return f"{hedge}{row['number']:g}"
    return row["value"] or "invalid"


class TextReporter(Reporter):
    name = "text"

    def render(self, result: Extraction) -> str:
        paths = {row["id"]: row["path"] for row in result.documents.iter_rows(named=True)}
        lines = []
        for row in result.facts.iter_rows(named=True):
            about = ", ".join(part for part in (row["event"], row["subject"]) if part)
            extra = f" [{about}]" if about else ""
            note = f" ({row['notes']})" if row["notes"] else ""
            lines.append(
                f"{paths.get(row['doc'], row['doc'])}:{row['line']}:{row['col']}: "
                f"{row['kind']} {row['zone']} {_value(row)} \"{row['text']}\"{extra}{note}"
            )
        docs = result.documents.height
        lines.append(f"{result.facts.height} facts in {docs} document{'s' if docs != 1 else ''}")
        for row in result.rejected.iter_rows(named=True):
            where = row["path"] if row["row"] is None else f"{row['path']}:row {row['row']}"
            lines.append(f"rejected: {where}: {row['reason']}")
        return "\n".join(lines)
