"""What `checker gate` prints: the terminal summary, the contract's JSON (with a `gate` block and row
accounting in `summary`), and the Markdown job summary for $GITHUB_STEP_SUMMARY. CSV and Parquet are the
findings table (checker/report/table_reporter.py); SARIF, JUnit, GitHub annotations and HTML come from
the shared reporters, which read the same documents/facts/findings/rejected frames.

Source text is printed as written, in logical order; the terminal does the bidi layout.
"""

from __future__ import annotations

import json
from typing import Any

from checker.schema import SEVERITY_RANK, json_document

_SHOWN_ROWS = 12  # a finding lists at most this many rows in the terminal; JSON and CSV list all


def rows_line(stats) -> str:
    return (
        f"{stats.rows_in} rows in {len(stats.files)} table{'s' if len(stats.files) != 1 else ''}: "
        f"{stats.rows_checked} checked + {stats.rows_rejected} rejected"
        f" ({stats.rows_invalid} with an invalid value; {stats.rows_fallback} read by the per-row path)"
    )


def render_text(result) -> str:
    stats, gate = result.stats, result.extra.get("gate", {})
    keys = {row["id"]: row for row in result.facts.select("id", "source", "subject", "attribute", "office", "text").iter_rows(named=True)}
    lines: list[str] = []
    for finding in sorted(result.findings.iter_rows(named=True), key=lambda f: (SEVERITY_RANK[f["severity"]], f["path"] or "", f["row"] or 0, f["id"])):
        status = " (accepted: " + str(finding["accepted_reason"]) + ")" if finding.get("accepted") else ""
        failing_severities = {"error": ("error",), "warning": ("error", "warning")}.get(gate.get("fail_on", "error"), ())
        if not finding.get("accepted") and finding.get("failing") is False and finding["severity"] in failing_severities:
            status = " (within the rule's threshold)"
        lines.append(f"{finding['path']}:{finding['row']}: {finding['severity']} [{finding['rule']}] {finding['message']}{status} ({finding['id']})")
        # One line per claim (a term's start and end facts are one row), with its key columns.
        shown = list(dict.fromkeys(fact_id.split(":")[0] for fact_id in finding["facts"]))
        for fact_id in shown[:_SHOWN_ROWS]:
            fact = keys.get(fact_id) or keys.get(fact_id + ":start")
            if fact is None:
                continue
            about = f"office={fact['office']}" if fact["office"] else f"attribute={fact['attribute']}"
            row = fact_id.rsplit("#", 1)[-1]
            lines.append(f"    row {row}: source={fact['source']} subject={fact['subject']} {about} value=«{fact['text']}»")
        if len(shown) > _SHOWN_ROWS:
            lines.append(f"    ... and {len(shown) - _SHOWN_ROWS} more rows (see --format json or csv)")
    for row in result.rejected.iter_rows(named=True):
        lines.append(f"{row['path']}:row {row['row']}: rejected: {row['reason']}")
    counts = {s: 0 for s in SEVERITY_RANK}
    for severity in result.findings["severity"].to_list():
        counts[severity] += 1
    accepted = int(result.findings["accepted"].sum()) if "accepted" in result.findings.columns else 0
    lines.append(rows_line(stats))
    lines.append(
        f"{stats.subjects} subjects ({len(stats.merged)} written several ways), {stats.slots} values compared across sources, "
        f"{stats.slots_flagged} in disagreement"
    )
    lines.append(
        f"{result.findings.height} findings ({counts['error']} errors, {counts['warning']} warnings, {counts['info']} info; {accepted} accepted)"
    )
    for entry in gate.get("stale", []):
        lines.append(f"baseline: stale entry {entry['id']} matches no finding ({entry['reason']})")
    for entry in gate.get("expired", []):
        lines.append(f"baseline: entry {entry['id']} expired on {entry['expires']}: its finding counts again ({entry['reason']})")
    if gate:
        failed = [rule for rule, r in gate["rules"].items() if r["failed"]]
        verdict = "passed" if gate["passed"] else f"FAILED on {', '.join(failed)}"
        lines.append(f"gate {verdict} (--fail-on {gate['fail_on']})")
    return "\n".join(lines)


def gate_json_document(result) -> dict[str, Any]:
    out = json_document(result)
    stats = result.stats
    out["summary"].update(
        {
            "rows": stats.rows_in,
            "rows_checked": stats.rows_checked,
            "rows_rejected": stats.rows_rejected,
            "rows_invalid": stats.rows_invalid,
            "rows_fallback": stats.rows_fallback,
            "subjects": stats.subjects,
            "subjects_merged": [{"name": name, "spellings": list(spellings)} for name, spellings in stats.merged],
            "files": list(stats.files),
        }
    )
    for finding, row in zip(out["findings"], result.findings.iter_rows(named=True)):
        finding.update({key: row.get(key) for key in ("rows", "path", "row", "subject", "attribute", "sources", "failing")})
    out["gate"] = result.extra.get("gate")
    return out


def render_json(result) -> str:
    return json.dumps(gate_json_document(result), ensure_ascii=False, indent=1, default=str)


def _cell(text: Any) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def render_markdown(result) -> str:
    """The job summary: verdict, row accounting, rules, then each live failing finding with its rows."""
    stats, gate = result.stats, result.extra.get("gate", {})
    icon = "✅" if gate.get("passed", True) else "❌"
    lines = [
        f"## {icon} checker gate: {'passed' if gate.get('passed', True) else 'failed'}",
        "",
        f"{rows_line(stats)}.",
        "",
        "| rule | findings | accepted | failing | allowed | result |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for rule, r in gate.get("rules", {}).items():
        lines.append(f"| `{rule}` | {r['findings']} | {r['accepted']} | {r['failing']} | {r['allowed']:g} | {'❌ failed' if r['failed'] else 'ok'} |")
    failing = result.findings.filter(result.findings["failing"]) if "failing" in result.findings.columns else result.findings
    if failing.height:
        lines += ["", "### Failing findings", "", "| where | rule | message | id |", "|---|---|---|---|"]
        for f in failing.iter_rows(named=True):
            where = "<br>".join(_cell(r) for r in f["rows"][:_SHOWN_ROWS])
            lines.append(f"| {where} | `{f['rule']}` | {_cell(f['message'])} | `{f['id']}` |")
    if result.rejected.height:
        lines += ["", "### Rejected rows", "", "| where | reason |", "|---|---|"]
        for row in result.rejected.iter_rows(named=True):
            lines.append(f"| {_cell(row['path'])}:{row['row']} | {_cell(row['reason'])} |")
    stale, expired = gate.get("stale", []), gate.get("expired", [])
    if stale or expired:
        lines += ["", "### Baseline", ""]
        lines += [f"- stale: `{e['id']}` matches no finding ({_cell(e['reason'])})" for e in stale]
        lines += [f"- expired on {e['expires']}: `{e['id']}` ({_cell(e['reason'])})" for e in expired]
    return "\n".join(lines) + "\n"
