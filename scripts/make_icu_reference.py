"""Writes tests/data/icu_umalqura_month_starts.parquet, the reference that tests/test_calendar_crosscheck.py
holds our Hijri dates against: the first Gregorian day of every month of ICU's `islamic-umalqura` calendar
from 1900-01-01 to 2100-12-31. Month starts are enough to rebuild every day (a day's month is the last start
on or before it; its day number counts from that start), and they keep the file at a few kilobytes, so the
test needs no ICU and no compiler. Before writing, the script rebuilds every day of the window from the
starts and checks it against ICU's own answer for that day.

Run it again only to follow a new ICU release (needs PyICU: `pip install '.[icu]'`, which builds against
libicu-dev with a C++ compiler):

    python scripts/make_icu_reference.py
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import icu
import polars as pl

FIRST, LAST = dt.date(1900, 1, 1), dt.date(2100, 12, 31)
REFERENCE = Path(__file__).resolve().parent.parent / "tests" / "data" / "icu_umalqura_month_starts.parquet"
JULIAN_DAY_OF_ORDINAL_0 = 1_721_425  # proleptic Gregorian ordinal -> Julian day number


def icu_days(first: dt.date, last: dt.date) -> pl.DataFrame:
    """ICU's islamic-umalqura year, month and day of every day from first to last, asked one day at a time
    (ICU has no vectorised API)."""
    calendar = icu.Calendar.createInstance(icu.TimeZone.getGMT(), icu.Locale("en@calendar=islamic-umalqura"))
    if calendar.getType() != "islamic-umalqura":
        raise SystemExit(f"ICU {icu.ICU_VERSION} has no islamic-umalqura calendar (got {calendar.getType()})")
    fields = icu.UCalendarDateFields
    dates = pl.date_range(first, last, eager=True)
    years, months, days = [], [], []
    for day in dates:
        calendar.clear()
        calendar.set(fields.JULIAN_DAY, day.toordinal() + JULIAN_DAY_OF_ORDINAL_0)
        years.append(calendar.get(fields.EXTENDED_YEAR))
        months.append(calendar.get(fields.MONTH) + 1)
        days.append(calendar.get(fields.DATE))
    return pl.DataFrame({"date": dates, "year": years, "month": months, "day": days}, schema_overrides={"year": pl.Int16, "month": pl.Int8, "day": pl.Int8})


def month_starts(days: pl.DataFrame) -> pl.DataFrame:
    """The first day of every month the window touches; the window's first month may start before it."""
    first_seen = days.group_by("year", "month", maintain_order=True).agg(pl.col("date").first(), pl.col("day").first())
    return first_seen.select("year", "month", first=pl.col("date") - pl.duration(days=pl.col("day").cast(pl.Int64) - 1))


def days_from_starts(starts: pl.DataFrame, first: dt.date, last: dt.date) -> pl.DataFrame:
    """Every day from first to last rebuilt from the month starts: the same reconstruction the test does."""
    dates = pl.DataFrame({"date": pl.date_range(first, last, eager=True)})
    return (
        dates.join_asof(starts.sort("first"), left_on="date", right_on="first", strategy="backward")
        .with_columns(day=((pl.col("date") - pl.col("first")).dt.total_days() + 1).cast(pl.Int8))
        .select("date", "year", "month", "day")
    )


def main() -> None:
    days = icu_days(FIRST, LAST)
    starts = month_starts(days)
    rebuilt = days_from_starts(starts, FIRST, LAST)
    if not rebuilt.equals(days):
        raise SystemExit("the month starts do not rebuild ICU's days; the reference was not written")
    lengths = starts["first"].diff().dt.total_days().drop_nulls()
    if not lengths.is_in([29, 30]).all():
        raise SystemExit(f"a month of {lengths.filter(~lengths.is_in([29, 30])).to_list()} days; the reference was not written")
    starts.write_parquet(REFERENCE, compression="zstd", compression_level=22, metadata={"icu_version": icu.ICU_VERSION, "window": f"{FIRST}/{LAST}"})
    print(f"{REFERENCE}: {starts.height} months ({starts['first'].min()} to {starts['first'].max()}), {REFERENCE.stat().st_size} bytes, ICU {icu.ICU_VERSION}")


if __name__ == "__main__":
    main()
