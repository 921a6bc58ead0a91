"""The date model every stage speaks: one date as written (calendar, year, month, day, grain) and the
Gregorian interval it covers. The grammar reads text into it, checker.calendars.intervals gives it its
interval, and extraction, alignment, comparison, `convert` and the gate report it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import polars as pl

# EDTF (ISO 8601-2) as the contract writes dates: 2021-10-06, 2021-10, 2021; 2021-11-01~ when approximate;
# first/last for a span of days, months or years (2021-07-13/2021-07-15, 2004/2012) and first/.. when
# open-ended (2014/..). A Hijri or Jalali month or year does not line up with Gregorian months, so it is
# the Gregorian days it covers (2021-09-08/2021-10-06). While the year is unknown the year is XXXX and
# the rest as written: XXXX-10-06, XXXX-10, a day without its month XXXX-XX-06.
_UNIT_FORMAT = {"day": "%Y-%m-%d", "month": "%Y-%m", "year": "%Y"}


@dataclass(frozen=True)
class DateValue:
    """A day, month or year in its calendar, and the inclusive Gregorian interval it covers: `start` is None
    while the year is unknown or when the written date does not exist; `end` is None after a start when the
    date is open-ended (since 2014)."""

    calendar: str
    year: int | None
    month: int | None
    day: int | None
    grain: str
    start: dt.date | None = None
    end: dt.date | None = None
    approximate: bool = False
    # Days either side the true date may lie: Hijri months start by local moon sighting, Afghan
    # solar dates are often printed a day off.
    tolerance_days: int = 0
    weekday: int | None = None  # the weekday written with the date (0 = Monday), if any
    year_from: str | None = None  # "text" when written, "published" when taken from the publication date
    notes: tuple[str, ...] = ()

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def edtf(self) -> str:
        """The EDTF text of this date; `edtf_expr` is the same definition over columns."""
        mark = "~" if self.approximate else ""
        if self.start is None:
            return _unknown_year_edtf(self.year, self.month, self.day, self.grain) + mark
        if not _in_units(self.calendar, self.grain):
            first = self.start.isoformat()
            return f"{first}{mark}/{self.end.isoformat()}{mark}" if self.end else f"{first}{mark}/.."
        first = self.start.strftime(_UNIT_FORMAT[self.grain])
        if self.end is None:
            return f"{first}{mark}/.."
        last = self.end.strftime(_UNIT_FORMAT[self.grain])
        return first + mark if first == last else f"{first}{mark}/{last}{mark}"

    @property
    def weekday_matches(self) -> bool | None:
        """Whether the written weekday fits the date (within the date's tolerance); None if not checkable."""
        if self.weekday is None or self.grain != "day" or self.start is None:
            return None
        offsets = range(-self.tolerance_days, self.tolerance_days + 1)
        return any((self.start + dt.timedelta(days=k)).weekday() == self.weekday for k in offsets)


def reference_day(value: str | dt.date | None) -> dt.date | None:
    """A reference day as the library takes it: an ISO date string (`2024-05-15`, as `--published` takes
    it), a datetime.date (a datetime gives its date), or None. Anything else is a ValueError naming it."""
    if value is None or type(value) is dt.date:
        return value
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            raise ValueError(f"published={value!r} is not an ISO date (YYYY-MM-DD)") from None
    raise ValueError(f"published must be an ISO date string or a datetime.date, not {type(value).__name__}")


def _in_units(calendar: str, grain: str) -> bool:
    """Whether EDTF can write the date in its own units: days in any calendar, Gregorian months and years."""
    return grain == "day" or calendar == "gregorian"


def _unknown_year_edtf(year: int | None, month: int | None, day: int | None, grain: str) -> str:
    if year is None and month is None and day is None:  # a relative date with no publication date to count from
        return {"day": "XXXX-XX-XX", "month": "XXXX-XX"}.get(grain, "XXXX")
    written = "XXXX" if year is None else f"{year:04d}"
    if month is not None:
        written += f"-{month:02d}"
    elif day is not None:
        written += "-XX"
    return written + (f"-{day:02d}" if day is not None else "")


def edtf_expr(calendar: pl.Expr, grain: pl.Expr, start: pl.Expr, end: pl.Expr, approximate: pl.Expr) -> pl.Expr:
    """DateValue.edtf over columns of dates with a start (null where `start` is null); tests/test_edtf.py
    holds the two equal on every calendar, grain, span and mark."""
    mark = pl.when(approximate).then(pl.lit("~")).otherwise(pl.lit(""))

    def unit(day: pl.Expr) -> pl.Expr:
        by_grain = pl.when(grain == "day").then(day.dt.to_string(_UNIT_FORMAT["day"]))
        return by_grain.when(grain == "month").then(day.dt.to_string(_UNIT_FORMAT["month"])).otherwise(
            day.dt.to_string(_UNIT_FORMAT["year"])
        )

    in_units = (grain == "day") | (calendar == "gregorian")
    first = pl.when(in_units).then(unit(start)).otherwise(start.dt.to_string(_UNIT_FORMAT["day"]))
    last = pl.when(in_units).then(unit(end)).otherwise(end.dt.to_string(_UNIT_FORMAT["day"]))
    return (
        pl.when(start.is_null())
        .then(pl.lit(None, pl.Utf8))
        .when(end.is_null())
        .then(pl.concat_str(first, mark, pl.lit("/..")))
        .when(in_units & (first == last))
        .then(pl.concat_str(first, mark))
        .otherwise(pl.concat_str(first, mark, pl.lit("/"), last, mark))
    )
