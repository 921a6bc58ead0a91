"""Reporters: every output format behind one small interface (checker/report/base.py), picked by name.

Adding a format means adding a module with a Reporter subclass and listing it in _MODULES."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from importlib import import_module

from checker.errors import CheckerError
from checker.report.base import Reporter

# name -> (module, class). A module is imported when its format is asked for: a one-file `check --format
# json` need not load the HTML reporter and its templates.
_MODULES: dict[str, tuple[str, str]] = {
    "text": ("checker.report.text_reporter", "TextReporter"),
    "json": ("checker.report.json_reporter", "JsonReporter"),
    "csv": ("checker.report.table_reporter", "CsvReporter"),
    "parquet": ("checker.report.table_reporter", "ParquetReporter"),
    "github": ("checker.report.github_reporter", "GithubReporter"),
    "sarif": ("checker.report.sarif_reporter", "SarifReporter"),
    "junit": ("checker.report.junit_reporter", "JunitReporter"),
    "html": ("checker.report.html_reporter", "HtmlReporter"),
}


class _Reporters(Mapping[str, type[Reporter]]):
    """Every reporter by name, imported on first use."""

    def __getitem__(self, name: str) -> type[Reporter]:
        module, attribute = _MODULES[name]
        return getattr(import_module(module), attribute)

    def __iter__(self) -> Iterator[str]:
        return iter(_MODULES)

    def __len__(self) -> int:
        return len(_MODULES)


REPORTERS: Mapping[str, type[Reporter]] = _Reporters()


def reporter_for(name: str, command: str) -> Reporter:
    """The reporter called `name`, or a usage error naming the formats `command` offers."""
    reporter = REPORTERS.get(name)
    if reporter is None or command not in reporter.commands:
        offered = ", ".join(sorted(n for n, r in REPORTERS.items() if command in r.commands))
        raise CheckerError(f"--format {name} is not available for 'checker {command}' yet; use one of: {offered}")
    return reporter()
