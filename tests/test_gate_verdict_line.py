"""The gate's last line says what its exit code says (issue 19, item 3): rejected rows exit 2, so the gate
has not passed, whatever its rules found."""

from __future__ import annotations

import json

from gate_cli import run_gate

AGREEING = (
    "Reuters,en,Kabul airport attack,date,26 August 2021,2021-08-27\n"
    "Al Jazeera,ar,Kabul airport attack,date,26 آب 2021,2021-08-27\n"
)
DISAGREEING = "Tasnim,fa,Kabul airport attack,date,۷ شهریور ۱۴۰۰,2021-08-29\n"  # 29 August: three days later
NO_SUBJECT = "AFP,en,,date,26 August 2021,2021-08-27\n"



def test_agreeing_claims_pass_with_exit_0(tmp_path):
    done = run_gate(tmp_path, AGREEING)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "gate passed (--fail-on error)"


def test_a_rejected_row_fails_the_gate_with_exit_2(tmp_path):
    done = run_gate(tmp_path, AGREEING + NO_SUBJECT)
    assert done.returncode == 2
    assert done.stdout.splitlines()[-1] == "gate FAILED on rejected rows (--fail-on error)"
    assert "row 3: no subject" in done.stderr


def test_rejected_rows_fail_the_gate_even_under_exit_zero(tmp_path):
    done = run_gate(tmp_path, AGREEING + NO_SUBJECT, "--exit-zero", "--format", "json")
    assert done.returncode == 2
    assert json.loads(done.stdout)["gate"]["passed"] is False


def test_a_failing_rule_and_a_rejected_row_exit_2_and_fail(tmp_path):
    done = run_gate(tmp_path, AGREEING + DISAGREEING + NO_SUBJECT)
    assert done.returncode == 2
    assert done.stdout.splitlines()[-1] == "gate FAILED on date-conflict (--fail-on error)"
