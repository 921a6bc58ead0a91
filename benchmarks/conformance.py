"""Pass rates on the external conformance suites (../shared/conformance, beside the project root).

    python benchmarks/conformance.py            # passed/total and rate per suite
    python benchmarks/conformance.py --verbose  # plus every failing row: text, expected, got
    python benchmarks/conformance.py numerals_ar durations_ar   # only these suites

The suites are read, never copied into the project. To add one, append a Suite to SUITES with a function
that judges one row: it returns (passed, what the checker produced). A suite may also split its rate by a
row key (`group`) and name known causes of failure (`cause`); the report prints both under its line.
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
from checker.calendars.tables import ENGLISH_MONTH_NAMES, WEEKDAY_NAMES  # noqa: E402
from checker.grammar.dates import find_dates, month_named, parse_date, weekday_named  # noqa: E402
from checker.normalise.text import fold  # noqa: E402
from checker.grammar.durations import parse_duration  # noqa: E402
from checker.grammar.numbers import find_numbers, parse_number  # noqa: E402

Row = dict[str, Any]
Verdict = tuple[bool, Any]


@dataclass(frozen=True)
class Suite:
    name: str
    file: str  # a JSONL file in the conformance folder
    evaluate: Callable[[Row], Verdict]  # row -> (passed, what we produced)
    expected: Callable[[Row], Any] = field(default=lambda row: row.get("value"))  # shown for failures
    selects: Callable[[Row], bool] = field(default=lambda row: True)  # which rows of the file belong
    group: Callable[[Row], str] | None = None  # split the rate by this key (Duckling's grain)
    cause: Callable[[Row, Any], str | None] | None = None  # a known reason a failing row fails, or None
    note: str = ""  # printed after the rate: what a pass means when it is not obvious


@dataclass
class SuiteResult:
    suite: Suite
    passed: int
    total: int
    failures: list[tuple[Row, Any]]
    rows: list[Row] = field(default_factory=list)  # every row judged, for by_group

    @property
    def rate(self) -> float:
        return self.passed / self.total if self.total else 0.0

    def by_group(self) -> dict[str, tuple[int, int]]:
        """group -> (passed, total), Duckling's grains from small to large, other keys after them."""
        if self.suite.group is None:
            return {}
        failed = {id(row) for row, _ in self.failures}
        counts: dict[str, list[int]] = {}
        for row in self.rows:
            tally = counts.setdefault(self.suite.group(row), [0, 0])
            tally[0] += id(row) not in failed
            tally[1] += 1
        order = {name: i for i, name in enumerate(_DUCKLING_GROUPS)}
        ranked = sorted(counts, key=lambda key: order.get(key.split(" ")[0], len(order)))
        return {key: (counts[key][0], counts[key][1]) for key in ranked}

    def causes(self) -> dict[str, int]:
        """known cause -> failing rows it alone explains."""
        if self.suite.cause is None:
            return {}
        counts: dict[str, int] = {}
        for row, got in self.failures:
            reason = self.suite.cause(row, got)
            if reason:
                counts[reason] = counts.get(reason, 0) + 1
        return counts


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


@dataclass(frozen=True)
class DateFact:
    """What the engine extracted as a date, as much as a verdict needs."""

    text: str
    offset: int  # where `text` starts in the row's text
    value: str | None
    start: dt.date | None
    end: dt.date | None
    relative: str | None
    year_from: str | None

    def __repr__(self) -> str:
        how = f" ({self.relative})" if self.relative else ""
        return f"{self.text}={self.value}{how}"


def date_facts(text: str, lang: str, published: dt.date) -> list[DateFact] | str:
    """The date facts of TEXT run as a one-line document, or the error the engine raised."""
    from checker.engine import extract_text  # the engine is heavier than the normalisers; load it on use

    try:
        facts = extract_text(text, lang=lang, published=published, doc_id="row").facts
    except Exception as error:  # one row must not stop the suite; the crash is what we produced
        return f"error: {type(error).__name__}: {error}"
    columns = ("text", "start", "value", "date_start", "date_end", "relative", "year_from")
    return [DateFact(*fact) for fact in facts.filter(kind="date").select(columns).iter_rows()]


def _duckling_day(stamp: str) -> dt.date:
    return dt.date.fromisoformat(stamp[:10])  # the day as written, in the row's own -02:00 offset


def _last_of_month(day: dt.date) -> dt.date:
    following = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return following - dt.timedelta(days=1)


def duckling_span(row: Row) -> tuple[dt.date, dt.date]:
    """The inclusive day interval a Duckling time row denotes.

    Values: a day (and second/minute/hour: its day, as we extract no clock times), an ISO week from its
    Monday, a calendar month, a Gregorian year. Intervals: every row has end_exclusive true and Duckling
    writes `to` as the instant after the interval, so a `to` at midnight ends the day before (13 الى 15
    تموز: to 2013-07-16T00:00 -> 2013-07-15) and a `to` inside a day (11 صباحا -> to 12:00) ends that day.
    """
    value, grain = row["value"], row["grain"]
    if row["type"] == "interval":
        start, to = _duckling_day(value["from"]), value["to"]
        end = _duckling_day(to)
        if row.get("end_exclusive", True) and to[11:19] == "00:00:00":
            end -= dt.timedelta(days=1)
        return start, end
    day = _duckling_day(value)
    if grain == "week":
        return day, day + dt.timedelta(days=6)
    if grain == "month":
        return day.replace(day=1), _last_of_month(day)
    if grain == "year":
        return dt.date(day.year, 1, 1), dt.date(day.year, 12, 31)
    return day, day  # day, and the clock grains second/minute/hour


def _duckling_expected(row: Row) -> str:
    start, end = duckling_span(row)
    span = start.isoformat() if start == end else f"{start.isoformat()}/{end.isoformat()}"
    return f"{span} ({row['grain']}{' interval' if row['type'] == 'interval' else ''})"


_DUCKLING_GROUPS = ("day", "week", "month", "year", "second", "minute", "hour", "interval")


def _duckling_group(row: Row) -> str:
    """The row's grain, and `interval` for every interval row; the clock grains are judged on their day."""
    if row["type"] == "interval":
        return "interval"
    return f"{row['grain']} (day)" if row["grain"] in ("second", "minute", "hour") else row["grain"]


def duckling_time(row: Row) -> Verdict:
    """Duckling time rows: some date fact of the row, run as a one-line document published on the
    reference day, covers exactly the row's day interval (duckling_span)."""
    got = date_facts(row["text"], "ar", _duckling_day(row["reference"]))
    if isinstance(got, str):
        return False, got
    span = duckling_span(row)
    return any((fact.start, fact.end) == span for fact in got), got


def no_date(row: Row) -> Verdict:
    """Duckling's negative rows: words that must not be read as a date."""
    got = date_facts(row["text"], "ar", _duckling_day(row["reference"]))
    return got == [], got


def relative_date(row: Row) -> Verdict:
    """dateparser freshness rows (reference − ago): a date fact starts on the expected day."""
    got = date_facts(row["text"], row["language"], _reference(row))
    if isinstance(got, str):
        return False, got
    expected = dt.date.fromisoformat(row["expected"])
    return any(fact.start == expected for fact in got), got


_CLOCK_WORD = fold("الساعة") + " "  # a number right after it is an hour, which we do not extract


def _day_number_besides(text: str, fact: DateFact) -> bool:
    """Whether TEXT has a number outside FACT that is not a clock hour (السبت السادس عشر: the 16th)."""
    rest = fold(text[: fact.offset] + " " * len(fact.text) + text[fact.offset + len(fact.text) :])
    return any(not rest[: m.start].endswith(_CLOCK_WORD) for m in find_numbers(rest, "ar"))


def _year_before(day: dt.date) -> dt.date:
    """The same day a year earlier; 29 February gives the 28th."""
    return day.replace(year=day.year - 1, day=min(day.day, 28) if (day.month, day.day) == (2, 29) else day.day)


def duckling_time_cause(row: Row, got: Any) -> str | None:
    """Failures our conventions explain on their own, where Duckling leans to the future.

    A bare weekday is the most recent such day on or before publication (Duckling: the next one); a date
    without a year is its nearest occurrence (Duckling: the next). The row fails for that reason
    alone when one fact read the other way would pass, and, for a weekday, the row says nothing else
    about the day (السبت السادس عشر names the 16th: our fault, not the convention's). A year-less date
    read a year early is the same span length 350-371 days before: a Hijri holiday comes 354 or 355 days
    earlier, the first Tuesday of a month 364 or 371.
    """
    if isinstance(got, str):
        return None
    start, end = duckling_span(row)
    week = dt.timedelta(days=7)
    for fact in got:
        if fact.relative in WEEKDAY_NAMES and start == end and fact.start == fact.end == start - week:
            if not _day_number_besides(row["text"], fact):
                return "bare weekday read as the past one (Duckling: the next)"
    for fact in got:
        inferred = fact.year_from == "published" and fact.start and fact.end
        if inferred and (fact.start, fact.end) == (_year_before(start), _year_before(end)):
            return "year-less date read as the past one (Duckling: the next)"
        if inferred and fact.end - fact.start == end - start and 350 <= (start - fact.start).days <= 371:
            return "year-less date read as the past one (Duckling: the next)"
    return None


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
    Suite(
        "time_ar",
        "duckling_ar_time.jsonl",
        duckling_time,
        _duckling_expected,
        group=_duckling_group,
        cause=duckling_time_cause,
        note="second/minute/hour rows pass on their day: we extract no clock times",
    ),
    Suite("time_ar_negative", "duckling_ar_time_negative.jsonl", no_date, lambda row: "no date"),
    Suite("relative_rows", "dateparser_ar_fa.jsonl", relative_date, _expected_date, _kind("relative")),
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
    return SuiteResult(suite, len(rows) - len(failures), len(rows), failures, rows)


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
        note = f"  {suite.note}" if suite.note else ""
        print(f"{suite.name:16} {result.passed:4}/{result.total:<4} {result.rate:7.1%}{note}")
        for key, (passed, total) in result.by_group().items():
            print(f"  {key:14} {passed:4}/{total:<4} {passed / total:7.1%}")
        for reason, count in result.causes().items():
            print(f"  {count:4} failing only for: {reason}")
        if args.verbose:
            for row, got in result.failures:
                note = f"  ({row['note']})" if "note" in row else ""
                reason = suite.cause(row, got) if suite.cause else None
                known = f"  [{reason}]" if reason else ""
                print(f"    {row['text']!r}: expected {suite.expected(row)!r}, got {got!r}{note}{known}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
