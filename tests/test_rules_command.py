"""`checker rules`: every rule of both registries (the comparison rules and the gate's own) listed once,
with its type and default severity, the gate's marked as such."""

from __future__ import annotations

from typer.testing import CliRunner

from checker.cli import app
from checker.compare.rules import all_rules
from checker.gate.rules import gate_rules


def test_every_registered_rule_is_listed_with_its_type_and_severity() -> None:
    listed = CliRunner().invoke(app, ["rules"])
    assert listed.exit_code == 0, listed.output
    rows = [line.split(maxsplit=3) for line in listed.output.splitlines()]
    expected = [(r.name, r.type, r.severity, False) for r in all_rules()] + [(r.name, r.type, r.severity, True) for r in gate_rules()]
    assert [(name, kind, severity, summary.startswith("(gate) ")) for name, kind, severity, summary in rows] == expected
    assert len({name for name, *_ in rows}) == len(rows), "a rule is listed twice"
    assert all(summary.strip() for *_, summary in rows), "a rule without a summary"
