"""Pass rates on the external conformance suites (../shared/conformance, beside the project root).

    python benchmarks/conformance.py            # passed/total and rate per suite
    python benchmarks/conformance.py --verbose  # plus every failing row: text, expected, got
    python benchmarks/conformance.py numerals_ar durations_ar   # only these suites

The suites are read, never copied into the project. To add one, append a Suite to SUITES with a function
that judges one row: it returns (passed, what the checker produced).
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

PROJECT_ROOT = Path(__file__).resolve().parents[1]
CONFORMANCE_DIR = PROJECT_ROOT.parent / "shared" / "conformance"
if str(PROJECT_ROOT) not in sys.path:  # run as a script from a source tree
    sys.path.insert(0, str(PROJECT_ROOT))

import datetime as dt  # noqa: E402

from checker.errors import InvalidDate  # noqa: E402
from checker.normalise.calendars import ENGLISH_MONTH_NAMES  # noqa: E402
from checker.normalise.conversion import WEEKDAY_NAMES  # noqa: E402
from checker.normalise.dates import find_dates, month_named, parse_date, weekday_named  # noqa: E402
from checker.normalise.text import fold  # noqa: E402
from checker.normalise.numbers import parse_duration, parse_number  # noqa: E402

Row = dict[str, Any]
Verdict = tuple[bool, Any]


@dataclass(frozen=True)
class Suite:
    name: str
    file: str  # a JSONL file in the conformance folder
    evaluate: Callable[[Row], Verdict]  # row -> (passed, what we produced)
    expected: Callable[[Row], Any] = field(default=lambda row: row.get("value"))  # shown for failures
    selects: Callable[[Row], bool] = field(default=lambda row: True)  # which rows of the file belong


@dataclass
class SuiteResult:
    suite: Suite
    passed: int
    total: int
    failures: list[tuple[Row, Any]]

    @property
    def rate(self) -> float:
        return self.passed / self.total if self.total else 0.0


def _same_number(got: float | int | None, expected: float | int) -> bool:
    return got is not None and math.isclose(got, expected, rel_tol=1e-9, abs_tol=1e-12)


def numeral(lang: str) -> Callable[[Row], Verdict]:
    """Duckling numeral rows: the whole text is one number of that value."""

    def evaluate(row: Row) -> Verdict:
        match = parse_number(row["text"], lang)
        got = None if match is None else match.value
        return _same_number(got, row["value"]), got

    return evaluate


def ordinal(lang: str) -> Callable[[Row], Verdict]:
    """Duckling ordinal rows: the whole text is an ordinal of that value."""

    def evaluate(row: Row) -> Verdict:
        match = parse_number(row["text"], lang)
        got = None if match is None else (match.value, match.kind)
        return match is not None and match.kind == "ordinal" and _same_number(match.value, row["value"]), got

    return evaluate


def duration(lang: str) -> Callable[[Row], Verdict]:
    """Duckling duration rows: (count, unit)."""

    def evaluate(row: Row) -> Verdict:
        got = parse_duration(row["text"], lang)
        return got is not None and got[1] == row["unit"] and _same_number(got[0], row["value"]), got

    return evaluate


def _expected_date(row: Row) -> Any:
    return row["expected"]


def _reference(row: Row) -> dt.date:
    base = row.get("reference") or row.get("settings", {}).get("RELATIVE_BASE")
    return dt.date.fromisoformat(base[:10]) if base else dt.date(2015, 1, 1)


def calendar_date(row: Row) -> Verdict:
    """dateparser Hijri/Jalali rows: the whole text is one day in the row's calendar.

    dateparser's expected value for a day that does not exist (30 Safar 1433) is its overflow into the
    next month; we accept a Hijri day 30 as possible under local sighting, so the day it would be is the
    one after the 29th, the same date.
    """
    try:
        match = parse_date(row["text"], row["language"], calendar=row["calendar"], reference=_reference(row))
    except InvalidDate as error:
        return False, f"error: {error}"
    value = match.value
    got = value.start.isoformat() if value.grain == "day" else value.edtf
    return got == row["expected"] and value.calendar == row["calendar"], (got, value.calendar)


def searched_date(row: Row) -> Verdict:
    """dateparser search rows: the date is found inside its sentence, with that span and value."""
    found = find_dates(row.get("context", row["text"]), row["language"], reference=_reference(row))
    got = [(m.text, m.value.start.isoformat() if m.value else m.error) for m in found]
    for match in found:
        if match.value and match.value.start.isoformat() == row["expected"] and match.text in row["text"]:
            return True, got
    return False, got


def translated_date(row: Row) -> Verdict:
    """dateparser translation rows: the date part of a timestamp line."""
    found = find_dates(row["text"], row["language"])
    got = [m.value.start.isoformat() for m in found if m.value and m.value.grain == "day"]
    return got == [row["expected"]], got


def lexical_token(row: Row) -> Verdict:
    """dateparser's Persian token rows: a month or weekday name, digits, or a day-number word."""
    text, kind = row["text"], row["kind"]
    if kind == "jalali_month_name":
        named = month_named(text, "fa")
        got = None if named is None or named[0] != "jalali" else ENGLISH_MONTH_NAMES["jalali"][named[1] - 1]
    elif kind == "weekday_name":
        day = weekday_named(text, "fa")
        got = None if day is None else WEEKDAY_NAMES[day]
    elif kind == "persian_digits":
        got = fold(text)
    else:
        match = parse_number(text, "fa")
        got = None if match is None or match.end - match.start < len(text.strip()) else str(int(match.value))
    return got == row["expected"], got


def _kind(kind: str) -> Callable[[Row], bool]:
    return lambda row: row.get("kind") == kind


SUITES: list[Suite] = [
    Suite("numerals_ar", "duckling_ar_numerals.jsonl", numeral("ar")),
    Suite("numerals_ar_eg", "duckling_ar_eg_numerals.jsonl", numeral("ar")),
    Suite("numerals_fa", "duckling_fa_numerals.jsonl", numeral("fa")),
    Suite("ordinals_ar", "duckling_ar_ordinals.jsonl", ordinal("ar")),
    Suite("durations_ar", "duckling_ar_durations.jsonl", duration("ar"), lambda row: (row["value"], row["unit"])),
    Suite("hijri_jalali_rows", "dateparser_ar_fa.jsonl", calendar_date, _expected_date, _kind("calendar")),
    Suite("search_rows", "dateparser_ar_fa.jsonl", searched_date, _expected_date, _kind("search")),
    Suite("persian_tokens", "dateparser_fa_lexical.jsonl", lexical_token, _expected_date, lambda r: not r.get("suspect")),
    Suite("translation_rows", "dateparser_ar_fa.jsonl", translated_date, _expected_date, _kind("translation")),
]


def read_rows(path: Path) -> list[Row]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def run_suite(suite: Suite, directory: Path = CONFORMANCE_DIR) -> SuiteResult:
    rows = [row for row in read_rows(directory / suite.file) if suite.selects(row)]
    failures = []
    for row in rows:
        passed, got = suite.evaluate(row)
        if not passed:
            failures.append((row, got))
    return SuiteResult(suite, len(rows) - len(failures), len(rows), failures)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("suites", nargs="*", help="suite names (default: all)")
    parser.add_argument("--verbose", "-v", action="store_true", help="list failing rows")
    parser.add_argument("--dir", type=Path, default=CONFORMANCE_DIR, help="conformance folder")
    args = parser.parse_args(argv)
    if not args.dir.is_dir():
        print(f"conformance suites not found at {args.dir}; skipping")
        return 0
    chosen = [s for s in SUITES if not args.suites or s.name in args.suites]
    unknown = set(args.suites) - {s.name for s in SUITES}
    if unknown:
        print(f"unknown suites: {', '.join(sorted(unknown))}; known: {', '.join(s.name for s in SUITES)}")
        return 2
    for suite in chosen:
        if not (args.dir / suite.file).is_file():
            print(f"{suite.name:16} missing {suite.file}")
            continue
        result = run_suite(suite, args.dir)
        print(f"{suite.name:16} {result.passed:4}/{result.total:<4} {result.rate:7.1%}")
        if args.verbose:
            for row, got in result.failures:
                note = f"  ({row['note']})" if "note" in row else ""
                print(f"    {row['text']!r}: expected {suite.expected(row)!r}, got {got!r}{note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
