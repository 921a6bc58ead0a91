"""`checker check` as CI jobs and editors meet it: exit codes, --fail-on, --exit-zero, baselines, JSON."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

BLAST = "fixtures/stories/blast"  # planted errors: a date conflict and a weekday mismatch
FLOOD = "fixtures/stories/flood"  # no errors: agreements and a growing toll (info)


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "checker", "check", *args], capture_output=True, text=True, encoding="utf-8")


def test_errors_exit_1_and_info_alone_exits_0() -> None:
    assert run(BLAST).returncode == 1
    clean = run(FLOOD)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "count-update" in clean.stdout


def test_fail_on_and_exit_zero() -> None:
    assert run(BLAST, "--fail-on", "never").returncode == 0
    assert run(BLAST, "--exit-zero").returncode == 0
    assert run(FLOOD, "--fail-on", "warning").returncode == 0


def test_text_lines_name_path_line_col_severity_and_rule() -> None:
    out = run(BLAST).stdout
    line = next(line for line in out.splitlines() if "[weekday-mismatch]" in line)
    location, rest = line.strip().split(": ", 1)
    path, row, col = location.rsplit(":", 2)
    assert path.endswith("blast_fa.txt") and int(row) >= 1 and int(col) >= 1
    assert rest.startswith("error [weekday-mismatch]")
    assert "۱۵ بهمن ۱۴۰۲" in line  # quoted as written, in its own script


def test_json_follows_the_contract() -> None:
    result = run(BLAST, "--format", "json")
    data = json.loads(result.stdout)
    assert set(data) == {"version", "documents", "facts", "findings", "summary"}
    assert data["summary"]["findings"]["error"] == sum(f["severity"] == "error" for f in data["findings"])
    fact_ids = {f["id"] for f in data["facts"]}
    for finding in data["findings"]:
        assert {"id", "type", "severity", "facts", "docs", "message", "rule"} <= set(finding)
        assert set(finding["facts"]) <= fact_ids
        assert finding["type"] in {"conflict", "internal", "related", "agree"}


def test_baseline_accepts_a_finding_and_reports_stale_entries(tmp_path: Path) -> None:
    data = json.loads(run(BLAST, "--format", "json").stdout)
    errors = [f for f in data["findings"] if f["severity"] == "error"]
    baseline = tmp_path / "baseline.toml"
    entries = [f'[[accepted]]\nid = "{f["id"]}"\nreason = "reviewed"\n' for f in errors]
    entries.append('[[accepted]]\nid = "0000000000000000"\nreason = "fixed long ago"\n')
    baseline.write_text("\n".join(entries), encoding="utf-8")
    result = run(BLAST, "--baseline", str(baseline))
    assert result.returncode == 0, result.stdout
    assert "accepted: reviewed" in result.stdout
    assert "stale baseline entry 0000000000000000" in result.stderr


def test_a_baseline_entry_past_its_expiry_counts_again(tmp_path: Path) -> None:
    data = json.loads(run(BLAST, "--format", "json").stdout)
    entries = [f'[[accepted]]\nid = "{f["id"]}"\nreason = "r"\nexpires = 2020-01-01\n' for f in data["findings"] if f["severity"] == "error"]
    baseline = tmp_path / "baseline.toml"
    baseline.write_text("\n".join(entries), encoding="utf-8")
    result = run(BLAST, "--baseline", str(baseline))
    assert result.returncode == 1 and "expired on 2020-01-01" in result.stderr


def test_a_bad_baseline_is_one_line_and_exit_2(tmp_path: Path) -> None:
    baseline = tmp_path / "baseline.toml"
    baseline.write_text("[[accepted]]\nreason = 'no id'\n", encoding="utf-8")
    result = run(BLAST, "--baseline", str(baseline))
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "baseline.toml" in result.stderr


def test_csv_writes_the_findings_table() -> None:
    out = run(BLAST, "--format", "csv").stdout.splitlines()
    assert out[0].split(",")[:4] == ["id", "type", "severity", "rule"]
    assert any(",date-conflict," in line for line in out[1:])


def test_pyproject_adds_event_words_and_aliases(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.checker.events.en]\nflood = ["deluge"]\n\n[tool.checker.aliases]\n"Zelensky" = ["Selenskyj"]\n', encoding="utf-8"
    )
    article = tmp_path / "brief.txt"
    article.write_text("The deluge on Monday, March 11 swept through the valley, officials said.\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "checker", "facts", str(article), "--format", "json", "--published", "2024-03-12"],
        capture_output=True, text=True, encoding="utf-8", cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    events = {f["event"] for f in json.loads(result.stdout)["facts"]}
    assert "flood" in events


def test_aliases_join_spellings_the_letter_rules_do_not() -> None:
    from checker.align.names import same_name
    from checker.config import Config
    from checker.normalise.names import name_keys, skeleton

    assert not same_name(skeleton("Daesh"), skeleton("ISIS"))
    aliases = Config(aliases={"ISIS": ("Daesh", "داعش")}).name_aliases
    assert name_keys("Daesh fighters", aliases) == name_keys("ISIS fighters", aliases) == name_keys("داعش fighters", aliases)


def test_bad_configuration_is_one_line_and_exit_2(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.checker.events.xx]\nflood = ["x"]\n', encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "checker", "check", str(Path.cwd() / FLOOD)], capture_output=True, text=True, encoding="utf-8", cwd=tmp_path)
    assert result.returncode == 2 and "pyproject.toml" in result.stderr and result.stderr.count("\n") == 1


def test_summary_line_puts_a_count_of_one_in_the_singular(tmp_path: Path) -> None:
    article = tmp_path / "brief.txt"
    article.write_text("The alliance said it expelled eight envoys on Monday 6 October 2021.\n", encoding="utf-8")
    summary = run(str(article)).stdout.splitlines()[-1]
    assert summary.startswith("1 finding (1 error, 0 warnings, 0 info) in 1 story, 1 document, ")
