"""Reporters: every output format behind one small interface (checker/report/base.py), picked by name.

Adding a format means adding a module with a Reporter subclass and listing it in REPORTERS."""

from __future__ import annotations

from checker.errors import CheckerError
from checker.report.base import Reporter
from checker.report.github_reporter import GithubReporter
from checker.report.html_reporter import HtmlReporter
from checker.report.json_reporter import JsonReporter
from checker.report.junit_reporter import JunitReporter
from checker.report.sarif_reporter import SarifReporter
from checker.report.table_reporter import CsvReporter, ParquetReporter
from checker.report.text_reporter import TextReporter

REPORTERS: dict[str, type[Reporter]] = {
    reporter.name: reporter
    for reporter in (TextReporter, JsonReporter, CsvReporter, ParquetReporter)
    + (GithubReporter, SarifReporter, JunitReporter, HtmlReporter)
}


def reporter_for(name: str, command: str) -> Reporter:
    """The reporter called `name`, or a usage error naming the formats `command` offers."""
    reporter = REPORTERS.get(name)
    if reporter is None or command not in reporter.commands:
        offered = ", ".join(sorted(n for n, r in REPORTERS.items() if command in r.commands))
        raise CheckerError(f"--format {name} is not available for 'checker {command}' yet; use one of: {offered}")
    return reporter()
