"""Editor mode (`checker check DRAFT... --against SOURCE...`): drafts checked against published sources.

Drafts and sources are checked together, then only findings that involve a draft are kept, each located at
the draft's fact (the finding gets `path`, `line`, `col` of it). Agreements are dropped: they are nothing an
editor has to act on (run `checker check` on drafts and sources together to see them). A `related` finding
(8 expelled against a cap cut by 10) that the sources raise without the draft is dropped too: a draft that
repeats the agreed count adds nothing to review. Conflicts and internal findings are kept whenever the draft
is in them, even on a side that some sources take: its statement is contested.

Suppressions: an HTML comment in a draft,

    <!-- checker: ignore[date-conflict] -->            (several rules: ignore[date-conflict, count-conflict])

covers the line it is on, or, when it stands alone on its line, the next line. For each rule it lists it
suppresses one finding of that rule located on the covered line (the first by column). A listed rule that
suppresses nothing is reported as an `unused-ignore` warning at the comment, so stale comments do not pile
up. Comments survive in text and Markdown drafts; an HTML draft's comments are gone once its text is
extracted."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field, replace
from itertools import chain
from pathlib import PurePath
from typing import Any, BinaryIO, Sequence

import polars as pl

from checker.compare import compare
from checker.compare.rules import all_rules
from checker.engine import RunOptions, check_extraction, count_inputs, extract_batches, run_executor, run_options
from checker.ingest import Document, Rejected, read_documents
from checker.ingest.paths import walk_order
from checker.schema import FINDING_SCHEMA, Result, severity_rank

UNUSED_IGNORE = "unused-ignore"
IGNORE_COMMENT = re.compile(r"<!--\s*checker:\s*ignore\[([^\]\n]*)\]\s*-->")
LOCATION_SCHEMA: dict[str, pl.DataType] = {"path": pl.Utf8, "line": pl.Int64, "col": pl.Int64}


@dataclass
class Suppression:
    doc: str
    path: str
    line: int  # where the comment is
    col: int
    covers: int  # the line whose findings it suppresses
    rules: tuple[str, ...]
    text: str
    used: set[str] = field(default_factory=set)


def suppressions(doc: str, path: str, text: str) -> list[Suppression]:
    """Every ignore comment of a draft, with the line it covers."""
    found = []
    for match in IGNORE_COMMENT.finditer(text):
        line_start = text.rfind("\n", 0, match.start()) + 1
        line_end = text.find("\n", match.end())
        line_end = len(text) if line_end < 0 else line_end
        line = text.count("\n", 0, match.start()) + 1
        rest = text[line_start : match.start()] + text[match.end() : line_end]
        alone = not IGNORE_COMMENT.sub("", rest).strip()
        rules = tuple(r.strip() for r in match.group(1).split(",") if r.strip())
        found.append(Suppression(doc, path, line, match.start() - line_start + 1, line + 1 if alone else line, rules, match.group()))
    return found


def _blank_comments(doc: Document) -> Document:
    if "<!--" not in doc.text:
        return doc
    return replace(doc, text=IGNORE_COMMENT.sub(lambda m: " " * len(m.group()), doc.text))


def _stdin_named(item: Document | Rejected, stdin_filename: str | None) -> Document | Rejected:
    if stdin_filename is None or item.path != "-":
        return item
    if isinstance(item, Rejected):
        return Rejected(stdin_filename, item.row, item.reason)
    return replace(item, id=PurePath(stdin_filename).stem or "stdin", path=stdin_filename)


def check_drafts(
    drafts: Sequence[str],
    sources: Sequence[str],
    options: RunOptions | None = None,
    *,
    stdin: BinaryIO | None = None,
    stdin_filename: str | None = None,
    **fields: Any,
) -> Result:
    """Findings that involve a draft, located in the draft, after its ignore comments. Extraction runs on
    the executor the options name (checker.engine.RunOptions, or its fields as keywords); a desk's drafts
    and sources are few, so the alignment that follows holds them in memory."""
    run = run_options(options, fields)
    draft_items = [_stdin_named(item, stdin_filename) for item in read_documents(walk_order(drafts), stdin=stdin)]
    draft_docs = [item for item in draft_items if isinstance(item, Document)]
    # Extraction reads the drafts with their comments blanked out (same length, so every offset, line and
    # column stays that of the file): a comment must not split the sentence that ties a date to its event.
    blanked = [_blank_comments(item) if isinstance(item, Document) else item for item in draft_items]
    total = None
    if run.progress is not None:
        counted = count_inputs(sources)
        total = None if counted is None else counted + len(draft_items)
    with run_executor(run) as executor:
        extraction = extract_batches(chain(blanked, read_documents(walk_order(sources), stdin=stdin)), executor, run, total=total)
    result = check_extraction(extraction, progress=run.progress)
    # Drafts are read first, so they are the first documents and keep their ids (later namesakes get ~2).
    draft_ids = result.documents["id"].head(len(draft_docs)).to_list()
    texts = {doc_id: doc.text for doc_id, doc in zip(draft_ids, draft_docs)}
    paths = dict(zip(draft_ids, (doc.path for doc in draft_docs)))
    return replace(result, findings=_draft_findings(result, paths, texts, _related_without(result, paths)))


def _related_without(result: Result, drafts: dict[str, str]) -> set[tuple[str, str | None]]:
    """(rule, slot) of the related findings the sources raise on their own, drafts left out."""
    if not (result.findings["type"] == "related").any():
        return set()
    sources_only = compare(result.facts.filter(~pl.col("doc").is_in(list(drafts))))
    related = sources_only.filter(pl.col("type") == "related")
    return set(related.select("rule", "slot").iter_rows())


def _draft_findings(
    result: Result, paths: dict[str, str], texts: dict[str, str], raised_without: set[tuple[str, str | None]]
) -> pl.DataFrame:
    kept = _located_in_drafts(result, paths, raised_without)
    comments = [s for doc, text in texts.items() for s in suppressions(doc, paths[doc], text)]
    kept.sort(key=lambda f: (f["_doc"], f["line"], f["col"], f["rule"], f["id"]))
    _suppress(kept, comments)
    out = [{k: v for k, v in f.items() if not k.startswith("_")} for f in kept if not f.get("_suppressed")]
    stories = dict(result.documents.select("id", "story").iter_rows())
    out += _unused_ignores(comments, stories)
    frame = pl.DataFrame(out, schema={**FINDING_SCHEMA, **LOCATION_SCHEMA})
    return frame.sort(severity_rank(), "path", "line", "col", "rule", "id", nulls_last=True)


def _located_in_drafts(result: Result, paths: dict[str, str], raised_without: set[tuple[str, str | None]]) -> list[dict[str, Any]]:
    """The findings a draft is in, each at the draft's first fact (`_doc` names the draft); agreements and
    the related findings the sources raise without the drafts are left out."""
    fact_rows = {
        row["id"]: row for row in result.facts.select("id", "doc", "line", "col", "story").iter_rows(named=True)
    }
    kept: list[dict[str, Any]] = []
    for finding in result.findings.iter_rows(named=True):
        if finding["type"] == "agree" or (finding["type"] == "related" and (finding["rule"], finding["slot"]) in raised_without):
            continue
        at = next((fact_rows[f] for f in finding["facts"] if f in fact_rows and fact_rows[f]["doc"] in paths), None)
        if at is None:
            continue
        kept.append({**finding, "path": paths[at["doc"]], "line": at["line"], "col": at["col"], "_doc": at["doc"]})
    return kept


def _suppress(kept: list[dict[str, Any]], comments: list[Suppression]) -> None:
    """Each comment's rules suppress one finding each on the line it covers (the first by column): marked
    `_suppressed`, and the rule recorded as used on the comment."""
    for comment in comments:
        for rule in comment.rules:
            match = next(
                (f for f in kept if f["_doc"] == comment.doc and f["line"] == comment.covers and f["rule"] == rule and not f.get("_suppressed")),
                None,
            )
            if match is not None:
                match["_suppressed"] = True
                comment.used.add(rule)


def _unused_ignores(comments: list[Suppression], stories: dict[str, str | None]) -> list[dict[str, Any]]:
    """An `unused-ignore` warning at the comment for each rule it lists that suppressed nothing."""
    known = _known_rules()
    out = []
    for comment in comments:
        for rule in comment.rules:
            if rule in comment.used:
                continue
            why = f"no [{rule}] finding on line {comment.covers}" if rule in known else f"[{rule}] is not a rule (see `checker rules`)"
            digest = hashlib.sha1(f"{UNUSED_IGNORE}\x1f{comment.path}\x1f{comment.line}\x1f{rule}".encode()).hexdigest()[:16]
            out.append(
                {
                    "id": digest,
                    "type": "internal",
                    "severity": "warning",
                    "rule": UNUSED_IGNORE,
                    "facts": [],
                    "docs": [comment.doc],
                    "message": f"Unused suppression {comment.text}: {why}; remove it.",
                    "story": stories.get(comment.doc),
                    "slot": None,
                    "path": comment.path,
                    "line": comment.line,
                    "col": comment.col,
                }
            )
    return out


def _known_rules() -> set[str]:
    return {rule.name for rule in all_rules()} | {UNUSED_IGNORE}
