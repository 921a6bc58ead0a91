"""`--format sarif`: SARIF 2.1.0 (the OASIS static analysis results format) for code scanning and editors.

One run; the driver's rules are every comparison rule (`checker rules`) plus any other rule a finding names
(an editor-mode `unused-ignore`, a gate rule). Each finding is a result at its first fact (or its own
position), the other facts as related locations, its id as a partial fingerprint. Columns count Unicode
code points, as the facts do (`columnKind`). Agreements are results of kind `pass`; baseline-accepted
findings carry a suppression with the reason; unreadable inputs are tool execution notifications."""

from __future__ import annotations

import json
import os
from typing import Any
from urllib.parse import quote

from checker import __version__
from checker.compare.rules import all_rules
from checker.report.base import Reporter, counted
from checker.report.locations import Location, Locator, findings_rows

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def artifact(path: str) -> dict[str, Any]:
    """A path as a SARIF artifact location: relative paths against the checkout root (%SRCROOT%)."""
    if os.path.isabs(path):
        return {"uri": "file://" + quote(path.replace(os.sep, "/"))}
    return {"uri": quote(path.replace(os.sep, "/")), "uriBaseId": "%SRCROOT%"}


def physical(loc: Location) -> dict[str, Any]:
    region: dict[str, Any] = {"startLine": loc.line, "startColumn": loc.col}
    if loc.end_line is not None and loc.end_col is not None:
        region.update(endLine=loc.end_line, endColumn=loc.end_col)
    out: dict[str, Any] = {"artifactLocation": artifact(loc.path), "region": region}
    return out


def _rules(findings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    descriptors = {
        rule.name: {
            "id": rule.name,
            "shortDescription": {"text": rule.summary or rule.name},
            "defaultConfiguration": {"level": _LEVEL.get(rule.severity, "note")},
            "properties": {"type": rule.type},
        }
        for rule in all_rules()
    }
    for finding in findings:
        descriptors.setdefault(
            finding["rule"],
            {
                "id": finding["rule"],
                "shortDescription": {"text": finding["rule"]},
                "defaultConfiguration": {"level": _LEVEL.get(finding["severity"], "note")},
                "properties": {"type": finding.get("type")},
            },
        )
    return list(descriptors.values())


def sarif_log(result: Any) -> dict[str, Any]:
    locator = Locator(result)
    findings = findings_rows(result)
    rules = _rules(findings)
    index = {rule["id"]: i for i, rule in enumerate(rules)}
    results = []
    for finding in findings:
        loc = locator.finding(finding)
        entry: dict[str, Any] = {
            "ruleId": finding["rule"],
            "ruleIndex": index[finding["rule"]],
            "message": {"text": finding["message"]},
            "locations": [{"physicalLocation": physical(loc)}],
            "partialFingerprints": {"checkerFinding/v1": finding["id"]},
            "properties": {
                "severity": finding["severity"],
                "type": finding.get("type"),
                "story": finding.get("story"),
                "slot": finding.get("slot"),
                "facts": list(finding.get("facts") or []),
                "docs": list(finding.get("docs") or []),
            },
        }
        if finding.get("type") == "agree":
            entry.update(kind="pass", level="none")  # several sources confirm a value: nothing to fix
        else:
            entry.update(kind="fail", level=_LEVEL.get(finding["severity"], "note"))
        related = []
        for number, (fact_id, other) in enumerate(locator.related(finding), 1):
            fact = locator.facts.get(fact_id) or {}
            text = f"«{fact['text']}» in {fact.get('doc')}" if fact.get("text") else fact_id
            if counted(fact):
                text += f" ({counted(fact)})"  # what the quoted number counts, or its unit
            related.append({"id": number, "physicalLocation": physical(other), "message": {"text": text}})
        if related:
            entry["relatedLocations"] = related
        if finding.get("accepted"):
            entry["suppressions"] = [
                {"kind": "external", "status": "accepted", "justification": finding.get("accepted_reason") or "baseline"}
            ]
        results.append(entry)
    notifications = []
    for row in result.rejected.iter_rows(named=True):
        reason = " ".join(str(row["reason"]).split())
        where = row["path"] if row["row"] is None else f"{row['path']}:row {row['row']}"
        notification: dict[str, Any] = {"level": "error", "message": {"text": f"{where}: {reason}"}}
        notification["locations"] = [{"physicalLocation": {"artifactLocation": artifact(row["path"])}}]
        notifications.append(notification)
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "checker",
                "version": __version__,
                "informationUri": "https://pypi.org/project/checker/",
                "rules": rules,
            }
        },
        "columnKind": "unicodeCodePoints",
        "invocations": [{"executionSuccessful": not notifications, "toolExecutionNotifications": notifications}],
        "results": results,
    }
    return {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}


class SarifReporter(Reporter):
    name = "sarif"
    commands = ("check", "gate")

    def render(self, result: Any) -> str:
        return json.dumps(sarif_log(result), ensure_ascii=False, indent=1)
