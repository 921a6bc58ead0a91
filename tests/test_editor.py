"""Editor mode: drafts checked against sources, findings at the draft's line and column, ignore comments."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from checker.editor import check_drafts, suppressions

ROOT = Path(__file__).resolve().parents[1]
DRAFT = ROOT / "fixtures" / "drafts" / "nato_mission_fa.md"
SEEDS = str(ROOT / "fixtures" / "seeds")
MISSTATED = "۱۴ آبان ۱۴۰۰"  # the seeds have the expulsion on ۱۴ مهر (6 October 2021): one Jalali month off


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "checker", "check", *args], input=stdin, capture_output=True, text=True, encoding="utf-8", cwd=ROOT
    )


def position(text: str, needle: str) -> tuple[int, int]:
    """1-based line and column (in code points) of `needle`, as an editor counts them."""
    offset = text.index(needle)
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def test_a_date_one_jalali_month_off_is_one_finding_at_the_draft() -> None:
    result = check_drafts([str(DRAFT)], [SEEDS])
    assert result.findings.height == 1, result.findings
    finding = result.findings.row(0, named=True)
    assert finding["rule"] == "date-conflict"
    assert finding["path"] == str(DRAFT)
    assert (finding["line"], finding["col"]) == position(DRAFT.read_text(encoding="utf-8"), MISSTATED)
    assert "14 Mehr 1400" in finding["message"] and "14 Aban 1400" in finding["message"]


def test_cli_reports_it_as_path_line_col_in_every_editor_format() -> None:
    line, col = position(DRAFT.read_text(encoding="utf-8"), MISSTATED)
    draft = "fixtures/drafts/nato_mission_fa.md"
    text = run(draft, "--against", "fixtures/seeds")
    located = [row for row in text.stdout.splitlines() if row.strip().startswith(f"{draft}:")]
    assert len(located) == 1 and located[0].strip().startswith(f"{draft}:{line}:{col}: ")
    github = run(draft, "--against", "fixtures/seeds", "--format", "github").stdout.splitlines()
    assert len(github) == 1 and f"file={draft},line={line},col={col}," in github[0]
    sarif = json.loads(run(draft, "--against", "fixtures/seeds", "--format", "sarif").stdout)
    (only,) = sarif["runs"][0]["results"]
    location = only["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == draft
    assert (location["region"]["startLine"], location["region"]["startColumn"]) == (line, col)
    data = json.loads(run(draft, "--against", "fixtures/seeds", "--format", "json").stdout)
    assert [(f["path"], f["line"], f["col"]) for f in data["findings"]] == [(draft, line, col)]


def test_sources_findings_that_do_not_involve_the_draft_are_left_out() -> None:
    # The seeds alone hold an error (calendar-pair-mismatch); against them, a draft sees only its own.
    result = check_drafts([str(DRAFT)], [SEEDS])
    assert "calendar-pair-mismatch" not in result.findings["rule"].to_list()
    assert set(result.findings["type"]) <= {"conflict", "internal", "related"}  # agreements are not to-dos


def test_a_draft_from_stdin_is_named_by_stdin_filename() -> None:
    line, col = position(DRAFT.read_text(encoding="utf-8"), MISSTATED)
    result = run("-", "--stdin-filename", "drafts/story.md", "--against", "fixtures/seeds", "--format", "github",
                 stdin=DRAFT.read_text(encoding="utf-8"))  # fmt: skip
    assert result.stdout.splitlines()[0].startswith(f"::warning file=drafts/story.md,line={line},col={col},") or result.stdout.splitlines()[0].startswith(
        f"::error file=drafts/story.md,line={line},col={col},"
    )


def test_an_ignore_comment_suppresses_one_finding_on_its_line(tmp_path: Path) -> None:
    text = DRAFT.read_text(encoding="utf-8").replace(MISSTATED + " ", MISSTATED + " <!-- checker: ignore[date-conflict] --> ")
    draft = tmp_path / "draft.md"
    draft.write_text(text, encoding="utf-8")
    assert check_drafts([str(draft)], [SEEDS]).findings.height == 0


def test_an_ignore_comment_alone_on_its_line_covers_the_next_line(tmp_path: Path) -> None:
    lines = DRAFT.read_text(encoding="utf-8").splitlines()
    target = next(i for i, line in enumerate(lines) if MISSTATED in line)
    lines.insert(target, "<!-- checker: ignore[date-conflict] -->")
    draft = tmp_path / "draft.md"
    draft.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert check_drafts([str(draft)], [SEEDS]).findings.height == 0
    (found,) = suppressions("draft", str(draft), draft.read_text(encoding="utf-8"))
    assert (found.line, found.covers) == (target + 1, target + 2)


def test_an_unused_ignore_comment_is_reported_where_it_is(tmp_path: Path) -> None:
    text = DRAFT.read_text(encoding="utf-8") + "\nپایان خبر. <!-- checker: ignore[count-conflict, no-such-rule] -->\n"
    draft = tmp_path / "draft.md"
    draft.write_text(text, encoding="utf-8")
    findings = check_drafts([str(draft)], [SEEDS]).findings
    unused = findings.filter(findings["rule"] == "unused-ignore")
    assert unused.height == 2
    line, col = position(text, "<!-- checker")
    assert set(zip(unused["line"], unused["col"])) == {(line, col)}
    messages = " | ".join(unused["message"])
    assert "no [count-conflict] finding on line" in messages and "[no-such-rule] is not a rule" in messages
    assert findings.filter(findings["rule"] == "date-conflict").height == 1  # the real one is still there
    result = run(str(draft), "--against", "fixtures/seeds", "--format", "github")
    assert sum("title=unused-ignore" in line for line in result.stdout.splitlines()) == 2


def test_against_with_an_unreadable_source_is_exit_2_with_one_line() -> None:
    result = run("fixtures/drafts/nato_mission_fa.md", "--against", "nowhere/")
    assert result.returncode == 2 and "nowhere/" in result.stderr and "Traceback" not in result.stderr
