"""`checker rules`: every rule of both registries (the comparison rules, the term rules both front ends
share, and the gate's own) and editor mode's unused-ignore listed once, under a header, with its type, default severity and scope; `--format
json` gives the same list as objects (issue 19, item 12)."""

from __future__ import annotations

import json
import subprocess
import sys

from checker.compare.rules import SHARED, all_rules
from checker.gate.rules import own_rules


def _rules(*options: str) -> str:
    done = subprocess.run([sys.executable, "-m", "checker", "rules", *options], capture_output=True, text=True, encoding="utf-8")
    assert done.returncode == 0, done.stderr
    return done.stdout


def _expected() -> list[tuple[str, str, str, str]]:
    return (
        [(r.name, r.type, r.severity, "both" if r.name in SHARED else "check") for r in all_rules()]
        + [(r.name, r.type, r.severity, "gate") for r in own_rules()]
        + [("unused-ignore", "internal", "warning", "editor")]
    )


def test_every_rule_is_listed_once_under_a_header() -> None:
    header, *lines = _rules().splitlines()
    assert header.split() == ["RULE", "TYPE", "SEVERITY", "SCOPE", "SUMMARY"]
    rows = [line.split(maxsplit=4) for line in lines]
    assert [(name, kind, severity, scope) for name, kind, severity, scope, _ in rows] == _expected()
    assert len({name for name, *_ in rows}) == len(rows), "a rule is listed twice"
    assert all(summary.strip() for *_, summary in rows), "a rule without a summary"
    # the summary column starts where the header says, on every line
    assert {line.index(summary) for line, (*_, summary) in zip(lines, rows)} == {header.index("SUMMARY")}


def test_json_lists_the_same_rules_as_objects() -> None:
    listed = json.loads(_rules("--format", "json"))
    assert [(r["name"], r["type"], r["severity"], r["scope"]) for r in listed] == _expected()
    assert all(set(r) == {"name", "type", "severity", "scope", "summary"} and r["summary"] for r in listed)
    text_summaries = [line.split(maxsplit=4)[4] for line in _rules().splitlines()[1:]]
    assert [r["summary"] for r in listed] == text_summaries
