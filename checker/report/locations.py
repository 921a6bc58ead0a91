"""Where a finding points in the files a user can open: shared by the editor-facing reporters (text, github,
sarif, junit) and the HTML report.

Works for any result with `documents`, `findings` and `rejected` frames and `fact_batches()`, articles or
tables: only `id`/`path` of documents and `id`/`doc` of facts are required. A fact without `line`/`col` (a row of a
table of claims) is located at its `row` (the fact's, else its document's) as the line, else at line 1.
A finding may carry its own `path`/`line`/`col` (editor mode puts them on the draft); they win."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import polars as pl


@dataclass(frozen=True)
class Location:
    path: str
    line: int
    col: int
    end_line: int | None = None
    end_col: int | None = None  # exclusive, like SARIF's endColumn
    row: int | None = None  # the table row, when the source is a table

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}"


def _rows(frame: pl.DataFrame | None, wanted: tuple[str, ...]) -> list[dict[str, Any]]:
    if frame is None:
        return []
    present = [name for name in wanted if name in frame.columns]
    return list(frame.select(present).iter_rows(named=True))


class Locator:
    """Fact ids and findings to file positions, built once per result."""

    def __init__(self, result: Any, *, every_fact: bool = False):
        self.documents = {row["id"]: row for row in _rows(result.documents, ("id", "path", "row", "story"))}
        # Only the facts findings name, unless asked (the HTML report links every fact to its context): a
        # streamed run's facts are read a stretch at a time, never all held.
        findings = getattr(result, "findings", None)
        named = None if findings is None or every_fact else findings["facts"].explode().drop_nulls().unique().to_list()
        self.facts: dict[str, dict[str, Any]] = {}
        for batch in result.fact_batches():
            if named is not None:
                batch = batch.filter(pl.col("id").is_in(named))
            self.facts.update((row["id"], row) for row in _rows(batch, ("id", "doc", "line", "col", "start", "end", "text", "row", "story", "kind", "measure", "unit")))

    def path_of(self, doc: str | None) -> str:
        row = self.documents.get(doc or "")
        return (row or {}).get("path") or doc or "<unknown>"

    def fact(self, fact_id: str) -> Location | None:
        fact = self.facts.get(fact_id)
        if fact is None:
            return None
        path = self.path_of(fact.get("doc"))
        line, col = fact.get("line"), fact.get("col")
        row = fact.get("row")
        if row is None:
            row = (self.documents.get(fact.get("doc") or "") or {}).get("row")
        if line is None:
            return Location(path, row or 1, 1, row=row)
        if row is None and path.lower().endswith((".html", ".htm")) and fact.get("start") is not None:
            # a page's facts index its extracted text; an editor and GitHub open the .html file itself
            from checker.ingest.html_positions import source_map  # lazy: HTML pages only (lxml, trafilatura)

            page = source_map(path)
            first = page.at(fact["start"]) if page else None
            if first is not None:
                last = page.at(max(fact["start"], (fact.get("end") or fact["start"] + 1) - 1)) or first
                return Location(path, first[0], first[1], last[0], last[1] + 1, row)
        col = col or 1
        text = fact.get("text") or ""
        if "\n" in text:
            end_line = line + text.count("\n")
            end_col = len(text) - text.rfind("\n")
        else:
            end_line, end_col = line, col + len(text)
        return Location(path, line, col, end_line, end_col if text else None, row)

    def finding(self, finding: dict[str, Any]) -> Location:
        """The finding's own position if it has one, else its first fact's, else its first document."""
        if finding.get("line") is not None:
            path = finding.get("path") or self.path_of((finding.get("docs") or [None])[0])
            own = Location(path, int(finding["line"]), int(finding.get("col") or 1))
            located = [self.fact(f) for f in finding.get("facts") or []]
            # Keep the fact's extent when the position is that fact's start.
            for loc in located:
                if loc is not None and (loc.path, loc.line, loc.col) == (own.path, own.line, own.col):
                    return loc
            return own
        for fact_id in finding.get("facts") or []:
            loc = self.fact(fact_id)
            if loc is not None:
                return loc
        docs = finding.get("docs") or []
        doc_row = (self.documents.get(docs[0]) or {}).get("row") if docs else None
        return Location(self.path_of(docs[0] if docs else None), doc_row or 1, 1, row=doc_row)

    def related(self, finding: dict[str, Any]) -> list[tuple[str, Location]]:
        """The other facts of a finding (fact id, location), without the primary one."""
        primary = self.finding(finding)
        out = []
        for fact_id in finding.get("facts") or []:
            loc = self.fact(fact_id)
            if loc is not None and loc != primary:
                out.append((fact_id, loc))
        return out

    def story(self, finding: dict[str, Any]) -> str:
        """The story a finding belongs to (its own, its first fact's, or its first document's)."""
        if finding.get("story"):
            return finding["story"]
        for fact_id in finding.get("facts") or []:
            story = (self.facts.get(fact_id) or {}).get("story")
            if story:
                return story
        docs = finding.get("docs") or []
        doc = docs[0] if docs else ""
        return (self.documents.get(doc) or {}).get("story") or doc


def findings_rows(result: Any) -> list[dict[str, Any]]:
    frame = getattr(result, "findings", None)
    return [] if frame is None else list(frame.iter_rows(named=True))


def quote(fact: dict[str, Any] | None, doc: str) -> str:
    """'«text» in doc' for related locations."""
    text = (fact or {}).get("text")
    return f"«{text}» in {doc}" if text else doc
