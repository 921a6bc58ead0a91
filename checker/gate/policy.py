"""Whether the gate passes: the baseline (accepted findings by id, with reason, owner and expiry), the
per-rule settings of `[tool.checker.gate.rules."RULE"]` and --fail-on.

    [tool.checker.gate.rules."count-conflict"]
    severity = "warning"     # re-grade the rule's findings (error | warning | info), or "off"
    fail_above = 2           # the rule fails the gate only with more live findings than this; a share
                             # of the rows checked when below 1 (0.01 = 1 %) or written "1%"

Like the warn/fail thresholds of data-quality tools (Soda's `fail: when > 10`, pointblank's counts or
fractions), but per rule and on findings that name their rows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Any

import polars as pl

from checker.baseline import Accepted, apply_baseline
from checker.compare.rules import all_rules
from checker.errors import CheckerError
from checker.gate.rules import gate_rules
from checker.schema import SEVERITIES


@dataclass(frozen=True)
class RulePolicy:
    severity: str | None = None  # None keeps the rule's own; "off" drops its findings
    fail_above: float = 0  # findings allowed before the rule fails; < 1 and > 0: a share of rows checked


def rule_policies(section: dict[str, Any], where: str) -> dict[str, RulePolicy]:
    """[tool.checker.gate.rules] -> RULE -> RulePolicy; a bad entry is a one-line error naming the file."""
    known = {rule.name for rule in (*all_rules(), *gate_rules())}
    out: dict[str, RulePolicy] = {}
    for name, entry in section.items():
        if name not in known:
            raise CheckerError(f"[tool.checker.gate.rules]: unknown rule {name!r}; rules: {', '.join(sorted(known))}", path=where)
        if not isinstance(entry, dict) or not set(entry) <= {"severity", "fail_above"}:
            raise CheckerError(f"[tool.checker.gate.rules.{name}] takes severity and fail_above", path=where)
        severity = entry.get("severity")
        if severity is not None and severity not in (*SEVERITIES, "off"):
            raise CheckerError(f"[tool.checker.gate.rules.{name}] severity: error, warning, info or off", path=where)
        out[name] = RulePolicy(severity, _threshold(entry.get("fail_above", 0), name, where))
    return out


def _threshold(value: Any, name: str, where: str) -> float:
    if isinstance(value, str) and value.strip().endswith("%"):
        try:
            return float(value.strip()[:-1]) / 100
        except ValueError:
            pass
    elif isinstance(value, (int, float)) and not isinstance(value, bool) and value >= 0:
        return float(value)
    raise CheckerError(f"[tool.checker.gate.rules.{name}] fail_above: a count (3), a share (0.01) or a percentage (\"1%\")", path=where)


@dataclass(frozen=True)
class Verdict:
    findings: pl.DataFrame  # with accepted, accepted_reason, failing (counts against the gate)
    stale: tuple[Accepted, ...]
    expired: tuple[Accepted, ...]
    rules: dict[str, dict[str, Any]]  # rule -> findings, live, failing, allowed, failed
    failed: bool
    off: tuple[str, ...]  # rules turned off by the configuration


def decide(findings: pl.DataFrame, *, entries: list[Accepted], policies: dict[str, RulePolicy], fail_on: str, rows_checked: int, today: dt.date) -> Verdict:
    off = tuple(sorted(name for name, p in policies.items() if p.severity == "off"))
    findings = findings.filter(~pl.col("rule").is_in(list(off)))
    regrade = {name: p.severity for name, p in policies.items() if p.severity in SEVERITIES}
    if regrade:
        findings = findings.with_columns(severity=pl.col("rule").replace_strict(regrade, default=pl.col("severity"), return_dtype=pl.Utf8))
    outcome = apply_baseline(findings, entries, today)
    failing_severities = {"error": ("error",), "warning": ("error", "warning"), "never": ()}[fail_on]
    marked = outcome.findings.with_columns(failing=~pl.col("accepted") & pl.col("severity").is_in(list(failing_severities)))
    rules: dict[str, dict[str, Any]] = {}
    for name, group in marked.group_by("rule", maintain_order=True):
        rule = name[0]
        policy = policies.get(rule, RulePolicy())
        allowed = policy.fail_above * rows_checked if 0 < policy.fail_above < 1 else policy.fail_above
        failing = int(group["failing"].sum())
        rules[rule] = {
            "findings": group.height,
            "accepted": int(group["accepted"].sum()),
            "failing": failing,
            "allowed": allowed,
            "failed": failing > allowed,
        }
    within = [rule for rule, r in rules.items() if not r["failed"]]
    # Findings of a rule still within its threshold are shown but do not fail the gate.
    marked = marked.with_columns(failing=pl.col("failing") & ~pl.col("rule").is_in(within))
    failed = any(r["failed"] for r in rules.values())
    return Verdict(marked, outcome.stale, outcome.expired, dict(sorted(rules.items())), failed, off)


def with_verdict(result, verdict: Verdict, *, fail_on: str, baseline: str | None):
    """The gate result with the verdict's findings and its summary in `extra`."""
    extra = {
        "gate": {
            "passed": not verdict.failed and result.rejected.height == 0,  # rejected rows exit 2, so no pass
            "fail_on": fail_on,
            "rules": verdict.rules,
            "rules_off": list(verdict.off),
            "baseline": baseline,
            "stale": [{"id": e.id, "reason": e.reason, "owner": e.owner} for e in verdict.stale],
            "expired": [
                {"id": e.id, "reason": e.reason, "owner": e.owner, "expires": e.expires.isoformat() if e.expires else None}
                for e in verdict.expired
            ],
        }
    }
    return replace(result, findings=verdict.findings, extra=extra)
