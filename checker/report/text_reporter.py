"""`--format text`: for `facts`, one line per fact, `path:line:col: kind zone value "text"`; for `check`,
findings grouped by story and fact slot, errors first, each as `path:line:col: severity [rule] message`
like the linters editors read.

Source text is printed in logical order, as written; the terminal does the bidi layout. What a source could
use to take over the terminal is shown instead of obeyed (`visible()`): bidi embedding, override and isolate
controls (U+202A-U+202E, U+2066-U+2069, the "Trojan Source" characters) as `<RLO>`-style tokens, and C0/C1
controls (ESC sequences included) and line breaks inside a field as `<U+001B>`, so one fact stays one line.
Marks (LRM, RLM, ALM) and joiners (ZWNJ, needed by Persian) are printed as they are."""

from __future__ import annotations

import re
from typing import Any

from checker.gate import GateResult, GateStats
from checker.report.base import BIDI_CONTROL_NAMES, Reporter, plural, with_counted
from checker.report.locations import Locator
from checker.schema import NUMERIC_KINDS, SEVERITY_RANK, Extraction

_UNSAFE = re.compile("[\u202a-\u202e\u2066-\u2069\x00-\x08\x0a-\x1f\x7f-\x9f]")


def visible(text: str) -> str:
    """`text` safe for one terminal line: layout and control characters replaced by visible tokens."""
    return _UNSAFE.sub(lambda m: f"<{BIDI_CONTROL_NAMES.get(m.group(), f'U+{ord(m.group()):04X}')}>", text)


def _lines(lines: list[str]) -> str:
    return "\n".join(visible(line) for line in lines)


def visible_lines(document: str) -> str:
    """A whole document (JSON, CSV, GitHub commands) safe for a terminal: each line made `visible()`."""
    return _lines(document.split("\n"))


def _value(row: dict[str, Any]) -> str:
    if row["kind"] == "office":
        return _office(row)
    return with_counted(_number(row), row) if row["kind"] in NUMERIC_KINDS else row["value"] or "invalid"


def _office(row: dict[str, Any]) -> str:
    """`syria_president from 2000 P24Y #8 acting`: the office, its term's ends as EDTF, its length, ordinal and
    acting, each where stated; the holder is in the quoted text."""
    parts = [
        row["office"],
        f"from {row['term_start_value']}" if row["term_start_value"] else None,
        f"until {row['term_end_value']}" if row["term_end_value"] else None,
        row["value"],
        f"#{row['ordinal']}" if row["ordinal"] is not None else None,
        "acting" if row["acting"] else None,
    ]
    return " ".join(part for part in parts if part)


def _number(row: dict[str, Any]) -> str:
    if row["kind"] == "change":
        if row["from"] is not None:
            return f"{row['from']:g} -> {row['to']:g} (x{row['ratio']:g})"
        if row["ratio"] is not None:
            return f"x{row['ratio']:g}"
        return f"by {row['by']:+g}"
    if row["kind"] == "count":
        hedge = {"about": "~", "more": ">", "less": "<"}.get(row["approx"] or "", "")
        return f"{hedge}{row['number']:g}"
    return f"{row['number']:g}" if row["number"] is not None else "invalid"


class TextReporter(Reporter):
    name = "text"

    def render(self, result: Extraction | GateResult) -> str:
        if isinstance(result, GateResult):
            return _gate_text(result)
        if getattr(result, "findings", None) is not None:
            return _findings_text(result)
        paths = {row["id"]: row["path"] for row in result.documents.iter_rows(named=True)}
        lines = []
        for row in (row for batch in result.fact_batches() for row in batch.iter_rows(named=True)):
            about = ", ".join(part for part in (row["event"], row["subject"]) if part)
            extra = f" [{about}]" if about else ""
            note = f" ({row['notes']})" if row["notes"] else ""
            lines.append(
                f"{paths.get(row['doc'], row['doc'])}:{row['line']}:{row['col']}: "
                f"{row['kind']} {row['zone']} {_value(row)} \"{row['text']}\"{extra}{note}"
            )
        lines.append(summary_line(result))
        for row in result.rejected.iter_rows(named=True):
            where = row["path"] if row["row"] is None else f"{row['path']}:row {row['row']}"
            lines.append(f"rejected: {where}: {row['reason']}")
        return _lines(lines)


def summary_line(result, *, stories: int | None = None) -> str:
    """The run in one line, as the text report ends and as standard error shows it when the report goes to
    a file (-o): findings by severity, stories, documents and facts, or for `checker facts` the facts."""
    if getattr(result, "findings", None) is None:
        return f"{plural(result.fact_count, 'fact')} in {plural(result.documents.height, 'document')}"
    counts = {s: 0 for s in SEVERITY_RANK}
    for severity in result.findings["severity"].to_list():
        counts[severity] += 1
    if stories is None:
        docs = result.documents
        stories = docs["story"].fill_null(docs["id"]).n_unique() if "story" in docs.columns and docs.height else docs.height
    return (
        f"{plural(result.findings.height, 'finding')} ({plural(counts['error'], 'error')}, {plural(counts['warning'], 'warning')}, "
        f"{counts['info']} info) in {plural(stories, 'story', 'stories')}, {plural(result.documents.height, 'document')}, "
        f"{plural(result.fact_count, 'fact')}"
    )


def _findings_text(result) -> str:
    locator = Locator(result)
    paths = {doc: locator.path_of(doc) for doc in locator.documents}
    story_of = {doc: row.get("story") for doc, row in locator.documents.items()}
    members: dict[str, list[str]] = {}
    for doc in paths:
        members.setdefault(story_of.get(doc) or doc, []).append(doc)
    by_story: dict[str, list[dict]] = {}
    for row in result.findings.iter_rows(named=True):
        by_story.setdefault(locator.story(row), []).append(row)
    for story in by_story:  # a finding outside every listed story (a gate row) still gets a group
        members.setdefault(story, [])
    worst = {story: min(SEVERITY_RANK[f["severity"]] for f in rows) for story, rows in by_story.items()}
    lines: list[str] = []
    for story in sorted(members, key=lambda s: (worst.get(s, 3), s)):
        lines += _story_lines(story, members[story], by_story.get(story, []), locator)
    lines.append(summary_line(result, stories=len(members)))
    for row in result.rejected.iter_rows(named=True):
        where = row["path"] if row["row"] is None else f"{row['path']}:row {row['row']}"
        lines.append(f"rejected: {where}: {row['reason']}")
    return _lines(lines)


def _story_lines(story: str, docs: list[str], findings: list[dict], locator: Locator) -> list[str]:
    """A story's heading with its sources, then its findings by slot, the worst slot and finding first."""
    lines = [f"story {story}: {len(docs)} source{'s' if len(docs) != 1 else ''} ({', '.join(docs)})"]
    slots: dict[str | None, list[dict]] = {}
    for row in findings:
        slots.setdefault(row["slot"], []).append(row)
    if not slots:
        lines.append("  no findings")
    ranked = sorted(slots.items(), key=lambda item: (min(SEVERITY_RANK[f["severity"]] for f in item[1]), item[0] or ""))
    for slot, rows in ranked:
        lines.append(f"  {_slot_title(slot)}")
        for row in sorted(rows, key=lambda f: (SEVERITY_RANK[f["severity"]], f["rule"], f["id"])):
            accepted = f" (accepted: {row['accepted_reason']})" if row.get("accepted") else ""
            lines.append(f"    {locator.finding(row)}: {row['severity']} [{row['rule']}] {row['message']}{accepted} ({row['id']})")
    return lines


def _slot_title(slot: str | None) -> str:
    if slot is None:
        return "within one source"
    _, *parts = slot.split("|")
    return " ".join(parts)


# --- checker gate --------------------------------------------------------------------------------------

SHOWN_ROWS = 12  # a finding lists at most this many rows in the terminal; JSON and CSV list all


def rows_line(stats: GateStats) -> str:
    """The gate's row accounting: rows read = checked + rejected."""
    return (
        f"{stats.rows_in} rows in {len(stats.files)} table{'s' if len(stats.files) != 1 else ''}: "
        f"{stats.rows_checked} checked + {stats.rows_rejected} rejected"
        f" ({stats.rows_invalid} with an invalid value; {stats.rows_fallback} read by the per-row path)"
    )


def _gate_text(result: GateResult) -> str:
    """A line per finding with its rows (at most SHOWN_ROWS), the rejected rows, the row accounting, and the
    verdict last (gate_verdict: the line the command also writes on stderr when the report goes to a file)."""
    stats, gate = result.stats, result.extra.get("gate", {})
    keys = {row["id"]: row for row in result.facts.select("id", "source", "subject", "attribute", "office", "text", "line", "row").iter_rows(named=True)}
    failing_severities = {"error": ("error",), "warning": ("error", "warning")}.get(gate.get("fail_on", "error"), ())
    lines: list[str] = []
    for finding in sorted(result.findings.iter_rows(named=True), key=lambda f: (SEVERITY_RANK[f["severity"]], f["path"] or "", f["row"] or 0, f["id"])):
        lines += _gate_finding_lines(finding, keys, failing_severities)
    for row in result.rejected.iter_rows(named=True):
        lines.append(f"{row['path']}:row {row['row']}: rejected: {row['reason']}")
    counts = {s: 0 for s in SEVERITY_RANK}
    for severity in result.findings["severity"].to_list():
        counts[severity] += 1
    accepted = int(result.findings["accepted"].sum()) if "accepted" in result.findings.columns else 0
    lines.append(rows_line(stats))
    lines.append(
        f"{plural(stats.subjects, 'subject')} ({len(stats.merged)} written several ways), {plural(stats.slots, 'value')} compared across sources, "
        f"{stats.slots_flagged} in disagreement"
        + (f"; {plural(len(stats.less_precise), 'date')} less precise than another source's and consistent with it" if stats.less_precise else "")
    )
    lines.append(
        f"{plural(result.findings.height, 'finding')} ({plural(counts['error'], 'error')}, {plural(counts['warning'], 'warning')}, "
        f"{counts['info']} info; {accepted} accepted)"
    )
    for entry in gate.get("stale", []):
        lines.append(f"baseline: stale entry {entry['id']} matches no finding ({entry['reason']})")
    for entry in gate.get("expired", []):
        lines.append(f"baseline: entry {entry['id']} expired on {entry['expires']}: its finding counts again ({entry['reason']})")
    if gate:
        lines.append(gate_verdict(gate))
    return _lines(lines)


def _gate_finding_lines(finding: dict[str, Any], keys: dict[str, dict], failing_severities: tuple[str, ...]) -> list[str]:
    """A finding at its first row, then one line per claim (a term's start and end facts are one row) with
    its key columns, at most SHOWN_ROWS."""
    status = " (accepted: " + str(finding["accepted_reason"]) + ")" if finding.get("accepted") else ""
    if not finding.get("accepted") and finding.get("failing") is False and finding["severity"] in failing_severities:
        status = " (within the rule's threshold)"
    # path:LINE is the file's line, as GitHub annotations and editors count it (a quoted cell may span
    # lines); the data row stands beside it on each claim's line
    where = finding.get("line") or finding["row"]
    lines = [f"{finding['path']}:{where}: {finding['severity']} [{finding['rule']}] {finding['message']}{status} ({finding['id']})"]
    shown = list(dict.fromkeys(fact_id.split(":")[0] for fact_id in finding["facts"]))
    for fact_id in shown[:SHOWN_ROWS]:
        fact = keys.get(fact_id) or keys.get(fact_id + ":start")
        if fact is None:
            continue
        about = f"office={fact['office']}" if fact["office"] else f"attribute={fact['attribute']}"
        row = fact["row"] if fact.get("row") is not None else fact_id.rsplit("#", 1)[-1]
        at = f"line {fact['line']}, row {row}" if fact.get("line") is not None else f"row {row}"
        lines.append(f"    {at}: source={fact['source']} subject={fact['subject']} {about} value=«{fact['text']}»")
    if len(shown) > SHOWN_ROWS:
        lines.append(f"    ... and {len(shown) - SHOWN_ROWS} more rows (see --format json or csv)")
    return lines


def gate_verdict(gate: dict[str, Any]) -> str:
    """The gate's verdict in one line, from the `gate` block checker.gate.policy.with_verdict writes. A gate
    that no rule fails has failed on its rejected rows (listed above it, and exit 2)."""
    failed = [rule for rule, r in gate["rules"].items() if r["failed"]] or ["rejected rows"]
    verdict = "passed" if gate["passed"] else f"FAILED on {', '.join(failed)}"
    return f"gate {verdict} (--fail-on {gate['fail_on']})"
