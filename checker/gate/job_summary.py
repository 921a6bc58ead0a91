"""The Markdown job summary of `checker gate` for $GITHUB_STEP_SUMMARY: verdict, row accounting, rules,
then each live failing finding with its rows. The gate's text and JSON are the shared reporters'
(checker/report/)."""

from __future__ import annotations

from typing import Any

from checker.gate import GateResult
from checker.report.text_reporter import SHOWN_ROWS, rows_line


def _cell(text: Any) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def render_markdown(result: GateResult) -> str:
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
            where = "<br>".join(_cell(r) for r in f["rows"][:SHOWN_ROWS])
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
