"""Dates in any calendar as Gregorian intervals: a day, a month or a whole year, with its errors and notes.

`resolve()` turns columns of (calendar, year, month, day) into Gregorian intervals with one join against
a period table (months and whole years from checker.calendars.tables), and writes error and note strings
only for the rows that need one. `to_interval()` runs a single value through the very same `resolve()`,
so a scalar and a column can never disagree.
"""

from __future__ import annotations

import datetime
from functools import cache
from typing import Any, Iterable, TypeVar

import polars as pl

from checker.calendars.date_value import DateValue
from checker.calendars.tables import (
    CALENDARS,
    ENGLISH_MONTH_NAMES,
    ERA_ABBREVIATIONS,
    FIRST_DAY,
    LAST_DAY,
    SUPPORTED_RANGE,
    UMM_AL_QURA_YEARS,
    date_to_epoch_days,
    epoch_days_to_date,
    month_table,
    year_table,
)
from checker.errors import InvalidDate

_LONGEST_YEAR = {"gregorian": 365, "hijri": 354, "jalali": 365}  # a year longer than this is a leap year

_FrameT = TypeVar("_FrameT", pl.DataFrame, pl.LazyFrame)


# Per calendar and month, for error messages: the longest the month can ever be, and its length in a
# common year (shorter only for the month that takes the leap day).
_LONGEST_MONTH: dict[str, tuple[int, ...]] = {
    "gregorian": (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31),
    "hijri": (30,) * 12,
    "jalali": (31,) * 6 + (30,) * 6,
}
_COMMON_YEAR_MONTH: dict[str, tuple[int, ...]] = {
    "gregorian": (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31),
    "hijri": (29,) * 12,
    "jalali": (31,) * 6 + (30,) * 5 + (29,),
}

# The period table is joined on one integer key, calendar * 10^6 + year * 100 + period, where period is
# the month (1..12) or 0 for the whole year: a single Int64 key joins several times faster than
# (string, int, int), and the join is most of what resolve() costs.
_CALENDAR_CODES = {name: code for code, name in enumerate(CALENDARS, start=1)}
_YEAR_PERIOD = 0
_KEYED_YEARS = (1, 9999)  # years outside can never match; they get no key (and so a range error)


def _period_key(calendar_code: pl.Expr, year: pl.Expr, period: pl.Expr) -> pl.Expr:
    in_keyed_range = year.is_between(*_KEYED_YEARS)
    return pl.when(in_keyed_range).then(calendar_code.cast(pl.Int64) * 1_000_000 + year * 100 + period)


@cache
def _period_table() -> pl.DataFrame:
    """Months and whole years in one table, keyed for resolve(): every grain is one join away.

    `accepted_days` is the last day number resolve() accepts in a month: its length, except that any
    Hijri month accepts a 30th (local sighting). `longest_days`/`common_days` feed the error messages.
    """
    code = pl.col("calendar").replace_strict(_CALENDAR_CODES, return_dtype=pl.Int8)
    rules = pl.DataFrame(
        {
            "calendar": [name for name in CALENDARS for _ in range(12)],
            "month": [month for _ in CALENDARS for month in range(1, 13)],
            "longest_days": [n for name in CALENDARS for n in _LONGEST_MONTH[name]],
            "common_days": [n for name in CALENDARS for n in _COMMON_YEAR_MONTH[name]],
        },
        schema={"calendar": pl.Utf8, "month": pl.Int8, "longest_days": pl.Int16, "common_days": pl.Int16},
    )
    hijri_accepted = pl.max_horizontal(pl.lit(30, pl.Int16), pl.col("length"))
    months = month_table().join(rules, on=["calendar", "month"], how="left").select(
        key=_period_key(code, pl.col("year").cast(pl.Int64), pl.col("month").cast(pl.Int64)),
        start="start",
        end="end",
        length="length",
        tabular="tabular",
        accepted_days=pl.when(pl.col("calendar") == "hijri").then(hijri_accepted).otherwise("length"),
        longest_days=pl.when(pl.col("calendar") == "hijri").then(hijri_accepted).otherwise("longest_days"),
        common_days="common_days",
    )
    years = year_table().select(
        key=_period_key(code, pl.col("year").cast(pl.Int64), pl.lit(_YEAR_PERIOD, pl.Int64)),
        start="start",
        end="end",
        length=pl.col("length").cast(pl.Int16),
        tabular="tabular",
    )
    return pl.concat([months, years], how="diagonal")


# --- resolve ------------------------------------------------------------------------------------------

RESOLVED_COLUMNS = ("date_start", "date_end", "grain", "error", "note")
_NOTE_SEPARATOR = "; "  # notes never contain it, so to_interval() can split them again

# Temporary column names; the prefix keeps them clear of whatever the caller's frame holds.
_ROW, _CODE, _YEAR, _MONTH, _DAY = "__cal_row", "__cal_code", "__cal_year", "__cal_month", "__cal_day"
_KEY, _START, _END, _LENGTH, _TABULAR = "__cal_key", "__cal_start", "__cal_end", "__cal_length", "__cal_tabular"
_ACCEPTED, _LONGEST, _COMMON = "__cal_accepted_days", "__cal_longest_days", "__cal_common_days"
_PROBLEM, _NAME = "__cal_problem", "__cal_month_name"


class _Problem:
    """Why a row has no interval; resolve() writes the message only for rows that have one."""

    CALENDAR_MISSING = 1
    UNKNOWN_CALENDAR = 2
    YEAR_MISSING = 3
    NO_SUCH_MONTH = 4
    DAY_WITHOUT_MONTH = 5
    NO_SUCH_DAY = 6
    DAY_PAST_LONGEST_MONTH = 7
    DAY_PAST_COMMON_YEAR_MONTH = 8
    OUTSIDE_RANGE = 9


def resolve(
    frame: _FrameT,
    *,
    calendar: str = "calendar",
    year: str = "year",
    month: str = "month",
    day: str = "day",
) -> _FrameT:
    """Add date_start, date_end, grain, error and note to a frame of (calendar, year, month, day) rows.

    calendar is one of CALENDARS (exact spelling); month and day may be null: a missing day gives the
    whole month, a missing month the whole year. Rows that do not name a real date get null dates and a
    one-line `error`; what a reader should know about a conversion (tabular fallback, a Hijri 30th read
    past a 29-day month) is in `note`. Row order is kept.
    """
    lazy = frame.lazy()
    original_columns = lazy.collect_schema().names()
    periods = _period_table().lazy().rename(
        {
            "key": _KEY,
            "start": _START,
            "end": _END,
            "length": _LENGTH,
            "tabular": _TABULAR,
            "accepted_days": _ACCEPTED,
            "longest_days": _LONGEST,
            "common_days": _COMMON,
        }
    )
    code, y, m, d = pl.col(_CODE), pl.col(_YEAR), pl.col(_MONTH), pl.col(_DAY)
    start, end, length = pl.col(_START), pl.col(_END), pl.col(_LENGTH)
    is_hijri = code == _CALENDAR_CODES["hijri"]

    # Pass 1, every row: integer work only (a join and comparisons).
    period = pl.when(m.is_null() & d.is_null()).then(pl.lit(_YEAR_PERIOD, pl.Int64)).otherwise(m)
    day_date = epoch_days_to_date(date_to_epoch_days(start) + d - 1)
    problem = (
        pl.when(pl.col(calendar).is_null())
        .then(_Problem.CALENDAR_MISSING)
        .when(code.is_null())
        .then(_Problem.UNKNOWN_CALENDAR)
        .when(y.is_null())
        .then(_Problem.YEAR_MISSING)
        .when(m.is_not_null() & ~m.is_between(1, 12))
        .then(_Problem.NO_SUCH_MONTH)
        .when(d.is_not_null() & m.is_null())
        .then(_Problem.DAY_WITHOUT_MONTH)
        .when(d < 1)
        .then(_Problem.NO_SUCH_DAY)
        .when(start.is_null())
        .then(_Problem.OUTSIDE_RANGE)
        .when(d > pl.col(_LONGEST))
        .then(_Problem.DAY_PAST_LONGEST_MONTH)
        .when(d > pl.col(_ACCEPTED))
        .then(_Problem.DAY_PAST_COMMON_YEAR_MONTH)
        .when((pl.col("date_start") < FIRST_DAY) | (pl.col("date_end") > LAST_DAY))
        .then(_Problem.OUTSIDE_RANGE)
        .cast(pl.Int8)
    )
    days_past_end = d - length
    needs_note = is_hijri & (pl.col(_TABULAR) | (days_past_end > 0))
    resolved = (
        lazy.with_row_index(_ROW)
        .with_columns(
            pl.col(calendar)
            .cast(pl.Utf8)
            .replace_strict(_CALENDAR_CODES, default=None, return_dtype=pl.Int8)
            .alias(_CODE),
            pl.col(year).cast(pl.Int64, strict=False).alias(_YEAR),
            pl.col(month).cast(pl.Int64, strict=False).alias(_MONTH),
            pl.col(day).cast(pl.Int64, strict=False).alias(_DAY),
        )
        .with_columns(_period_key(code, y, period).alias(_KEY))
        .join(periods, on=_KEY, how="left", maintain_order="left")
        .with_columns(
            pl.when(d.is_not_null()).then(day_date).otherwise(start).alias("date_start"),
            pl.when(d.is_not_null()).then(day_date).otherwise(end).alias("date_end"),
            pl.when(d.is_not_null())
            .then(pl.lit("day"))
            .when(m.is_not_null())
            .then(pl.lit("month"))
            .otherwise(pl.lit("year"))
            .alias("grain"),
        )
        .with_columns(problem.alias(_PROBLEM))
    )
    # Pass 2, only rows with an error or a note: the strings, joined back by row number.
    flagged = resolved.filter(pl.col(_PROBLEM).is_not_null() | needs_note)
    messages = _messages(flagged, calendar)
    out = (
        resolved.join(messages, on=_ROW, how="left", maintain_order="left")
        .with_columns(
            pl.when(pl.col(_PROBLEM).is_null()).then(pl.col(c)).alias(c) for c in ("date_start", "date_end")
        )
        .select(*(c for c in original_columns if c not in RESOLVED_COLUMNS), *RESOLVED_COLUMNS)
    )
    # For a frame already in memory the in-memory engine measured about twice as fast as streaming here.
    return out.collect(engine="in-memory") if isinstance(frame, pl.DataFrame) else out


def _per_month(code: pl.Expr, month: pl.Expr, values: dict[str, tuple[Any, ...]], dtype: pl.DataType) -> pl.Expr:
    """values[calendar][month - 1] as an expression, by calendar code; null for an unknown month."""
    lookup = pl.when(pl.lit(False)).then(pl.lit(None, dtype))
    for name, calendar_code in _CALENDAR_CODES.items():
        by_month = dict(enumerate(values[name], start=1))
        in_calendar = month.replace_strict(by_month, default=None, return_dtype=dtype)
        lookup = lookup.when(code == calendar_code).then(in_calendar)
    return lookup


def _messages(flagged: pl.LazyFrame, calendar_column: str) -> pl.LazyFrame:
    """error and note for the flagged rows of resolve()'s first pass."""
    code, y, m, d = pl.col(_CODE), pl.col(_YEAR), pl.col(_MONTH), pl.col(_DAY)
    length, problem = pl.col(_LENGTH), pl.col(_PROBLEM)
    month_name, longest, common = pl.col(_NAME), pl.col(_LONGEST), pl.col(_COMMON)
    is_hijri = code == _CALENDAR_CODES["hijri"]

    era_by_code = {_CALENDAR_CODES[name]: era for name, era in ERA_ABBREVIATIONS.items()}
    era = code.replace_strict(era_by_code, default=None, return_dtype=pl.Utf8)
    named_day = pl.format("{} {} {}", d, month_name, y)
    described = (
        pl.when(d.is_not_null())
        .then(pl.format("{} {}", named_day, era))
        .when(m.is_not_null())
        .then(pl.format("{} {} {}", month_name, y, era))
        .otherwise(pl.format("year {} {}", y, era))
    )
    source = pl.when(pl.col(_TABULAR)).then(pl.lit("the tabular calendar")).otherwise(pl.lit("Umm al-Qura"))
    too_long_reason = (
        pl.when(is_hijri & (length > 30))  # a few early Umm al-Qura months have 31 days
        .then(pl.format("{} {} has {} days in {}", month_name, y, length, source))
        .when(is_hijri)
        .then(pl.lit("Hijri months have at most 30 days"))
        .when(longest == common)
        .then(pl.format("{} has {} days", month_name, longest))
        .otherwise(pl.format("{} has at most {} days", month_name, longest))
    )
    error = (
        pl.when(problem == _Problem.CALENDAR_MISSING)
        .then(pl.lit("calendar is missing"))
        .when(problem == _Problem.UNKNOWN_CALENDAR)
        .then(pl.format("unknown calendar '{}' (expected gregorian, hijri or jalali)", pl.col(calendar_column)))
        .when(problem == _Problem.YEAR_MISSING)
        .then(pl.lit("year is missing"))
        .when(problem == _Problem.NO_SUCH_MONTH)
        .then(pl.format("month {} does not exist", m))
        .when(problem == _Problem.DAY_WITHOUT_MONTH)
        .then(pl.lit("a day was given without a month"))
        .when(problem == _Problem.NO_SUCH_DAY)
        .then(pl.format("day {} does not exist", d))
        .when(problem == _Problem.DAY_PAST_LONGEST_MONTH)
        .then(pl.format("{} does not exist: {}", named_day, too_long_reason))
        .when(problem == _Problem.DAY_PAST_COMMON_YEAR_MONTH)
        .then(pl.format("{} does not exist: {} is not a leap year", named_day, y))
        .when(problem == _Problem.OUTSIDE_RANGE)
        .then(pl.format("{} is outside the supported range {}", described, pl.lit(SUPPORTED_RANGE)))
    )

    days_past_end = d - length
    past_end_note = pl.when(is_hijri & (days_past_end > 0)).then(
        pl.format(
            "day {} of {} {} read as {}, {} after day {}: {} gives the month {} days,"
            " but a local moon sighting can make a longer month real",
            d,
            month_name,
            y,
            pl.col("date_start").dt.to_string("%Y-%m-%d"),
            pl.when(days_past_end == 1).then(pl.lit("the day")).otherwise(pl.format("{} days", days_past_end)),
            length,
            source,
            length,
        )
    )
    tabular_note = pl.when(is_hijri & pl.col(_TABULAR)).then(
        pl.format(
            "{} AH is outside the Umm al-Qura table ({}–{} AH), so the tabular Islamic calendar was used"
            " (observed dates can differ from it by a day or two)",
            y,
            pl.lit(UMM_AL_QURA_YEARS[0]),
            pl.lit(UMM_AL_QURA_YEARS[1]),
        )
    )
    notes = pl.concat_str([tabular_note, past_end_note], separator=_NOTE_SEPARATOR, ignore_nulls=True)
    return (
        flagged.with_columns(_per_month(code, m, ENGLISH_MONTH_NAMES, pl.Utf8()).alias(_NAME))
        .with_columns(error.alias("error"), notes.alias("note"))
        .select(
            _ROW,
            "error",
            pl.when(pl.col("error").is_null() & (pl.col("note") != "")).then(pl.col("note")).alias("note"),
        )
    )


# --- single values ------------------------------------------------------------------------------------


# (calendar, year, month, day) -> (date_start, date_end, grain, error, note) as resolve() gave it. A
# resolve() call costs milliseconds however few rows it has, and news dates cluster in a few years: a date
# not seen before is resolved with every day, month and the whole of its year in one call (prefetch), and
# the dates after it are lookups.
_Key = tuple[str, int, "int | None", "int | None"]
_Row = tuple["datetime.date | None", "datetime.date | None", "str | None", "str | None", "str | None"]
_RESOLVED: dict[_Key, _Row] = {}
_RESOLVED_LIMIT = 200_000  # about 500 calendar years of days


def _year_of(calendar: str, year: int) -> list[_Key]:
    return [(calendar, year, None, None)] + [
        (calendar, year, month, day) for month in range(1, 13) for day in (None, *range(1, 32))
    ]


def prefetch(keys: Iterable[_Key]) -> None:
    """Resolve in one query the (calendar, year, month, day) dates not seen before and the rest of their
    years, so that the resolved_row() and to_interval() calls that follow are lookups."""
    missing = list(dict.fromkeys(key for key in keys if key not in _RESOLVED))
    if not missing:
        return
    wanted = list(dict.fromkeys([*missing, *(k for c, y in dict.fromkeys(k[:2] for k in missing) for k in _year_of(c, y))]))
    if len(_RESOLVED) + len(wanted) > _RESOLVED_LIMIT:
        _RESOLVED.clear()
    frame = pl.DataFrame(
        wanted,
        schema={"calendar": pl.Utf8, "year": pl.Int64, "month": pl.Int64, "day": pl.Int64},
        orient="row",
    )
    rows = resolve(frame).select(*RESOLVED_COLUMNS).iter_rows()
    _RESOLVED.update(zip(wanted, rows))


def resolved_row(calendar: str, year: int, month: int | None = None, day: int | None = None) -> _Row:
    """(date_start, date_end, grain, error, note) of one date, as resolve() gives it."""
    key = (calendar, year, month, day)
    if key not in _RESOLVED:
        prefetch([key])
    return _RESOLVED[key]


def to_interval(calendar: str, year: int, month: int | None = None, day: int | None = None) -> DateValue:
    """One date through `resolve()`, with its Gregorian interval; raises InvalidDate with the reason when it does not exist."""
    start, end, grain, error, note = resolved_row(calendar, year, month, day)
    if error is not None:
        raise InvalidDate(error)
    return DateValue(
        calendar=calendar,
        year=year,
        month=month,
        day=day,
        grain=grain,
        start=start,
        end=end,
        notes=tuple(note.split(_NOTE_SEPARATOR)) if note else (),
    )


def month_length(calendar: str, year: int, month: int) -> int:
    return to_interval(calendar, year, month).days


def year_bounds(calendar: str, year: int) -> tuple[datetime.date, datetime.date]:
    interval = to_interval(calendar, year)
    return interval.start, interval.end


def is_leap_year(calendar: str, year: int) -> bool:
    """A year with an extra day: 366 days (solar), 355 or more (Hijri)."""
    interval = to_interval(calendar, year)
    return interval.days > _LONGEST_YEAR[interval.calendar]
