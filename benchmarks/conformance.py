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

from checker.normalise.numbers import parse_duration, parse_number  # noqa: E402

Row = dict[str, Any]
Verdict = tuple[bool, Any]


@dataclass(frozen=True)
class Suite:
    name: str
    file: str  # a JSONL file in the conformance folder
    evaluate: Callable[[Row], Verdict]  # row -> (passed, what we produced)
    expected: Callable[[Row], Any] = field(default=lambda row: row.get("value"))  # shown for failures


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


SUITES: list[Suite] = [
    Suite("numerals_ar", "duckling_ar_numerals.jsonl", numeral("ar")),
    Suite("numerals_ar_eg", "duckling_ar_eg_numerals.jsonl", numeral("ar")),
    Suite("numerals_fa", "duckling_fa_numerals.jsonl", numeral("fa")),
    Suite("ordinals_ar", "duckling_ar_ordinals.jsonl", ordinal("ar")),
    Suite("durations_ar", "duckling_ar_durations.jsonl", duration("ar"), lambda row: (row["value"], row["unit"])),
]


def read_rows(path: Path) -> list[Row]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def run_suite(suite: Suite, directory: Path = CONFORMANCE_DIR) -> SuiteResult:
    rows = read_rows(directory / suite.file)
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
