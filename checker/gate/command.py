"""`checker gate` behind the command line: options and [tool.checker.gate] merged, the gate run, the
verdict taken, the report written, the Markdown job summary appended to $GITHUB_STEP_SUMMARY, and the
exit code chosen (0 pass, 1 failing findings, 2 rejected rows or bad input)."""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path
from typing import Callable

from checker.baseline import load_baseline
from checker.config import Config
from checker.errors import CheckerError
from checker.gate import run_gate
from checker.gate.keys import load_aliases
from checker.gate.policy import decide, rule_policies, with_verdict
from checker.gate.read import parse_mapping
from checker.gate.job_summary import render_markdown
from checker.report import reporter_for
from checker.report.base import refuse_binary_to_terminal
from checker.report.text_reporter import gate_verdict, visible


def _from_config(config: Config, value: str | None) -> Path | None:
    """A path of [tool.checker.gate], relative to the pyproject.toml that names it."""
    if value is None:
        return None
    base = Path(config.source).parent if config.source else Path.cwd()
    return base / value


def run_gate_command(
    datasets: list[str],
    *,
    config: Config,
    output_format: str,
    output: Path | None,
    fail_on: str | None,
    exit_zero: bool,
    baseline: Path | None,
    lang: str | None,
    columns: list[str] | None,
    alias_file: Path | None,
    summary: Path | None,
    emit: Callable,
    today: dt.date | None = None,
    emit_report: Callable | None = None,
) -> int:
    settings = config.gate
    where = config.source or "pyproject.toml"
    policies = rule_policies(settings.rules, where)
    mapping = {**parse_mapping([f"{k}={v}" for k, v in settings.columns.items()]), **parse_mapping(columns)}
    alias_path = alias_file or _from_config(config, settings.alias_file)
    aliases = {**config.aliases, **(load_aliases(alias_path) if alias_path else {})}
    baseline_path = baseline or _from_config(config, settings.baseline)
    entries = load_baseline(baseline_path) if baseline_path else []
    fail_on = fail_on or settings.fail_on or "error"
    reporter = reporter_for(output_format, "gate")  # before the run: an unknown format is a usage error, at once
    refuse_binary_to_terminal(reporter, output)

    result = run_gate(datasets, mapping=mapping, aliases=aliases, lang=lang, handover_days=settings.handover_days)
    verdict = decide(
        result.findings, entries=entries, policies=policies, fail_on=fail_on,
        rows_checked=result.stats.rows_checked, today=today or dt.date.today(),
    )  # fmt: skip
    result = with_verdict(result, verdict, fail_on=fail_on, baseline=str(baseline_path) if baseline_path else None)

    if emit_report is not None:  # written piece by piece where the format can: never the whole document in memory
        emit_report(reporter, result, output)
    else:
        emit(reporter.render(result), output)
    if output is not None:  # the verdict still reaches the terminal (or CI log)
        sys.stderr.write(f"checker: wrote {output}: {gate_verdict(result.extra['gate'])}\n")
    for entry in verdict.stale:
        sys.stderr.write(f"checker: {baseline_path}: stale baseline entry {entry.id} matches no finding ({entry.reason})\n")
    for entry in verdict.expired:
        sys.stderr.write(f"checker: {baseline_path}: baseline entry {entry.id} expired on {entry.expires.isoformat()}\n")
    summary_path = summary or (Path(os.environ["GITHUB_STEP_SUMMARY"]) if os.environ.get("GITHUB_STEP_SUMMARY") else None)
    if summary_path is not None:
        try:
            with open(summary_path, "a", encoding="utf-8") as handle:  # GitHub collects what each step appends
                handle.write(render_markdown(result))
        except OSError as error:
            raise CheckerError(f"cannot write the job summary: {error.strerror}", path=str(summary_path)) from None
    if result.rejected.height:
        for row in result.rejected.iter_rows(named=True):
            sys.stderr.write(f"checker: {visible(row['path'])}:row {row['row']}: {visible(' '.join(str(row['reason']).split()))}\n")
        return 2
    if exit_zero:
        return 0
    return 1 if verdict.failed else 0

